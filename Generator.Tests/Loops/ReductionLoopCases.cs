using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Loops that only add to a sum, which the generator differentiates iteration by iteration (a method per iteration,
/// its gradient summed in the forward sweep and scaled in the reverse sweep), beside near misses that must keep the
/// ordinary reverse loop because their iterations share more than the sum. Every case is checked against finite
/// differences (fused, and Forward + Backward twice); <see cref="Preaccumulated"/> says which way each must go.
/// </summary>
public static class ReductionLoopCases
{
    private static double[] P(params double[] values) => values;

    /// <summary>The cases whose loop must run through an iteration method; the rest must not.</summary>
    public static readonly IReadOnlyCollection<string> Preaccumulated = new HashSet<string>
    {
        "RowTanhTimesOuterScalar",
        "SubtractedSumWhosePriorValueIsRead",
        "MixtureWithScratchArrays",
        "ExponentialKeptPerInnerIteration",
        "FillOperandOnlyTheReverseReads",
    };

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // FB-15 (seed 118000936): the iteration never reads q, but the reverse of its reads of fill0 adds into q's adjoint
        // (a forwarded fill), so dq is a part of the loop's gradient. It was not: the iteration method could not be
        // written, and the loop fell back to the ordinary sweep without the saves the ordinary sweep needs.
        SpanDriver.Case("FillOperandOnlyTheReverseReads", """
                [Differentiable]
                public static double L2(double s1, Span<double> p, double a)
                {
                    double v3 = s1;
                    int i4 = -1;
                    while (i4 < 0)
                    {
                        i4++;
                        v3 += p[i4];
                    }

                    return v3 + Math.Exp(v3 * a);
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> q, double y, Span<double> p)
                {
                    double g0 = 0.0;
                    double[] fill0 = new double[q.Length];
                    for (int c0 = 0; c0 < q.Length; c0++)
                    {
                        fill0[c0] = p[c0] - q[c0];
                    }

                    for (int r = 0; r < 3; r++)
                    {
                        g0 += fill0[r] * L2(-1.94, p, y);
                    }

                    y -= g0;
                    return Math.Sin(y);
                }
            """, new[] { Span("q", 3), Scalar("y"), Span("p", 3, "Span") }, P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6)),

        // An outer scalar (w) read in every iteration: its adjoint is one slot of the loop's gradient.
        SpanDriver.Case("RowTanhTimesOuterScalar", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> a, ReadOnlySpan<double> x, double w)
                {
                    int n = x.Length;
                    double s = 0.25;
                    for (int i = 0; i < n; i++)
                    {
                        double row = 0;
                        for (int j = 0; j < n; j++)
                        {
                            row += a[i * n + j] * x[j];
                        }

                        s += Math.Tanh(row * w) * x[i];
                    }

                    return s * w;
                }
            """, new[] { Span("a", 4), Span("x", 2), Scalar("w") }, P(0.5, -1.5, 2.0, 0.3, 1.1, -0.4, 0.8), P(-0.2, 0.7, 0.1, 1.3, 0.6, 0.9, -1.2)),

        // acc -= e, and the reverse of a statement before the loop reads the sum's value from before the loop.
        SpanDriver.Case("SubtractedSumWhosePriorValueIsRead", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double acc = w * 2;
                    double z = acc * acc;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double t = 1;
                        for (int k = 0; k <= i; k++)
                        {
                            t *= Math.Exp(x[k] * w);
                        }

                        acc -= t;
                    }

                    return acc * z + acc;
                }
            """, new[] { Span("x", 3), Scalar("w") }, P(0.2, -0.4, 0.1, 0.7), P(-0.3, 0.5, 0.25, -1.1)),

        // ADBench's GMM in small: scratch arrays overwritten whole in every iteration, one passed to a callee.
        SpanDriver.Case("MixtureWithScratchArrays", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> means, ReadOnlySpan<double> x, double scale)
                {
                    int k = 2, d = 2;
                    int n = x.Length / d;
                    double[] centered = new double[d];
                    double[] terms = new double[k];
                    double total = 0;
                    for (int p = 0; p < n; p++)
                    {
                        for (int c = 0; c < k; c++)
                        {
                            for (int e = 0; e < d; e++)
                            {
                                centered[e] = x[p * d + e] - means[c * d + e];
                            }

                            double norm = 0;
                            for (int e = 0; e < centered.Length; e++)
                            {
                                norm += centered[e] * centered[e] * scale;
                            }

                            terms[c] = -0.5 * norm;
                        }

                        total += LogSumExp(terms);
                    }

                    return total;
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
            """, new[] { Span("means", 4), Span("x", 6), Scalar("scale") },
            P(0.1, -0.2, 0.9, 0.4, 0.3, 0.5, -0.7, 1.2, 0.8, -0.1, 1.5),
            P(-0.5, 0.6, 0.2, -0.9, 1.1, 0.0, 0.4, 0.3, -0.6, 0.9, 0.7)),

        // A transcendental kept per inner iteration: the whole of an iteration's tape is pushed and popped in the iteration.
        SpanDriver.Case("ExponentialKeptPerInnerIteration", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double inner = 0;
                        for (int j = 0; j < y.Length; j++)
                        {
                            inner += Math.Exp(-x[i] * y[j]) * y[j];
                        }

                        s += Math.Log(inner);
                    }

                    return s;
                }
            """, new[] { Span("x", 2), Span("y", 3) }, P(0.3, -0.5, 0.4, 1.2, 0.9), P(1.1, 0.2, 0.6, 0.3, 1.7)),

        // Near misses: each keeps the ordinary reverse loop.

        // The scratch array keeps the previous iteration's element: its iterations are not independent.
        SpanDriver.Case("ScratchArrayCarriedAcrossIterations", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double[] buffer = new double[2];
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        buffer[i % 2] = x[i] * w;
                        double q = 0;
                        for (int j = 0; j < buffer.Length; j++)
                        {
                            q += Math.Sin(buffer[j]);
                        }

                        s += q;
                    }

                    return s;
                }
            """, new[] { Span("x", 3), Scalar("w") }, P(0.4, -0.8, 1.3, 0.7), P(-1.1, 0.6, 0.2, 1.4)),

        // A scalar carried from one iteration to the next.
        SpanDriver.Case("ScalarCarriedAcrossIterations", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double previous = 1;
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double t = 0;
                        for (int j = 0; j <= i; j++)
                        {
                            t += Math.Sin(previous * x[j]);
                        }

                        s += t;
                        previous = x[i];
                    }

                    return s;
                }
            """, new[] { Span("x", 3) }, P(0.4, -0.8, 1.3), P(-1.1, 0.6, 0.2)),

        // The sum is read inside the loop, not only added to.
        SpanDriver.Case("SumReadInsideTheLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0.5;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double t = 0;
                        for (int j = 0; j < x.Length; j++)
                        {
                            t += Math.Exp(x[j] * s);
                        }

                        s += Math.Log(t);
                    }

                    return s;
                }
            """, new[] { Span("x", 3) }, P(0.2, -0.3, 0.1), P(-0.4, 0.5, 0.3)),

        // Two sums.
        SpanDriver.Case("TwoSums", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double a = 0, b = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double t = 0;
                        for (int j = 0; j < x.Length; j++)
                        {
                            t += Math.Exp(x[i] * x[j]);
                        }

                        a += t;
                        b += Math.Sqrt(t);
                    }

                    return a * b;
                }
            """, new[] { Span("x", 3) }, P(0.2, -0.3, 0.1), P(-0.4, 0.5, 0.3)),

        // An early exit.
        SpanDriver.Case("SumWithBreak", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (s > 3) break;
                        double t = 0;
                        for (int j = 0; j <= i; j++)
                        {
                            t += Math.Exp(x[j]);
                        }

                        s += t;
                    }

                    return s;
                }
            """, new[] { Span("x", 3) }, P(0.2, -0.3, 0.1), P(1.4, 0.5, 0.3)),

        // A parameter the loop assigns (fuzz seed 82000835: the iteration method had no local for it, and the generator threw).
        SpanDriver.Case("ParameterAssignedInTheLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        w = x[i] * 0.5;
                        double t = 0;
                        for (int j = 0; j <= i; j++)
                        {
                            t += Math.Exp(x[j] * w);
                        }

                        s += t;
                    }

                    return s;
                }
            """, new[] { Span("x", 3), Scalar("w") }, P(0.2, -0.3, 0.1, 0.6), P(-0.4, 0.5, 0.3, -0.2)),

        // A value an iteration computes is read after the loop.
        SpanDriver.Case("IterationValueReadAfterTheLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    double last = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        last = 0;
                        for (int j = 0; j <= i; j++)
                        {
                            last += Math.Exp(x[j]);
                        }

                        s += last;
                    }

                    return s * last;
                }
            """, new[] { Span("x", 3) }, P(0.2, -0.3, 0.1), P(-0.4, 0.5, 0.3)),
    };
}
