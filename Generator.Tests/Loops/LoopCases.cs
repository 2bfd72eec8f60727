using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Loops, spans, arrays and mutation, written the way numeric kernels are written. Points are chosen so
/// that early exits are taken on some points and not on others, and trip counts depend on the data.
/// </summary>
public static class LoopCases
{
    private static double[] P(params double[] values) => values;

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        SpanDriver.Case("SumOfSquaresFor", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += x[i] * x[i];
                    }

                    return s;
                }
            """, new[] { Span("x", 3) }, P(0.5, -1.5, 2.0), P(1, 2, 3)),

        // Only the last iteration's assignment reaches the result: each iteration's take must zero the adjoint for the
        // one before it (the take is the adjoint's only mention in the loop, and the only one after it).
        SpanDriver.Case("LastAssignmentInLoopWins", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double last = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        last = x[i] * w;
                    }

                    return last * last;
                }
            """, new[] { Span("x", 3), Scalar("w") }, P(0.5, -1.5, 2.0, 0.7), P(1, 2, 3, -1.1)),

        SpanDriver.Case("LastPositiveInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double last = 1;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (x[i] > 0) last = x[i] * x[i];
                    }

                    return 3 * last;
                }
            """, new[] { Span("x", 4) }, P(0.5, -1.5, 2.0, -0.5), P(1, 2, 3, 4), P(-1, -2, -3, -4)),

        SpanDriver.Case("WhileWithBreak", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double p = 1;
                    int i = 0;
                    while (i < x.Length)
                    {
                        if (p > 4) break;
                        p *= x[i] + 0.5;
                        i++;
                    }

                    return p * 2 + x[0];
                }
            """, new[] { Span("x", 4) }, P(0.5, 1.5, 2.0, 3.0), P(3, 2, 1.5, 0.7), P(0.1, 0.2, 0.3, 0.4)),

        SpanDriver.Case("EarlyReturnInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (x[i] < 0)
                        {
                            return s * x[i] + Math.Exp(s);
                        }

                        s += Math.Sin(x[i]) * (s + 1);
                    }

                    return s * s;
                }
            """, new[] { Span("x", 3) }, P(0.5, -1.5, 2.0), P(1, 2, 3), P(-0.3, 1, 1)),

        SpanDriver.Case("ContinueSkipsElements", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double s = 0;
                    foreach (double v in x)
                    {
                        if (v < 0)
                        {
                            continue;
                        }

                        s = s * w + v * v;
                    }

                    return s;
                }
            """, new[] { Span("x", 4), Scalar("w") }, P(0.5, -1.5, 2.0, 1.0, 0.7), P(1, 2, -3, 4, 1.3)),

        SpanDriver.Case("DoWhileDataDependentTripCount", """
                [Differentiable]
                public static double F(double y, double rate)
                {
                    int k = 0;
                    do
                    {
                        y = y * rate + 0.1 * Math.Sin(y);
                        k++;
                    }
                    while (y > 0.2 && k < 30);

                    return y * k;
                }
            """, new[] { Scalar("y"), Scalar("rate") }, P(3.0, 0.7), P(0.15, 0.5), P(1.0, 0.9)),

        SpanDriver.Case("NestedLoopsMatrixVector", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> a, ReadOnlySpan<double> x, int n)
                {
                    double s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        double row = 0;
                        for (int j = 0; j < n; j++)
                        {
                            row += a[i * n + j] * x[j];
                        }

                        s += Math.Tanh(row) * x[i];
                    }

                    return s;
                }
            """, new[] { Span("a", 4), Span("x", 2), Fixed("n", "2") }, P(0.5, -1, 2, 0.3, 0.7, -0.4), P(1, 2, 3, 4, 0.1, 0.2)),

        SpanDriver.Case("OverwrittenLocalArray", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double[] t = new double[4];
                    for (int i = 0; i < 4; i++)
                    {
                        t[i] = x[i];
                    }

                    for (int sweep = 0; sweep < 3; sweep++)
                    {
                        for (int i = 0; i < 4; i++)
                        {
                            t[i] = t[i] * Math.Cos(t[(i + 1) % 4]) + 0.5 * t[i];
                        }
                    }

                    double s = 0;
                    for (int i = 0; i < 4; i++)
                    {
                        s += t[i] * (i + 1);
                    }

                    return s;
                }
            """, new[] { Span("x", 4) }, P(0.5, -1, 2, 0.3), P(1, 0.2, -0.3, 0.4)),

        SpanDriver.Case("StackallocScratch", """
                [Differentiable]
                public static double F(double[] x)
                {
                    Span<double> t = stackalloc double[3];
                    t[0] = x[0];
                    t[1] = t[0] * x[1];
                    t[2] = t[1] * x[2];
                    t[0] = t[2] - t[0];
                    t[1] *= t[0];
                    return t[0] + t[1] + t[2];
                }
            """, new[] { Span("x", 3, "Array") }, P(0.5, -1, 2), P(1.3, 0.2, -0.3)),

        SpanDriver.Case("OutputSpanWrittenAndRead", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, Span<double> y)
                {
                    y[0] = y[0] * x[0];
                    y[1] = x[1] * x[1];
                    double s = 0;
                    for (int i = 0; i < y.Length; i++)
                    {
                        s += y[i] * y[i];
                    }

                    return s;
                }
            """, new[] { Span("x", 2), Span("y", 3, "Span") }, P(0.5, -1, 2, 0.3, 0.7), P(1, 2, 3, 4, 5)),

        SpanDriver.Case("CalleeTakesLocalArray", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double[] t = new double[3];
                    for (int i = 0; i < 3; i++)
                    {
                        t[i] = x[i] * x[3];
                    }

                    return Norm(t) * x[0] + Norm(x);
                }

                [Differentiable]
                public static double Norm(ReadOnlySpan<double> v)
                {
                    double s = 0;
                    for (int i = 0; i < v.Length; i++)
                    {
                        s += v[i] * v[i];
                    }

                    return Math.Sqrt(s);
                }
            """, new[] { Span("x", 4) }, P(0.5, -1, 2, 0.3), P(1, 2, 3, 4)),

        // Callees declared with T[] or Span<T> parameters they only read: their entries take ReadOnlySpan<T>, so a
        // caller passes its local arrays, its spans and its arrays alike.
        SpanDriver.Case("CalleesTakingArraysAndSpans", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double[] w)
                {
                    double[] t = new double[3];
                    for (int i = 0; i < 3; i++)
                    {
                        t[i] = x[i] * x[3];
                    }

                    return Norm(t) * x[0] + Norm(w) + Dot(t, w) - Dot(w, w);
                }

                [Differentiable]
                public static double Norm(double[] v)
                {
                    double s = 0;
                    foreach (double e in v)
                    {
                        s += e * e;
                    }

                    return Math.Sqrt(s);
                }

                [Differentiable]
                public static double Dot(Span<double> a, double[] b)
                {
                    double s = 0;
                    for (int i = 0; i < a.Length; i++)
                    {
                        s += a[i] * b[i];
                    }

                    return s;
                }
            """, new[] { Span("x", 4), Span("w", 3, "Array") }, P(0.5, -1, 2, 0.3, 0.4, -0.2, 1.1), P(1, 2, 3, 4, -1, 0.5, 0.25)),

        // A call with several span partials and a scalar one, in Forward/Backward (FB-7: every span partial but the
        // last was kept over the last one's slot, and scalars pushed over the reserved spans).
        SpanDriver.Case("CallWithSeveralSpanPartials", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> w)
                {
                    double[] t = new double[3];
                    for (int i = 0; i < 3; i++)
                    {
                        t[i] = x[i] * x[3];
                    }

                    return Mix(t, x[0], w) * x[1] + Mix(w, x[2], w);
                }

                [Differentiable]
                public static double Mix(ReadOnlySpan<double> a, double s, ReadOnlySpan<double> b)
                {
                    double total = 0;
                    for (int i = 0; i < a.Length; i++)
                    {
                        total += a[i] * b[i] * s + a[i];
                    }

                    return total * s;
                }
            """, new[] { Span("x", 4), Span("w", 3) }, P(0.5, -1, 2, 0.3, 0.4, -0.2, 1.1), P(1, 2, 3, 4, -1, 0.5, 0.25)),

        // Extension methods on spans and arrays, called with extension syntax on a parameter and on a local array.
        SpanDriver.Case("ExtensionMethodsOnCollections", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double[] w)
                {
                    double[] t = new double[3];
                    for (int i = 0; i < 3; i++)
                    {
                        t[i] = x[i] * w[i];
                    }

                    return x.SumOfSquares() + t.WeightedBy(w) * x[0];
                }
            """, new[] { Span("x", 3), Span("w", 3, "Array") }, P(0.5, -1, 2, 0.3, 0.7, 1.5), P(1, 2, 3, 4, -5, 0.6)) with { OtherTypes = """
            public static partial class CollectionExtensions
            {
                [Differentiable]
                public static double SumOfSquares(this ReadOnlySpan<double> v)
                {
                    double s = 0;
                    foreach (double e in v) s += e * e;
                    return s;
                }

                [Differentiable]
                public static double WeightedBy(this double[] v, double[] weights)
                {
                    double s = 0;
                    for (int i = 0; i < v.Length; i++) s += v[i] * Math.Cos(weights[i]);
                    return s;
                }
            }
            """ },

        // is patterns in a loop: on elements, on the loop counter, and in a while condition.
        SpanDriver.Case("IsPatternsInLoops", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (x[i] is > 0 and < 1.5 || i is 0) s += x[i] * x[i];
                        else s -= Math.Exp(x[i] * 0.5);
                    }

                    int k = 0;
                    while (k is < 3) { s *= 1 + 0.1 * x[k]; k++; }
                    return s;
                }
            """, new[] { Span("x", 4) }, P(0.5, -1, 2, 0.3), P(1, 0.2, -0.3, 1.7)),

        // A loop method calling [Differentiable] instance methods of another object through a static property.
        SpanDriver.Case("LoopCallsOnOtherObject", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += Model_LoopCallsOnOtherObject.Default.Score(x[i]) * x[(i + 1) % x.Length];
                    }

                    return s + Model_LoopCallsOnOtherObject.Default.Total(x);
                }
            """, new[] { Span("x", 4) }, P(0.5, -1, 2, 0.3), P(1, 0.2, -0.3, 1.7)) with { OtherTypes = """
            public sealed partial class Model_LoopCallsOnOtherObject
            {
                public static readonly Model_LoopCallsOnOtherObject Default = new();

                private readonly double _bias = 0.25;

                [Differentiable] public double Score(double v) => Math.Sin(v) + _bias * v;

                [Differentiable]
                public double Total(ReadOnlySpan<double> v)
                {
                    double t = _bias;
                    foreach (double e in v) t += e * e;
                    return t;
                }
            }
            """ },

        // Local arrays declared inside loops: one fresh zero-filled array per iteration in C#; one array declared before the
        // outermost loop and zero-filled in place here, with what the fill overwrites restored in the reverse sweep.
        SpanDriver.Case("ArrayDeclaredInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, int d)
                {
                    int n = x.Length / d;
                    double s = 0;
                    for (int p = 0; p < n; p++)
                    {
                        double[] centred = new double[d];
                        for (int j = 0; j < d; j++)
                        {
                            centred[j] = x[p * d + j] - x[j];
                        }

                        // Reads before writing: a fresh array holds zeros.
                        double[] folded = new double[2];
                        for (int j = 0; j < d; j++)
                        {
                            folded[j % 2] += centred[j] * centred[j] * x[p];
                        }

                        s += Math.Sin(folded[0]) * folded[1] + centred[d - 1];
                    }

                    return s;
                }
            """, new[] { Span("x", 6), Fixed("d", "3") }, P(0.5, -1, 2, 0.3, 0.7, 1.5), P(1, 2, 3, 4, -5, 0.6)),

        // FB-9: an array declared in a loop and sized by another declared in the same loop (its Length is the same every time).
        SpanDriver.Case("ArraySizedByAnotherInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < 2; i++)
                    {
                        double[] a = new double[3];
                        double[] b = new double[a.Length];
                        a[i] = x[i] * x[2];
                        b[0] = a[i] + x[1];
                        s += b[0] * a[1] + b[1];
                    }

                    return s;
                }
            """, new[] { Span("x", 3) }, P(0.5, -1, 2), P(1, 0.2, -0.3)),

        SpanDriver.Case("StackallocInNestedLoops", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double total = 0;
                    int m = 3;
                    for (int a = 0; a < 2; a++)
                    {
                        int b = 0;
                        while (b < 2)
                        {
                            Span<double> t = stackalloc double[m];
                            for (int k = 0; k < m; k++)
                            {
                                t[k] = x[(a + b + k) % x.Length] * (k + 1);
                            }

                            total += t[0] * t[1] - Math.Exp(t[2] * 0.1) * total * 0.5;
                            b++;
                        }
                    }

                    return total;
                }
            """, new[] { Span("x", 4) }, P(0.5, -1, 2, 0.3), P(1, 0.2, -0.3, 1.7)),

        // FB-8: calls needing no derivative (a value only in a condition; no argument needing one) to callees declaring
        // T[] and Span<T> go through their MValue, which takes the spans generated code passes.
        SpanDriver.Case("ValueOnlyCallsToArrayCallees", """
                [Differentiable]
                public static double F(double[] p, ReadOnlySpan<double> q)
                {
                    double[] local = new double[2];
                    local[0] = 0.5;
                    local[1] = -0.25;
                    double s = Weigh(local, local, 2.0) * p[0];
                    if (Weigh(q, p, 1.0) > 0.5)
                    {
                        s += p[1] * p[1];
                    }

                    for (int i = 0; i < 2; i++)
                    {
                        s += Total(local) > 0 ? q[i] : -q[i];
                    }

                    return s;
                }

                [Differentiable]
                public static double Weigh(ReadOnlySpan<double> v, double[] u, double a) => (v[0] * u[0] + v[1] * u[1]) * a;

                [Differentiable]
                public static double Total(Span<double> u) => u[0] + u[1];
            """, new[] { Span("p", 2, "Array"), Span("q", 2) }, P(0.5, -1, 2, 0.3), P(1, 0.2, -0.3, 1.7)),

        // A value-only call to a callee declaring T[], re-evaluated by the fused reverse sweep between popping a span
        // partial of another call and reading it (found by the fuzz at seed 95002182: MValue's callees pushed over it).
        SpanDriver.Case("ValueOnlyCallBetweenPopAndRead", """
                [Differentiable]
                public static double F(double[] p, double x, double y)
                {
                    return Math.Min(Guard(p, y) <= x ? y : 2 * y, y.Scaled(p, -0.17));
                }

                [Differentiable]
                public static double Guard(double[] u, double b) => b + b.Scaled(u, b);
            """, new[] { Span("p", 2, "Array"), Scalar("x"), Scalar("y") }, P(0.3, 0.7, 5.0, 0.2), P(0.3, 0.7, -5.0, 0.2)) with { OtherTypes = """
            public static partial class ScaledExtensions
            {
                [Differentiable]
                public static double Scaled(this double b, double[] u, double a)
                {
                    double s = 0;
                    for (int i = 0; i < u.Length; i++)
                    {
                        // a is overwritten each time round: the thread's stack keeps its old values.
                        a = Math.Sin(a) + u[i] * u[i];
                        s += a * b;
                    }

                    return s;
                }
            }
            """ },

        // An array parameter the method writes: its entries take Span<T>, which the caller's array converts to.
        SpanDriver.Case("WrittenArrayParameter", """
                [Differentiable]
                public static double F(double[] y, double[] x)
                {
                    for (int i = 0; i < y.Length; i++)
                    {
                        y[i] = y[i] * x[i] + Scale(x, i);
                    }

                    return y[0] * y[1] - y[2];
                }

                [Differentiable]
                public static double Scale(double[] x, int i) => x[i] * x[(i + 1) % x.Length];
            """, new[] { Span("y", 3, "Array"), Span("x", 3, "Array") }, P(0.5, -1, 2, 0.3, 0.7, 1.5), P(1, 2, 3, 4, -5, 0.6)),

        SpanDriver.Case("IntegerLocalsUpdatedInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    int k = 0;
                    double s = 0;
                    for (int step = 0; step < 7; step++)
                    {
                        s = s * 0.5 + x[k] * x[(k + 1) % x.Length];
                        k += 2;
                        if (k >= x.Length)
                        {
                            k -= x.Length;
                        }
                    }

                    return s;
                }
            """, new[] { Span("x", 5) }, P(0.5, -1, 2, 0.3, 1.1), P(1, 2, 3, 4, 5)),

        SpanDriver.Case("LoopsInBranchesAndSwitchInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double c)
                {
                    double s = c;
                    if (x[0] > 0)
                    {
                        for (int i = 0; i < x.Length; i++)
                        {
                            switch (i % 3)
                            {
                                case 0: s += x[i] * c; break;
                                case 1: s *= 1 + x[i] * x[i]; break;
                                default: s = Math.Max(s, x[i]); break;
                            }
                        }
                    }
                    else
                    {
                        int i = x.Length - 1;
                        while (i >= 0)
                        {
                            s = s * x[i] + (x[i] > 1 ? c * c : c);
                            i--;
                        }
                    }

                    return s;
                }
            """, new[] { Span("x", 4), Scalar("c") }, P(0.5, -1, 2, 0.3, 0.9), P(-1, 2, 0.5, 1.5, 1.2)),

        SpanDriver.Case("LogSumExpWithRunningMax", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double max = x[0];
                    for (int i = 1; i < x.Length; i++)
                    {
                        if (x[i] > max)
                        {
                            max = x[i];
                        }
                    }

                    double sum = 0;
                    for (int i = x.Length - 1; i >= 0; i--)
                    {
                        sum += Math.Exp(x[i] - max);
                    }

                    return Math.Log(sum) + max;
                }
            """, new[] { Span("x", 4) }, P(0.5, -1, 2, 0.3), P(1, 2, 3, 4)),

        // Searches (LastWriteLoops): only the last write of the searched variable is differentiated, after the loop.
        // An argmax with an int side result and a tie-taking test; points where the maximum moves and where x[0] stays it.
        SpanDriver.Case("SearchArgMaxWithIndex", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double best = x[0];
                    int at = 0;
                    for (int i = 1; i < x.Length; i++)
                    {
                        if (x[i] >= best)
                        {
                            best = x[i];
                            at = i;
                        }
                    }

                    return best * w + at;
                }
            """, new[] { Span("x", 4), Scalar("w") }, P(0.5, -1, 2, 0.3, 1.5), P(4, 2, 3, 1, -0.5), P(1, 2, 3, 4, 0.7)),

        // A foreach minimum from a constant start: the element variable is the search's loop-private copy.
        SpanDriver.Case("SearchMinimumOverForeach", """
                [Differentiable]
                public static double F(double[] x, double s)
                {
                    double min = 10;
                    foreach (double v in x)
                    {
                        if (v * s < min) min = v * s;
                    }

                    return min * min + s;
                }
            """, new[] { Span("x", 3, "Array"), Scalar("s") }, P(0.5, -1, 2, 1.3), P(4, 12, 30, 2), P(1, -2, 3, 0.4)),

        // A search inside an outer loop that is not a sum: each row's write position is saved for the reverse.
        SpanDriver.Case("SearchPerRowInOuterLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, int rows)
                {
                    int cols = x.Length / rows;
                    double total = 1;
                    for (int r = 0; r < rows; r++)
                    {
                        double m = x[r * cols];
                        for (int c = 1; c < cols; c++)
                        {
                            if (Math.Abs(x[r * cols + c]) > Math.Abs(m)) m = x[r * cols + c];
                        }

                        total = total * 0.5 + m * m * m;
                    }

                    return total;
                }
            """, new[] { Span("x", 6), Fixed("rows", "2") }, P(0.5, -1, 2, 0.3, -1.7, 1.5), P(1, 2, 3, -4, 0.5, 0.6), P(3, 2, 1, 0.25, 0.5, 0.125)),

        // The same search in a loop that only adds to a sum (differentiated one iteration at a time).
        SpanDriver.Case("SearchPerRowInSumLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    int cols = 3;
                    double total = 0;
                    for (int r = 0; r < x.Length / cols; r++)
                    {
                        double m = x[r * cols];
                        for (int c = 1; c < cols; c++)
                        {
                            if (x[r * cols + c] > m) m = x[r * cols + c];
                        }

                        total += Math.Exp(m * w);
                    }

                    return total;
                }
            """, new[] { Span("x", 6), Scalar("w") }, P(0.5, -1, 2, 0.3, -1.7, 1.5, 0.8), P(1, 2, 3, -4, 0.5, 0.6, -0.3)),

        // A counter that starts below zero, a written value that is an expression of the counter and a scalar, and a
        // test that reads another active value: the search's "written" flag, not the position, says whether it wrote.
        SpanDriver.Case("SearchFromNegativeCounter", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double s, double limit)
                {
                    double found = s;
                    for (int i = -2; i < x.Length - 2; i++)
                    {
                        if (x[i + 2] * s > limit) found = Math.Sin(x[i + 2]) * s + i;
                    }

                    return found * limit;
                }
            """, new[] { Span("x", 4), Scalar("s"), Scalar("limit") }, P(0.5, -1, 2, 0.3, 1.1, 0.4), P(0.1, 0.2, 0.3, 0.4, 0.9, 5), P(3, -2, 1, 0.5, -1.2, 0.2)),

        // A search that tests and writes a callee's value: the passive loop calls it for its value only, and the last write
        // calls it once more after the loop, through the callee's gradient entry.
        // (a - a) is 0, and so is its derivative; but its adjoint here is e^(2a) x[i] (~1e28), which the loop form added to
        // ∂/∂a (~1e15) and took away again, leaving their rounding: 1e-4 of the gradient (found by the fuzzer, seed
        // 111000841). The constant partials of an operand that appears twice in one node are now summed first.
        SpanDriver.Case("CancellingPartialsOfAHugeAdjoint", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double a)
                {
                    double g = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        g += Math.Exp(2 * a) * x[i] * (a - a);
                    }

                    return g + a * Math.Exp(a);
                }
            """, new[] { Span("x", 2), Scalar("a") }, P(0.7, -1.3, 33.22), P(1.1, 0.4, 31.0)),

        // The array's length is a local of the loop set once by an initializer the loop leaves alone: the same every time
        // round, so the array is made once before the loop, sized by the initializer.
        SpanDriver.Case("ArraySizedByLocalDeclaredInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double s = 0;
                    for (int r = 0; r < 3; r++)
                    {
                        int m = x.Length - 1;
                        double[] t = new double[m];
                        for (int i = 0; i < m; i++)
                        {
                            t[i] = x[i + 1] * w - x[i] + r;
                        }

                        for (int i = 0; i < t.Length; i++)
                        {
                            s += t[i] * t[i] * (m - i);
                        }
                    }

                    return s;
                }
            """, new[] { Span("x", 4), Scalar("w") }, P(0.5, -1, 2, 0.3, 0.7), P(1.5, 0.2, -0.7, 1.1, -1.2)),

        SpanDriver.Case("SearchOverCalleeValues", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double best = Score(x[0], w);
                    for (int i = 1; i < x.Length; i++)
                    {
                        if (Score(x[i], w) > best) best = Score(x[i], w) + i;
                    }

                    return best * best;
                }

                [Differentiable]
                public static double Score(double v, double w) => Math.Sin(v) * w + v * v;
            """, new[] { Span("x", 4), Scalar("w") }, P(0.5, -1, 2, 0.3, 1.5), P(2, 0.1, -0.3, 0.2, -0.7), P(-1, 0.5, 1.2, 3, 0.4)),

        SpanDriver.Case("ScalarCalleeInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += Soft(x[i] * y) * Soft(s);
                    }

                    return s;
                }

                [Differentiable]
                public static double Soft(double v) => Math.Log(1 + Math.Exp(v));
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 2, 0.3), P(1, 2, 3, -0.4)),
        SpanDriver.Case("EverythingTogether", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, Span<double> y, double w, int n)
                {
                    double[] t = new double[x.Length];
                    Span<double> u = stackalloc double[2];
                    u[0] = w;
                    u[1] = 1 - w;
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (x[i] < -5) break;
                        if (x[i] == 0) continue;
                        t[i] = Math.Sin(x[i]) * w;
                        y[i % y.Length] += t[i];
                    }

                    int k = 0;
                    while (k < n) { s += t[k % t.Length] * u[k % 2]; k += 2; if (s > 100) return s; }
                    do { s *= 0.5; } while (s > 10);
                    foreach (double v in t) { s += v * v; }
                    return s + Norm(t) + y[0] * y[1];
                }

                [Differentiable]
                public static double Norm(ReadOnlySpan<double> v)
                {
                    double s = 0;
                    for (int i = v.Length - 1; i >= 0; i--) s += v[i] * v[i];
                    return Math.Sqrt(s);
                }
            """, new[] { Span("x", 4), Span("y", 2, "Span"), Scalar("w"), Fixed("n", "7") },
            P(0.5, -1, 2, 0.3, 0.2, -0.4, 1.5), P(1, -6, 3, 4, 1, 2, 0.7), P(20, 30, 40, 50, 1, 1, 3), P(1, 1.2, 1.4, 1.5, 1, 2, 60)),
        // The arms of a ?: run only on their own side; the reverse sweep must not evaluate them on the other one.
        SpanDriver.Case("RecursionWhoseBaseCaseIsAConditional", """
                [Differentiable]
                public static double F(double x, int n)
                {
                    double s = 0;
                    for (int i = 0; i < 2; i++) s += x * x;
                    return n <= 0 ? s : x * F(x, n - 1);
                }
            """, new[] { Scalar("x"), Fixed("n", "3") }, P(0.7), P(-1.3)),
        SpanDriver.Case("CallsReadsAndDivisionsGuardedByConditionals", """
                [Differentiable]
                public static double Sinc(double v) => Math.Sin(v) / v;

                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += x[i] != 0 ? Sinc(x[i]) : 1;
                        s += x[i] != 0 ? (1 - Math.Cos(x[i])) / (x[i] * x[i]) : 0.5;
                        s += x[i] > 0.1 ? Math.Sqrt(x[i]) : -x[i];
                        s += i + 1 < x.Length ? x[i] * x[i + 1] : (x[i] > 0 ? x[i] : 2 * x[i]);
                    }

                    return s;
                }
            """, new[] { Span("x", 3) }, P(0.5, 0, -1.2), P(1.5, -0.3, 2), P(0, 3, -2)),
        // In a loop that makes no call the branch decision is popped from a lent array (a comparison); a branch whose
        // then-arm has nothing to reverse negates it (found by the differential fuzz while this was written).
        SpanDriver.Case("BranchWithNothingToReverseInItsThenArm", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 1;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (x[i] > 0.5) s += 1;
                        else s *= x[i];
                    }

                    return s;
                }
            """, new[] { Span("x", 4) }, P(0.7, 0.2, -1.5, 2), P(-0.3, 0.4, 0.9, 0.1)),
        SpanDriver.Case("CustomDerivativeInLoop", """
                [DerivativeOf(typeof(Special_Loop), nameof(Special_Loop.Softplus))]
                public static double SoftplusDerivative(double v, out double dv)
                {
                    dv = 1.0 / (1.0 + Math.Exp(-v));
                    return Special_Loop.Softplus(v);
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s = Special_Loop.Softplus(s * y + x[i]);
                    }

                    return s;
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 2, 0.3), P(1, 2, 3, -0.4)) with
        {
            OtherTypes = """
                // Stands for a method from another library: not [Differentiable], differentiated through the rule above.
                public static class Special_Loop
                {
                    public static double Softplus(double v) => Math.Log(1.0 + Math.Exp(v));
                }
                """,
        },
        // The forward sweep keeps expensive math results and callees' partials on the tape for the reverse sweep: in
        // loops (the stack) and in straight-line code (locals of the fused entry), with the arrays they read overwritten.
        SpanDriver.Case("TranscendentalsKeptInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = 0.5;
                    double[] e = new double[x.Length];
                    for (int i = 0; i < x.Length; i++)
                    {
                        double q = x[i] * y;
                        e[i] = Math.Exp(q) + Math.Sqrt(1 + q * q);
                        s = s * Math.Tanh(e[i] * 0.1) + Math.Log(1 + s * s) * Math.Pow(1.5 + Math.Sin(q), y);
                        q = Math.Exp(Math.Cos(s)) + Math.Exp(Math.Cos(s));
                        s += q * (x[i] > 0 ? Math.Exp(-x[i]) : Math.Cosh(x[i]));
                    }

                    return s * Math.Exp(y) + e[0] * e[x.Length - 1];
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 2, 0.3), P(0.1, 0.2, -0.3, 0.8)),

        SpanDriver.Case("SpanCalleeOnArrayOverwrittenInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] w = new double[3];
                    double s = 0;
                    for (int it = 0; it < 4; it++)
                    {
                        for (int j = 0; j < 3; j++)
                        {
                            w[j] = x[j] * (it + 1) * y + s * 0.1;
                        }

                        s += LogSumExp(w) * x[it % 3] + Scale(w, y);
                    }

                    return s + LogSumExp(x) * y + Scale(w, s);
                }

                [Differentiable]
                public static double LogSumExp(ReadOnlySpan<double> v)
                {
                    double max = v[0];
                    for (int i = 1; i < v.Length; i++)
                    {
                        if (v[i] > max) max = v[i];
                    }

                    double sum = 0;
                    for (int i = 0; i < v.Length; i++)
                    {
                        sum += Math.Exp(v[i] - max);
                    }

                    return Math.Log(sum) + max;
                }

                [Differentiable]
                public static double Scale(ReadOnlySpan<double> v, double c)
                {
                    double s = 0;
                    for (int i = 0; i < v.Length; i++)
                    {
                        s += v[i] * v[i] * c;
                    }

                    return Math.Sqrt(s);
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 2, 0.3), P(0.1, 0.2, -0.3, 0.8)),

        SpanDriver.Case("ScalarCalleeKeptInLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = 1;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s = Blend(s, x[i] * y) + Blend(x[i], s) * 0.5;
                    }

                    return s + Blend(s, y);
                }

                [Differentiable]
                public static double Blend(double a, double b) => a * Math.Exp(-b * b) + Math.Sin(a * b);
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 2, 0.3), P(0.1, 0.2, -0.3, 0.8)),

        new NumericCase("FloatSpan", """
                [Differentiable]
                public static float F(ReadOnlySpan<float> x, float w)
                {
                    float s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s = s * w + MathF.Sin(x[i]);
                    }

                    return s;
                }

                public static double FReference(ReadOnlySpan<double> x, double w)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s = s * w + Math.Sin(x[i]);
                    }

                    return s;
                }
            """,
            new[] { CaseParameter.Active("x0"), CaseParameter.Active("x1"), CaseParameter.Active("x2"), CaseParameter.Active("w") },
            new[] { P(0.5, -1, 2, 0.7), P(1, 2, 3, -0.4) },
            IsFloat: true,
            CustomDriver: """
                public static double Value(double[] a) => Case_FloatSpan.F(new[] { (float)a[0], (float)a[1], (float)a[2] }, (float)a[3]);

                public static double Reference(double[] a) => Case_FloatSpan.FReference(new[] { a[0], a[1], a[2] }, a[3]);

                public static double[] Fused(double[] a)
                {
                    var g = new float[] { 7, 7, 7 };
                    float value = Case_FloatSpan.FValueAndGradient(new[] { (float)a[0], (float)a[1], (float)a[2] }, (float)a[3], g, out float dw);
                    return new double[] { value, g[0], g[1], g[2], dw };
                }

                public static double[] ForwardBackwardTwice(double[] a)
                {
                    var g = new float[3];
                    float dw = 0;
                    float value = Case_FloatSpan.FForward(new[] { (float)a[0], (float)a[1], (float)a[2] }, (float)a[3], out var tape);
                    Case_FloatSpan.FBackward(in tape, 1, g, ref dw);
                    Case_FloatSpan.FBackward(in tape, 2, g, ref dw);
                    tape.Dispose();
                    return new double[] { value, g[0], g[1], g[2], dw };
                }
            """),
    };
}
