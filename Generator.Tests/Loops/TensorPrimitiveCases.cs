using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Calls to the TensorPrimitives reductions the runtime differentiates (TensorPrimitiveGradients): each case checks the
/// generated gradient against finite differences through the fused entry and through Forward + Backward, at points where
/// every reduction is smooth (no ties, zeros or zero norms; those conventions are the runtime tests').
/// </summary>
public static class TensorPrimitiveCases
{
    private static double[] P(params double[] values) => values;

    private const string TP = "System.Numerics.Tensors.TensorPrimitives";

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // A layer: the dot product of each weight row with the input, through tanh, in a loop; the data enters as a
        // [NoDerivative] span, whose partials the gradient entry computes and the caller drops.
        SpanDriver.Case("DotOfEachRowInALoop", $$"""
                [Differentiable]
                public static double F(ReadOnlySpan<double> w, ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> bias)
                {
                    int n = x.Length;
                    double total = 0;
                    for (int r = 0; r < bias.Length; r++)
                    {
                        total += Math.Tanh({{TP}}.Dot(w.Slice(r * n, n), x) + {{TP}}.Dot(bias, x.Slice(1)) * 0.1);
                    }

                    return total + {{TP}}.Sum(w) * {{TP}}.Sum(x);
                }
            """, new[] { Span("w", 6), Span("x", 3), Fixed("bias", "new double[] { 0.25, -0.5 }") },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, 0.9)),

        // Norms and distances, and sums of squares and magnitudes, of parameters and of a local array the method writes.
        SpanDriver.Case("NormsAndDistances", $$"""
                [Differentiable]
                public static double F(double[] a, ReadOnlySpan<double> b)
                {
                    double[] scaled = new double[a.Length];
                    for (int i = 0; i < a.Length; i++) scaled[i] = a[i] * b[i] + 1.0;
                    return {{TP}}.Norm<double>(a) * {{TP}}.Distance<double>(scaled, b) + {{TP}}.SumOfSquares(b)
                           - {{TP}}.SumOfMagnitudes<double>(scaled);
                }
            """, new[] { Span("a", 3, "Array"), Span("b", 3) }, P(0.5, -1, 0.3, 0.8, -0.2, 1.4), P(-0.3, 0.7, 1.2, -0.1, 0.15, 0.4)),

        // Product, maximum and minimum (no ties at these points).
        SpanDriver.Case("ProductMaximumAndMinimum", $$"""
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    Span<double> shifted = stackalloc double[x.Length];
                    for (int i = 0; i < x.Length; i++) shifted[i] = x[i] - y * i;
                    return {{TP}}.Product<double>(shifted) + {{TP}}.Max<double>(shifted) * {{TP}}.Min(x);
                }
            """, new[] { Span("x", 4), Scalar("y") }, P(0.5, -1, 0.3, 0.8, 0.2), P(-0.3, 0.7, 1.2, -0.1, -0.4)),

        // FB-21 (differential fuzz, seed 136000046 and others): a reduction whose value only is needed (in a condition, or of
        // values that are not differentiated) is called as TensorPrimitives itself; generated code passed the pooled local
        // array and the Span parameter without the source's <double>, and C# cannot infer T from a Span (CS1503). The Span
        // parameter goes through a writer the caller inlines, which passes its own local array in its place.
        SpanDriver.Case("ValueOnlyReductionsOfArraysAndSpans", $$"""
                [Differentiable]
                public static void Scale(Span<double> into, double by)
                {
                    for (int i = 0; i < into.Length; i++) into[i] = by * (i + 1);
                    if ({{TP}}.SumOfSquares<double>(into) > 1.0) into[0] *= by;
                }

                [Differentiable]
                public static double F(double[] a, Span<double> s, double y)
                {
                    double[] local = new double[a.Length];
                    double total = 0;
                    for (int i = 0; i < a.Length; i++)
                    {
                        local[i] = a[i] * y;
                        Scale(local, y);
                        total += {{TP}}.Sum<double>(local) > 0.5 ? local[i] : -local[i];
                    }

                    return {{TP}}.Max<double>(s) > 0 ? total * s[0] : total - {{TP}}.Dot<double>(a, local);
                }
            """, new[] { Span("a", 3, "Array"), Span("s", 3, "Span"), Scalar("y") }, P(0.5, -1, 0.3, 0.8, -0.2, 1.4, 0.7), P(-0.3, 0.7, 1.2, -0.1, -0.15, -0.4, -1.3)),

        // float spans: the reverse calls the gradient entry again with float partials from the pool (the tape holds doubles).
        Array2DDriver.Case("FloatSpans", $$"""
                [Differentiable]
                public static float F(float[,] w, ReadOnlySpan<float> x)
                {
                    float total = {{TP}}.SumOfSquares(x);
                    for (int i = 0; i < w.GetLength(0); i++)
                    {
                        total += MathF.Tanh({{TP}}.Dot(x, x) * w[i, 0]) + {{TP}}.Norm(x) * w[i, 1];
                    }

                    return total;
                }

                public static double FReference(double[,] w, ReadOnlySpan<double> x)
                {
                    double total = {{TP}}.SumOfSquares(x);
                    for (int i = 0; i < w.GetLength(0); i++)
                    {
                        total += Math.Tanh({{TP}}.Dot(x, x) * w[i, 0]) + {{TP}}.Norm(x) * w[i, 1];
                    }

                    return total;
                }
            """, new[] { Array2DArgument.Matrix("w", 2, 2), Array2DArgument.Vector("x", 3) }, true,
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6)),
    };
}
