using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Calls from a loop to small [Differentiable] callees, which the generator takes into the caller (CallInliner), and
/// the near misses it must leave as calls: each against finite differences, and <see cref="Inlined"/> says which F
/// inlines at least one call.
/// </summary>
public static class InlineCases
{
    private static double[] P(params double[] values) => values;

    /// <summary>Cases whose F has statements taken from a callee.</summary>
    public static readonly IReadOnlyCollection<string> Inlined = new HashSet<string>
    {
        "LogSumExpPerRow", "ArgumentComputedFromLoopValues", "CalleeAssignsItsParameter", "CalleeNamesClashWithCaller",
        "SameCalleeTwiceInOneStatement", "CallAsArgumentOfCall", "CalleeWithSwitchWhileAndForeach", "CallInIfCondition",
        "LeftOfAndAlsoInlined",
    };

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // The GMM's shape: one log-sum-exp of a scratch row per iteration, added to a sum.
        SpanDriver.Case("LogSumExpPerRow", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double[] row = new double[3];
                    double total = 0;
                    for (int p = 0; p < 2; p++)
                    {
                        for (int c = 0; c < 3; c++)
                        {
                            row[c] = -0.5 * (x[p] - x[2 + c]) * (x[p] - x[2 + c]) * w;
                        }

                        total += LogSumExp(row);
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
                    for (int i = 0; i < v.Length; i++) sum += Math.Exp(v[i] - max);
                    return Math.Log(sum) + max;
                }
            """, new[] { Span("x", 5), Scalar("w") }, P(0.5, -1, 0.3, 1.2, -0.4, 0.9), P(2, 1.5, -1, 0.2, 0.7, 1.3)),

        // A scalar argument that is an expression is evaluated once, into a local, as the call would.
        SpanDriver.Case("ArgumentComputedFromLoopValues", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += Bump(x[i] * 2 + y, y);
                    }

                    return s;
                }

                [Differentiable]
                public static double Bump(double v, double width) => Math.Exp(-v * v / width);
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 1.5), P(0.1, 0.2, -0.3, 2.5)),

        // The callee assigns its parameter: that must not change the caller's variable, which is read after the call.
        SpanDriver.Case("CalleeAssignsItsParameter", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += Halve(w) * x[i] + w;
                    }

                    return s;
                }

                [Differentiable]
                public static double Halve(double v)
                {
                    v = v * 0.5;
                    v += Math.Sin(v);
                    return v;
                }
            """, new[] { Span("x", 3), Scalar("w") }, P(0.5, -1, 0.3, 1.5), P(0.1, 0.2, -0.3, -2.5)),

        // The callee's locals and parameter have the names of the caller's: they are renamed apart.
        SpanDriver.Case("CalleeNamesClashWithCaller", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double s)
                {
                    double i = 0;
                    for (int k = 0; k < x.Length; k++)
                    {
                        i += Powers(x, s) * x[k];
                    }

                    return i;
                }

