using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Span views (MethodParser.Views): slices, ranges and AsSpan of parameters, of local arrays and of other views, read
/// by element, by foreach and by a [Differentiable] callee, written through, declared in loops, at fixed and computed
/// offsets. Each is checked against finite differences through the fused entry and through Forward + Backward.
/// </summary>
public static class ViewCases
{
    private static double[] P(params double[] values) => values;

    private const string Dot = """
            [Differentiable]
            public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    s += a[i] * b[i];
                }

                return s;
            }
        """;

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // The shape views are for: one row of a row-major matrix per iteration, passed to a callee and read by element.
        SpanDriver.Case("RowsOfAMatrix", Dot + """
                [Differentiable]
                public static double F(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
                {
                    int cols = x.Length;
                    int rows = w.Length / cols;
                    double total = 0;
                    for (int r = 0; r < rows; r++)
                    {
                        ReadOnlySpan<double> row = w.Slice(r * cols, cols);
                        total += Math.Tanh(Dot(row, x)) * row[r % cols];
                    }

                    return total;
                }
            """, new[] { Span("w", 6), Span("x", 3) },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, 0.9)),

        // Ranges from the start, to the end, and counted from the end (^1), read in a loop bounded by the view's length.
        SpanDriver.Case("RangesOfASpan", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    ReadOnlySpan<double> tail = x[1..];
                    ReadOnlySpan<double> head = x[..^1];
                    ReadOnlySpan<double> middle = x[1..^1];
                    double s = 0;
                    for (int i = 0; i < tail.Length; i++)
                    {
                        s += Math.Sin(tail[i] - head[i]) * head[i];
                    }

                    return s + middle[0] * middle[middle.Length - 1];
                }
            """, new[] { Span("x", 4) }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, 0.1)),

        // A view of a view, an alias of a whole parameter, and a view passed straight to a callee as an argument.
        SpanDriver.Case("ViewsOfViewsAndArguments", Dot + """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
                {
                    ReadOnlySpan<double> all = x;
                    ReadOnlySpan<double> rest = all.Slice(1);
                    ReadOnlySpan<double> inner = rest.Slice(1, 2);
                    return Dot(inner, y.Slice(0, 2)) + Dot(rest[..2], y[1..]) * all[0] + Math.Exp(inner[1]);
                }
            """, new[] { Span("x", 4), Span("y", 3) }, P(0.5, -1, 0.3, 0.8, 0.2, -0.4, 0.6), P(-0.3, 0.7, 1.2, 0.1, 0.9, 0.2, -0.5)),

        // foreach over a view: an index loop over the viewed span.
        SpanDriver.Case("ForeachOverAView", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = y;
                    foreach (double v in x.Slice(1, 3))
                    {
                        if (v < -5) continue;
                        s = s * v + Math.Cos(s);
                    }

                    return s;
                }
            """, new[] { Span("x", 5), Scalar("y") }, P(0.5, -1, 0.3, 0.8, 2, 0.4), P(-0.3, 0.7, 1.2, -0.1, 0.9, -0.6)),

        // Writes through a view of a local array overwrite its elements: the reverse sweep restores what they destroy.
        SpanDriver.Case("WritesThroughAViewOfALocalArray", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] buffer = new double[x.Length + 2];
                    Span<double> body = buffer.AsSpan(1, x.Length);
                    for (int i = 0; i < body.Length; i++)
                    {
                        body[i] = x[i] * y;
                    }

                    double s = 0;
                    for (int pass = 0; pass < 2; pass++)
                    {
                        for (int i = 0; i < body.Length; i++)
                        {
                            body[i] = Math.Sin(buffer[i] + body[i] + buffer[i + 2]);
                            s += body[i] * body[i];
                        }
                    }

                    return s;
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -1.1)),

        // A view whose start moves in the loop, passed to a callee; the split entries must know each iteration's start and length.
        SpanDriver.Case("MovingWindowIntoACallee", Dot + """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> kernel)
                {
                    double s = 0;
                    int width = kernel.Length;
                    for (int i = 0; i + width <= x.Length; i++)
                    {
                        s = Math.Sin(s) + Dot(x.Slice(i, width), kernel) * x[i];
                    }

                    return s;
                }
            """, new[] { Span("x", 5), Span("kernel", 2) }, P(0.5, -1, 0.3, 0.8, 0.2, -0.4, 0.6), P(-0.3, 0.7, 1.2, 0.1, 0.9, 0.2, -0.5)),

        // The window's start is an int the loop carries from one iteration to the next (set after the call that reads it):
        // a loop run one iteration at a time must not take the view's start as the iteration's own.
        SpanDriver.Case("WindowStartCarriedAcrossIterations", Dot + """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
                {
                    double s = 0;
                    int k = 0;
                    for (int i = 0; i < 3; i++)
                    {
                        s += Math.Sin(Dot(x.Slice(k, 2), y));
                        k = k + 1;
                    }

                    return s;
                }
            """, new[] { Span("x", 4), Span("y", 2) }, P(0.5, -1, 0.3, 0.8, 0.2, -0.4), P(-0.3, 0.7, 1.2, 0.1, 0.9, 0.2)),

        // AsSpan of an array parameter, read at a computed index (checked, since no loop bounds it).
        SpanDriver.Case("ViewOfAnArrayParameterAtAComputedIndex", """
                [Differentiable]
                public static double F(double[] x, double y)
                {
                    Span<double> last = x.AsSpan(x.Length - 2);
                    int k = x.Length / 4 - 1;
                    return last[k] * y + Math.Sqrt(last[k + 1] * last[k + 1] + 1) * last[0];
                }
            """, new[] { Span("x", 4, "Array"), Scalar("y") }, P(0.5, -1, 0.3, 0.8, 0.2), P(-0.3, 0.7, 1.2, -0.1, 0.9)),

        // FB-17: the caller's span written only through a view local; its entries must take it as Span (they took it as
        // ReadOnlySpan, and the generated code did not compile). The gradient is with respect to y's values before the writes.
        SpanDriver.Case("CallersSpanWrittenThroughAView", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, Span<double> y)
                {
                    Span<double> row = y.Slice(1, 2);
                    row[0] = x[0] * x[1] + row[1];
                    row[1] *= x[1];
                    return y[1] * y[0] + y[2];
                }
            """, new[] { Span("x", 2), Span("y", 3, "Span") }, P(0.5, -1, 0.3, 0.8, 0.2), P(-0.3, 0.7, 1.2, -0.1, 0.9)),

        // FB-19: a callee's result added into a view's element, the call's partials saved. The reverse sweep reads the
        // element's adjoint at the view's start and length, which Backward did not get back from the tape (it threw).
        SpanDriver.Case("CallResultAddedIntoAViewElement", """
                [Differentiable]
                public static double Weighted(ReadOnlySpan<double> p, double s)
                {
                    double t = 0;
                    for (int i = 0; i < p.Length; i++) t += p[i] * s;
                    return t;
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> p, double x)
                {
                    double[] a = new double[3];
                    Span<double> view = a.AsSpan(1);
                    view[0] += Weighted(p.Slice(0, 2), x * x);
                    return a[1] * 2 + a[0] + x;
                }
            """, new[] { Span("p", 3), Scalar("x") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.1)),
    };
}
