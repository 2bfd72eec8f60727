using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Local arrays filled whole by a loop and read by element after it (FillLoops): the centred point of a mixture
/// component, a scaled copy, a transform per round. Each case's scratch array is called <c>t</c>;
/// <see cref="Forwarded"/> and <see cref="Copied"/> name the cases where the generator must apply each rewrite, and the
/// near misses, which must keep the ordinary sweep, are in neither.
/// </summary>
public static class FillLoopCases
{
    private static double[] P(params double[] values) => values;

    /// <summary>Cases whose reads of <c>t</c> add straight into the fill's operands (<c>t</c>'s adjoint is never read).</summary>
    public static readonly IReadOnlyCollection<string> Forwarded = new HashSet<string>
    {
        "CentredPointPerComponent", "FillInLoopRunPerIteration", "FillInSumLoopFromTheFuzzer", "ScaledCopyAtTopLevel", "FillCountedDownInNestedLoopWithCall", "FillWithMadeLengthFromSecondIteration",
        "CopiesAboveEarlierSaves", "FillReadOnlyLinearly", "TwoArraysFilledByOneLoop", "FillBesideAStoreThatKeepsAnExponential",
        "FillOfAnArrayDeclaredInTheLoop",
    };

    /// <summary>Cases where each iteration of the enclosing loop fills a copy of <c>t</c> of its own on the tape.</summary>
    public static readonly IReadOnlyCollection<string> Copied = new HashSet<string>
    {
        "CentredPointPerComponent", "NonLinearFillPerRound", "FillCountedDownInNestedLoopWithCall", "FillWithMadeLengthFromSecondIteration",
        "FillOperandAssignedLater", "CopiesAboveEarlierSaves", "TwoArraysFilledByOneLoop",
        "FillOfAnArrayDeclaredInTheLoop",
    };

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // ADBench's GMM in miniature: per point (a loop run one iteration at a time) and component, the centred point,
        // then a quadratic form of it. The component loop gets a copy per iteration.
        SpanDriver.Case("CentredPointPerComponent", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> mu, ReadOnlySpan<double> w)
                {
                    int d = w.Length;
                    int n = x.Length / d;
                    int k = mu.Length / d;
                    double[] t = new double[d];
                    double loss = 0;
                    for (int p = 0; p < n; p++)
                    {
                        double total = 0;
                        for (int c = 0; c < k; c++)
                        {
                            for (int i = 0; i < d; i++)
                            {
                                t[i] = x[p * d + i] - mu[c * d + i];
                            }

                            double s = 0;
                            for (int j = 0; j < d; j++)
                            {
                                double row = w[j] * t[j];
                                for (int i = 0; i < j; i++)
                                {
                                    row += w[i] * t[i] * t[j];
                                }

                                s += row * row;
                            }

                            total += Math.Exp(-0.5 * s);
                        }

                        loss += Math.Log(total);
                    }

                    return loss;
                }
            """, new[] { Span("x", 4), Span("mu", 6), Span("w", 2) },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1, 0.8, 1.3, -0.5),
            P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, 0.9, 1.5, 0.6, 0.4)),

        // The fill's enclosing loop is run one iteration at a time (its iterations only add to total), so there is no
        // reverse loop to read copies from: forwarded, not copied.
        SpanDriver.Case("FillInLoopRunPerIteration", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> mu, ReadOnlySpan<double> w)
                {
                    int d = x.Length;
                    int k = mu.Length / d;
                    double[] t = new double[d];
                    double total = 0;
                    for (int c = 0; c < k; c++)
                    {
                        for (int i = 0; i < d; i++)
                        {
                            t[i] = x[i] - mu[c * d + i];
                        }

                        double s = 0;
                        for (int i = 0; i < d; i++)
                        {
                            s += w[i] * t[i] * t[i];
                        }

                        total += Math.Exp(-0.5 * s);
                    }

                    return Math.Log(total);
                }
            """, new[] { Span("x", 3), Span("mu", 6), Span("w", 3) },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1, 0.8, 1.3, -0.5),
            P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, 0.9, 1.5, 0.6, 0.4)),

        // FB-12, as the fuzzer shrank it (seed 104000282): the fill's enclosing loop only adds to a sum, so it runs one
        // iteration at a time, and the copies were taken from a region never reserved, over the iteration's own saves.
        SpanDriver.Case("FillInSumLoopFromTheFuzzer", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    double g0 = 0.0;
                    int n0 = 3;
                    double[] t = new double[n0];
                    double o0 = x;
                    for (int j0 = 3 - 1; j0 >= 0; j0--)
                    {
                        for (int c0 = 0; c0 < t.Length; c0++)
                        {
                            t[c0] = o0;
                        }

                        g0 += t[1] * Math.Pow(1.0 + y * y, Math.Sin(x));
                    }

                    x += g0;
                    return x;
                }
            """, new[] { Scalar("x"), Scalar("y") }, P(-0.512, -0.168), P(0.7, 1.3)),

        // A fill at the top of the method (no enclosing loop, so no copies), linear with a factor the method does not
        // differentiate, read in two orders.
        SpanDriver.Case("ScaledCopyAtTopLevel", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double m, [NoDerivative] double scale)
                {
                    double[] t = new double[x.Length];
                    for (int i = 0; i < t.Length; i++)
                    {
                        t[i] = (x[i] - m) * scale;
                    }

                    double s = 0;
                    for (int i = 0; i < t.Length; i++)
                    {
                        s += t[i] * t[i] + Math.Sin(t[t.Length - 1 - i]) * m;
                    }

                    return s;
                }
            """, new[] { Span("x", 3), Scalar("m"), Fixed("scale", "1.3") }, P(0.5, -1, 2, 0.3), P(1.5, 0.2, -0.7, -0.4)),

        // Not linear, so not forwarded; the enclosing loop still gets a copy per round.
        SpanDriver.Case("NonLinearFillPerRound", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y, int rounds)
                {
                    double[] t = new double[2];
                    double acc = 1;
                    for (int r = 0; r < rounds; r++)
                    {
                        for (int i = 0; i < t.Length; i++)
                        {
                            t[i] = Math.Sin(x[r + i] * y);
                        }

                        acc = acc * t[0] + t[1] * t[1];
                    }

                    return acc;
                }
            """, new[] { Span("x", 4), Scalar("y"), Fixed("rounds", "3") }, P(0.5, -1, 2, 0.3, 0.9), P(1.5, 0.2, -0.7, 1.1, -1.2)),

        // A loop before the copied one keeps its exponentials on the tape: the copies must be given back exactly, or that
        // loop's reverse pops the wrong values.
        SpanDriver.Case("CopiesAboveEarlierSaves", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] e = new double[x.Length];
                    for (int i = 0; i < x.Length; i++)
                    {
                        e[i] = Math.Exp(x[i]);
                    }

                    double[] t = new double[2];
                    double acc = 1;
                    for (int r = 0; r < 3; r++)
                    {
                        for (int i = 0; i < t.Length; i++)
                        {
                            t[i] = 2.0 * x[i] + y * r;
                        }

                        acc = acc * 0.5 + t[0] * t[1] * e[r];
                    }

                    return acc;
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.7), P(-0.2, 0.4, 1.1, -1.3)),

        // The kept exponential would be pushed inside the fill, so there are no copies (and Exp is not linear).
        SpanDriver.Case("ExponentialFillKeepsSavingAndRestoring", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] t = new double[x.Length];
                    double acc = 0;
                    for (int r = 0; r < 3; r++)
                    {
                        for (int i = 0; i < t.Length; i++)
                        {
                            t[i] = Math.Exp(x[i] * y * r);
                        }

                        acc = acc * 0.5 + t[r % t.Length];
                    }

                    return acc;
                }
            """, new[] { Span("x", 2), Scalar("y") }, P(0.5, -1, 0.3), P(-0.2, 0.4, 1.1)),

        // The enclosing loop counts down from an expression and sits in another loop that carries a value: the
        // regions' starts go on the tape. The body calls a [Differentiable] method, so the tape is not lent to locals. The
        // reverse reads t's values (t[i] times Soft's value), which is what makes the fill keep copies.
        SpanDriver.Case("FillCountedDownInNestedLoopWithCall", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> mu, ReadOnlySpan<double> w, int rounds)
                {
                    int d = x.Length;
                    int k = mu.Length / d;
                    double[] t = new double[d];
                    double acc = 0;
                    for (int r = 0; r < rounds; r++)
                    {
                        for (int c = k - 1; c >= 1; c--)
                        {
                            for (int i = 0; i < t.Length; i++)
                            {
                                t[i] = 2.0 * x[i] - mu[c * d + i] * r;
                            }

                            double s = 0;
                            for (int i = 0; i < t.Length; i++)
                            {
                                s += Soft(t[i]) * w[i] * t[i];
                            }

                            acc = acc * 0.5 + s * s;
                        }
                    }

                    return acc;
                }

                [Differentiable]
                public static double Soft(double v) => Math.Log(1 + Math.Exp(v));
            """, new[] { Span("x", 2), Span("mu", 6), Span("w", 2), Fixed("rounds", "2") },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.7, 1.2),
            P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, -1, 0.5)),

        // The loop's bound is the length the array was made with, and the enclosing loop starts at 1.
        SpanDriver.Case("FillWithMadeLengthFromSecondIteration", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double b)
                {
                    int n = x.Length - 1;
                    double[] t = new double[n];
                    double acc = 0;
                    for (int c = 1; c <= 3; c++)
                    {
                        for (int i = 0; i < n; i++)
                        {
                            t[i] = x[i + 1] - x[i] + b * c;
                        }

                        double u = 0;
                        for (int i = 1; i < n; i++)
                        {
                            u += t[i] * t[i - 1] / c;
                        }

                        acc = acc * 0.5 + u;
                    }

                    return acc;
                }
            """, new[] { Span("x", 4), Scalar("b") }, P(0.5, -1, 2, 0.3, 0.4), P(1.5, 0.2, -0.7, 1.1, -0.3)),

        // Every read of t is times a constant or a value not differentiated: forwarded, and t's adjoint is never used. The
        // reverse reads no value of t (only its Length, a loop's bound), so the fill saves nothing and needs no copies.
        SpanDriver.Case("FillReadOnlyLinearly", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y, [NoDerivative] double w)
                {
                    double[] t = new double[x.Length];
                    double acc = 0;
                    for (int r = 0; r < 3; r++)
                    {
                        for (int i = 0; i < t.Length; i++)
                        {
                            t[i] = x[i] - y * r;
                        }

                        acc = acc * 0.5 + t[0] * w + 3 * t[1];
                    }

                    return acc * acc;
                }
            """, new[] { Span("x", 2), Scalar("y"), Fixed("w", "0.7") }, P(0.5, -1, 0.3), P(-0.2, 0.4, 1.1)),

        // One loop fills two arrays: each is a fill of its own (t linear, u not), and both get copies.
        SpanDriver.Case("TwoArraysFilledByOneLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> mu, double s)
                {
                    int d = x.Length;
                    int k = mu.Length / d;
                    double[] t = new double[d];
                    double[] u = new double[d];
                    double acc = 0;
                    for (int c = 0; c < k; c++)
                    {
                        for (int i = 0; i < d; i++)
                        {
                            t[i] = x[i] - mu[c * d + i];
                            u[i] = Math.Sin(x[i] * s + c);
                        }

                        double q = 0;
                        for (int j = 0; j < d; j++)
                        {
                            q += t[j] * u[j] * t[j];
                        }

                        acc = acc * 0.5 + q;
                    }

                    return acc;
                }
            """, new[] { Span("x", 2), Span("mu", 6), Scalar("s") },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.7), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, -1.1)),

        // The loop's other store keeps an exponential, pushed between the stores: t is forwarded, but neither array gets
        // copies (a push could move the tape while t's slice is being written).
        SpanDriver.Case("FillBesideAStoreThatKeepsAnExponential", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> mu, double s)
                {
                    int d = x.Length;
                    int k = mu.Length / d;
                    double[] t = new double[d];
                    double[] u = new double[d];
                    double acc = 0;
                    for (int c = 0; c < k; c++)
                    {
                        for (int i = 0; i < d; i++)
                        {
                            t[i] = x[i] - mu[c * d + i];
                            u[i] = Math.Exp(x[i] * s + c);
                        }

                        double q = 0;
                        for (int j = 0; j < d; j++)
                        {
                            q += t[j] * u[j] * t[j];
                        }

                        acc = acc * 0.5 + q;
                    }

                    return acc;
                }
            """, new[] { Span("x", 2), Span("mu", 6), Scalar("s") },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.7), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, -1.1)),

        // The array is declared in the component loop: its zero fill, followed at once by the user's fill, is dropped, so
        // the user's loop is a fill as if the array had been declared before the loop.
        SpanDriver.Case("FillOfAnArrayDeclaredInTheLoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> mu)
                {
                    int d = x.Length;
                    int k = mu.Length / d;
                    double acc = 0;
                    for (int c = 0; c < k; c++)
                    {
                        double[] t = new double[d];
                        for (int i = 0; i < d; i++)
                        {
                            t[i] = x[i] - mu[c * d + i];
                        }

                        double q = 0;
                        for (int j = 0; j < d; j++)
                        {
                            q += t[j] * t[j] * (j + 1);
                        }

                        acc = acc * 0.5 + Math.Sqrt(q);
                    }

                    return acc;
                }
            """, new[] { Span("x", 2), Span("mu", 6) }, P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4)),

        // Near miss for dropping the zero fill: the iteration reads t between its declaration and the fill, so the zeros
        // are read and stay.
        SpanDriver.Case("ArrayDeclaredInTheLoopReadBeforeItsFill", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> mu)
                {
                    int d = x.Length;
                    int k = mu.Length / d;
                    double acc = 0;
                    for (int c = 0; c < k; c++)
                    {
                        double[] t = new double[d];
                        acc += t[0] * acc;
                        for (int i = 0; i < d; i++)
                        {
                            t[i] = x[i] - mu[c * d + i];
                        }

                        acc = acc * 0.5 + t[1] * t[0];
                    }

                    return acc;
                }
            """, new[] { Span("x", 2), Span("mu", 6) }, P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4)),

        // Near miss: the iteration reads t before refilling it (the previous iteration's values).
        SpanDriver.Case("ReadBeforeTheFill", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] t = new double[x.Length];
                    double acc = 0;
                    for (int r = 0; r < 3; r++)
                    {
                        acc += t[0] * y;
                        for (int i = 0; i < t.Length; i++)
                        {
                            t[i] = x[i] * y - r;
                        }

                        acc += t[1] * t[1];
                    }

                    return acc;
                }
            """, new[] { Span("x", 2), Scalar("y") }, P(0.5, -1, 0.3), P(-0.2, 0.4, 1.1)),

        // Near miss: the array goes whole to a callee, whose Backward adds into its adjoint itself. (The callee makes a call
        // of its own, so it is not inlined: inlined, its loop would read t by element.)
        SpanDriver.Case("FilledArrayPassedToCallee", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] t = new double[x.Length];
                    double acc = 0;
                    for (int r = 0; r < 2; r++)
                    {
                        for (int i = 0; i < t.Length; i++)
                        {
                            t[i] = x[i] - y * r;
                        }

                        acc += SumOfSquares(t) + t[0];
                    }

                    return acc;
                }

                [Differentiable]
                public static double SumOfSquares(ReadOnlySpan<double> v)
                {
                    double s = 0;
                    for (int i = 0; i < v.Length; i++) s += Square(v[i]);
                    return s;
                }

                [Differentiable]
                public static double Square(double v) => v * v;
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.7), P(-0.2, 0.4, 1.1, -1.3)),

        // Near miss for forwarding: an operand of the fill is assigned later in the block, so a read after that would see
        // another value. The copies do not care.
        SpanDriver.Case("FillOperandAssignedLater", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] t = new double[x.Length];
                    double acc = 0;
                    double m = y;
                    for (int r = 0; r < 2; r++)
                    {
                        for (int i = 0; i < t.Length; i++)
                        {
                            t[i] = x[i] - m;
                        }

                        m = m * 0.5 + t[0];
                        acc += t[1] * m;
                    }

                    return acc;
                }
            """, new[] { Span("x", 2), Scalar("y") }, P(0.5, -1, 0.3), P(-0.2, 0.4, 1.1)),
    };
}