                [Differentiable]
                public static double Powers(ReadOnlySpan<double> x, double i)
                {
                    double s = 0;
                    double k = 1;
                    for (int i2 = 0; i2 < x.Length; i2++)
                    {
                        k *= i;
                        s += k * x[i2];
                    }

                    return s;
                }
            """, new[] { Span("x", 3), Scalar("s") }, P(0.5, -1, 0.3, 0.8), P(0.1, 0.2, -0.3, -1.2)),

        // Two copies of one callee in one statement, evaluated left to right, each with names of its own.
        SpanDriver.Case("SameCalleeTwiceInOneStatement", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
                {
                    double s = 0;
                    for (int r = 0; r < 2; r++)
                    {
                        s += Dot(x, y) * Dot(y, y) + r;
                    }

                    return s;
                }

                [Differentiable]
                public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
                {
                    double sum = 0;
                    for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
                    return sum;
                }
            """, new[] { Span("x", 2), Span("y", 2) }, P(0.5, -1, 0.3, 0.8), P(0.1, 0.2, -0.3, -1.2)),

        // A call inside another call's argument is inlined first.
        SpanDriver.Case("CallAsArgumentOfCall", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += Square(Square(x[i]) - 1);
                    }

                    return s;
                }

                [Differentiable]
                public static double Square(double v) => v * v;
            """, new[] { Span("x", 3) }, P(0.5, -1, 0.3), P(1.1, 0.2, -1.3)),

        // Every kind of statement the callee may have: a switch, a while with break and continue, a foreach.
        SpanDriver.Case("CalleeWithSwitchWhileAndForeach", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = 0;
                    for (int n = 0; n < 3; n++)
                    {
                        s += Mixed(x, y, n);
                    }

                    return s;
                }

                [Differentiable]
                public static double Mixed(ReadOnlySpan<double> v, double y, int mode)
                {
                    double acc = 0;
                    switch (mode)
                    {
                        case 0:
                            acc = y;
                            break;
                        case 1:
                            acc = y * y;
                            break;
                        default:
                            acc = Math.Sin(y);
                            break;
                    }

                    int i = 0;
                    while (i < v.Length)
                    {
                        i++;
                        if (v[i - 1] < -2) continue;
                        if (acc > 50) break;
                        acc += v[i - 1] * acc;
                    }

                    foreach (double e in v) acc += e * e;
                    return acc;
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.7), P(-2.5, 1.2, 0.4, 1.1), P(3, 4, 5, 2)),

        // A call in an if's condition runs whenever the if does: it is inlined before the if.
        SpanDriver.Case("CallInIfCondition", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (Square(x[i]) > 1) s += x[i] * x[i] * x[i];
                        else s -= x[i];
                    }

                    return s;
                }

                [Differentiable]
                public static double Square(double v) => v * v;
            """, new[] { Span("x", 3) }, P(0.5, -1.5, 0.3), P(1.1, 0.2, -1.3)),

        // The left of && always runs (inlined); its right only sometimes (left as a call).
        SpanDriver.Case("LeftOfAndAlsoInlined", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (Square(x[i]) > 0.5 && Square(x[i] - 1) < 1) s += x[i];
                        s += x[i] * 0.5;
                    }

                    return s;
                }

                [Differentiable]
                public static double Square(double v) => v * v;
            """, new[] { Span("x", 3) }, P(0.5, -1.5, 0.9), P(1.1, 0.2, 1.6)),

        // Near miss: a call in one branch of ?: runs only sometimes.
        SpanDriver.Case("CallInConditionalBranch", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += x[i] > 0 ? Square(x[i]) : -x[i];
                    }

                    return s;
                }

                [Differentiable]
                public static double Square(double v) => v * v;
            """, new[] { Span("x", 3) }, P(0.5, -1.5, 0.3), P(1.1, 0.2, -1.3)),

        // Near miss: the callee returns early.
        SpanDriver.Case("CalleeWithEarlyReturn", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += Ramp(x[i]);
                    }

                    return s;
                }

                [Differentiable]
                public static double Ramp(double v)
                {
                    if (v < 0) return 0.1 * v;
                    return v * v;
                }
            """, new[] { Span("x", 3) }, P(0.5, -1.5, 0.3), P(1.1, 0.2, -1.3)),

        // Near miss: a [NoDerivative] parameter (inlined, the caller would differentiate through it). Its argument here is
        // passive, so the finite differences agree either way; the placement test checks the call stays.
        SpanDriver.Case("CalleeWithNoDerivativeParameter", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += Scaled(x[i], i + 1);
                    }

                    return s;
                }

                [Differentiable]
                public static double Scaled(double v, [NoDerivative] double scale) => Math.Sin(v) * scale;
            """, new[] { Span("x", 3) }, P(0.5, -1.5, 0.3), P(1.1, 0.2, -1.3)),

        // Near miss: the call is not in a loop; its entry's fixed cost is paid once.
        SpanDriver.Case("CallOutsideLoops", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = Square(x[0]);
                    for (int i = 1; i < x.Length; i++)
                    {
                        s += x[i] * s;
                    }

                    return s;
                }

                [Differentiable]
                public static double Square(double v) => v * v;
            """, new[] { Span("x", 3) }, P(0.5, -1.5, 0.3), P(1.1, 0.2, -1.3)),

        // Near miss: a call in a loop's condition runs once more than the body.
        SpanDriver.Case("CallInLoopCondition", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double s = y;
                    int i = 0;
                    while (i < x.Length && Square(s) < 4)
                    {
                        s += x[i] * 0.5;
                        i++;
                    }

                    return s;
                }

                [Differentiable]
                public static double Square(double v) => v * v;
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, 1.5, 0.3, 0.2), P(1.1, 0.2, -1.3, -0.5)),

        // Near miss: the callee, of another type, reads that type's private constant, which the caller cannot name.
        SpanDriver.Case("CalleeReadingAnotherTypesPrivateField", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += Helpers.Scale(x[i]);
                    }

                    return s;
                }
            """, new[] { Span("x", 3) }, P(0.5, -1.5, 0.3), P(1.1, 0.2, -1.3)) with
        {
            OtherTypes = """
                public static partial class Helpers
                {
                    private static readonly double Factor = 2.5;

                    [Differentiable]
                    public static double Scale(double v) => Factor * v * v;
                }
                """,
        },

        // Near miss: more statements than the budget (InlinableCallee.StatementBudget).
        SpanDriver.Case("CalleeOverTheStatementBudget", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += Long(x[i]);
                    }

                    return s;
                }

                [Differentiable]
                public static double Long(double v)
                {
            """ + string.Concat(Enumerable.Range(0, 24).Select(k => $"        v = v * 0.9 + {k} * 0.01;\n")) + """
                    return v;
                }
            """, new[] { Span("x", 3) }, P(0.5, -1.5, 0.3), P(1.1, 0.2, -1.3)),
    };
}
