namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The tensor twin's TensorPrimitives reductions: loops over 0-d tensors, so the dynamic graph differentiates them element by
/// element. Where the derivative does not exist they give what the generator's runtime gives, PyTorch's conventions: a
/// maximum or minimum shared by several elements splits the gradient evenly between them, a norm or distance of 0 has
/// gradient 0, and |x| at 0 has gradient 0 (the graph's Abs already does).
/// </summary>
internal static class TwinReductions
{
    public static string Call(Reduction r)
    {
        string first = $"{r.First.Collection}, {r.First.Start}";
        return r.Second is { } second
            ? $"R{r.Method}({first}, {second.Collection}, {second.Start}, {r.First.Length})"
            : $"R{r.Method}({first}, {r.First.Length})";
    }

    // Max and Min return the element itself when it is alone; when several share it, its value plus each tied element's
    // deviation from itself (zero) times 1 / ties, which gives each tied element that share of the gradient.
    public const string Helpers = """
            private static Tensor RSum(Tensor[] a, int s, int n) { Tensor t = K(0.0); for (int k = 0; k < n; k++) t = t + a[s + k]; return t; }
            private static Tensor RSumOfSquares(Tensor[] a, int s, int n) { Tensor t = K(0.0); for (int k = 0; k < n; k++) t = t + a[s + k] * a[s + k]; return t; }
            private static Tensor RSumOfMagnitudes(Tensor[] a, int s, int n) { Tensor t = K(0.0); for (int k = 0; k < n; k++) t = t + a[s + k].Abs(); return t; }
            private static Tensor RProduct(Tensor[] a, int s, int n) { Tensor t = K(1.0); for (int k = 0; k < n; k++) t = t * a[s + k]; return t; }
            private static Tensor RNorm(Tensor[] a, int s, int n) { Tensor q = RSumOfSquares(a, s, n); return q.Item() == 0 ? K(0.0) : q.Sqrt(); }
            private static Tensor RDot(Tensor[] a, int sa, Tensor[] b, int sb, int n) { Tensor t = K(0.0); for (int k = 0; k < n; k++) t = t + a[sa + k] * b[sb + k]; return t; }
            private static Tensor RDistance(Tensor[] a, int sa, Tensor[] b, int sb, int n)
            {
                Tensor q = K(0.0);
                for (int k = 0; k < n; k++) { Tensor d = a[sa + k] - b[sb + k]; q = q + d * d; }
                return q.Item() == 0 ? K(0.0) : q.Sqrt();
            }
            private static Tensor RMax(Tensor[] a, int s, int n) => Extreme(a, s, n, max: true);
            private static Tensor RMin(Tensor[] a, int s, int n) => Extreme(a, s, n, max: false);
            private static Tensor Extreme(Tensor[] a, int s, int n, bool max)
            {
                int at = s;
                for (int k = s + 1; k < s + n; k++) { if (max ? a[k].Item() > a[at].Item() : a[k].Item() < a[at].Item()) at = k; }
                int ties = 0;
                for (int k = s; k < s + n; k++) { if (a[k].Item() == a[at].Item()) ties++; }
                if (ties == 1) return a[at];
                Tensor t = K(a[at].Item());
                for (int k = s; k < s + n; k++) { if (a[k].Item() == a[at].Item()) t = t + (a[k] - a[k].Detach()) * (1.0 / ties); }
                return t;
            }

        """;
}
