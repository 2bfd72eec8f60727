using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// The span methods that are loops of stores (MethodParser.SpanStores): Clear, Fill and CopyTo on local arrays, the caller's
/// output span, view locals and views written in place, in loops (so what they overwrite must be restored), and CopyTo
/// between overlapping views of one array in both directions. Each is checked against finite differences through the
/// fused entry and through Forward + Backward.
/// </summary>
public static class SpanStoreCases
{
    private static double[] P(params double[] values) => values;

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // A state copied in, updated and copied back out each step: CopyTo between whole arrays and from a ReadOnlySpan.
        SpanDriver.Case("CopyToBetweenArraysInALoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double rate)
                {
                    double[] state = new double[x.Length];
                    double[] next = new double[x.Length];
                    x.CopyTo(state);
                    for (int step = 0; step < 3; step++)
                    {
                        for (int i = 0; i < next.Length; i++) next[i] = Math.Sin(state[i] * rate) + state[(i + 1) % state.Length];
                        next.AsSpan().CopyTo(state);
                    }

                    return state[0] * state[1] + state[2];
                }
            """, new[] { Span("x", 3), Scalar("rate") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.4)),

        // An accumulator cleared at the top of each round, and filled with a differentiable value: the reverse sweep must
        // restore what the clear and the fill overwrite.
        SpanDriver.Case("ClearAndFillInALoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double bias)
                {
                    Span<double> sums = stackalloc double[2];
                    double[] padded = new double[x.Length + 2];
                    double total = 0;
                    for (int round = 0; round < 3; round++)
                    {
                        sums.Clear();
                        padded.AsSpan().Fill(bias * (round + 1));
                        for (int i = 0; i < x.Length; i++) padded[i + 1] += x[i] * padded[i];
                        for (int i = 0; i < padded.Length; i++) sums[i % 2] += padded[i] * padded[i];
                        total += sums[0] * sums[1];
                    }

                    return total;
                }
            """, new[] { Span("x", 3), Scalar("bias") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.4)),

        // Overlapping views of one array, copied towards the end (from the last element) and towards the start (from the
        // first), as CopyTo copies them; and a view local filled.
        SpanDriver.Case("OverlappingCopiesBothWays", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double scale)
                {
                    double[] a = new double[x.Length + 2];
                    x.CopyTo(a.AsSpan(1));
                    a.AsSpan(0, 3).CopyTo(a.AsSpan(1));
                    a[0] = a[2] * scale;
                    a.AsSpan(2).CopyTo(a);
                    Span<double> tail = a.AsSpan(a.Length - 2);
                    tail.Fill(a[0] * a[1]);
                    double s = 0;
                    for (int i = 0; i < a.Length; i++) s += a[i] * (i + 1);
                    return s;
                }
            """, new[] { Span("x", 4), Scalar("scale") }, P(0.5, -1, 0.3, 0.8, 1.3), P(-0.3, 0.7, 1.2, -0.4, 0.6)),

        // The caller's output span cleared and written by CopyTo from a view of a local array: the entries take it as Span.
        SpanDriver.Case("OutputSpanClearedAndCopiedInto", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, Span<double> output)
                {
                    double[] h = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) h[i] = Math.Tanh(x[i] * x[(i + 1) % x.Length]);
                    output.Clear();
                    h.AsSpan(1, 2).CopyTo(output.Slice(1));
                    output[0] += h[0];
                    return output[0] * output[1] + output[2];
                }
            """, new[] { Span("x", 3), Span("output", 3, "Span") }, P(0.5, -1, 0.3, 0.8, 0.2, -0.4), P(-0.3, 0.7, 1.2, -0.1, 0.15, 0.4)),

        // Array.Copy (both overloads, and one into an output array), Array.Fill and Array.Clear (whole and ranges), and an
        // array's CopyTo(destination, index): the reverse sweep restores what each overwrites.
        SpanDriver.Case("ArrayCopyFillAndClear", """
                [Differentiable]
                public static double F(double[] a, double[] output, double y)
                {
                    double[] b = new double[a.Length + 1];
                    Array.Fill(b, y * y);
                    Array.Copy(a, b, 2);
                    Array.Copy(a, 1, b, 2, 2);
                    b[0] *= y;
                    Array.Fill(output, b[0], 1, 2);
                    Array.Clear(b, 1, 1);
                    double s = 0;
                    foreach (double v in b) s += v * v;
                    a.CopyTo(output, 1);
                    Array.Clear(b);
                    b[1] = s;
                    return b[1] + output[1] * output[2] + output[0];
                }
            """, new[] { Span("a", 3, "Array"), Span("output", 4, "Array"), Scalar("y") },
            P(0.5, -1, 0.3, 0.8, 0.2, -0.4, 0.1, 1.3), P(-0.3, 0.7, 1.2, -0.1, 0.15, 0.4, 0.9, -0.6)),

        // Array.Copy within one array, shifting towards the end and towards the start in a loop (as if through a buffer),
        // and widening int elements into a double array.
        SpanDriver.Case("ArrayCopyWithinOneArray", """
                [Differentiable]
                public static double F(double[] x, int[] weights)
                {
                    double[] h = new double[x.Length];
                    Array.Copy(x, h, x.Length);
                    double[] w = new double[weights.Length];
                    Array.Copy(weights, w, weights.Length);
                    double s = 0;
                    for (int step = 0; step < 3; step++)
                    {
                        Array.Copy(h, 0, h, 1, h.Length - 1);
                        h[0] = Math.Sin(h[1] * w[step % w.Length]);
                        Array.Copy(h, 1, h, 0, 2);
                        s += h[0] * h[1] + h[2];
                    }

                    return s;
                }
            """, new[] { Span("x", 4, "Array"), Fixed("weights", "new[] { 2, -1, 3 }") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.4)),

        // Local arrays made as copies: Clone, ToArray of a span, of a view and of a whole array's span, and a copy made in a
        // loop each round (declared once, before the loop, and copied into where the source declares it).
        SpanDriver.Case("ArraysMadeAsCopies", """
                [Differentiable]
                public static double F(double[] a, ReadOnlySpan<double> x)
                {
                    double[] b = (double[])a.Clone();
                    double[] c = x.ToArray();
                    double[] d = a.AsSpan().ToArray();
                    double[] e = x.Slice(1).ToArray();
                    for (int round = 0; round < 2; round++)
                    {
                        double[] previous = (double[])b.Clone();
                        for (int j = 0; j < b.Length; j++) b[j] = previous[j] * previous[(j + 1) % b.Length] + c[j];
                    }

                    c[0] = 0;
                    return b[0] + b[2] * c[1] + d[1] * e[0] + a[0] * e[1];
                }
            """, new[] { Span("a", 3, "Array"), Span("x", 3) }, P(0.5, -1, 0.3, 0.8, 0.2, -0.4), P(-0.3, 0.7, 1.2, -0.1, 0.15, 0.4)),
    };
}
