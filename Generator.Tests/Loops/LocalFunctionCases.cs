using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Local functions taken in where they are called (MethodParser.LocalFunctions): expression bodies substituted into the
/// call, block bodies run just before its statement, captures read at the call, local functions calling one another and
/// [Differentiable] methods, span parameters given views, and calls where the statement cannot have statements before it
/// (under ?:, &amp;&amp;, in a loop's condition). Each is checked against finite differences through the fused entry and
/// through Forward + Backward.
/// </summary>
public static class LocalFunctionCases
{
    private static double[] P(params double[] values) => values;

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // Least squares through a residual that captures the parameters and the data, squared by a static local function.
        SpanDriver.Case("CapturingResidualSquaredInALoop", """
                [Differentiable]
                public static double F(double a, double b, double[] x, double[] y)
                {
                    // Spans cannot be captured (C# forbids it); arrays can.
                    double Residual(int i) => y[i] - (a * x[i] + b);
                    static double Sq(double v) => v * v;
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += Sq(Residual(i));
                    }

                    return s;
                }
            """, new[] { Scalar("a"), Scalar("b"), Span("x", 3, "Array"), Span("y", 3, "Array") },
            P(0.5, -0.2, 1, 2, -1, 0.3, 1.1, -0.6), P(-1.3, 0.4, 0.2, -0.5, 0.9, 1.4, -0.8, 0.1)),

        // A block-bodied softplus in an if's condition and in both branches' returns (a method without loops).
        Cases.Full("BlockBodyInAConditionAndInReturns", """
                [Differentiable]
                public static double F(double x, double k)
                {
                    double Softplus(double z)
                    {
                        double e = Math.Exp(-Math.Abs(z));
                        return Math.Max(z, 0) + Math.Log(1 + e);
                    }

                    if (Softplus(x) > 1)
                    {
                        return Softplus(k * x) * 2;
                    }

                    return Softplus(x + k);
                }
            """, new[] { CaseParameter.Active("x"), CaseParameter.Active("k") }, P(1.5, 0.7), P(-0.8, 1.2), P(0.3, -2.1)),

        // A local function over spans, with a loop of its own, given a parameter and views of it; one that sizes an index.
        SpanDriver.Case("SpanParametersGivenViews", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int n)
                {
                    int At(int row, int column) => row * n + column;
                    double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
                    {
                        double s = 0;
                        for (int i = 0; i < u.Length; i++) s += u[i] * v[i];
                        return s;
                    }

                    double total = Dot(x, x);
                    for (int r = 0; r < w.Length / n; r++)
                    {
                        double activation = Math.Tanh(Dot(w.Slice(r * n, n), x.Slice(0, n)));
                        total += activation * w[At(r, n - 1)];
                    }

                    return total;
                }
            """, new[] { Span("x", 3), Span("w", 6), Fixed("n", "3") },
            P(0.5, -1, 0.3, 0.8, 0.2, -0.4, 1.1, 0.6, -0.7), P(-0.3, 0.7, 1.2, -0.4, 0.9, 0.1, -1.2, 0.5, 0.3)),

        // Local functions calling one another and a [Differentiable] method; a capture read after it changed.
        Cases.Full("LocalFunctionsCallingEachOther", """
                [Differentiable]
                public static double Gaussian(double v) => Math.Exp(-v * v);

                [Differentiable]
                public static double F(double x, double y)
                {
                    double scale = x;
                    double Scaled(double v) => scale * v;
                    double Bump(double v)
                    {
                        double centred = Scaled(v) - 1;
                        return Gaussian(centred) + centred;
                    }

                    double first = Bump(y);
                    scale = scale * y;
                    return first * Bump(x + y) + Scaled(2);
                }
            """, new[] { CaseParameter.Active("x"), CaseParameter.Active("y") }, P(0.5, -0.7), P(-1.1, 0.4), P(1.3, 0.9)),

        // Calls that run only sometimes or again: an expression body substituted under ?:, && and in a loop's condition.
        SpanDriver.Case("SubstitutedWhereNothingCanRunBefore", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    static double Sq(double v) => v * v;
                    double Blend(double u, double v) => u * Math.Sin(v) + v;
                    double t = x;
                    int steps = 0;
                    while (Sq(t + 0.5) < 9 && steps < 6)
                    {
                        t = Blend(t, y) + 1;
                        steps++;
                    }

                    double r = x > 0 ? Sq(x - y) : Blend(x * y, x + y);
                    bool big = x > 1 || Sq(y) > 0.5;
                    return t * r + (big ? Sq(t) : y);
                }
            """, new[] { Scalar("x"), Scalar("y") }, P(0.5, -0.7), P(-1.1, 0.4), P(1.3, 0.9), P(0.2, 0.3)),

        // Declared after their use, nested (Inner reads Outer's parameter), a bool helper in conditions and a switch's value.
        Cases.Full("NestedDeclaredAfterUseAndBool", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    double s = Outer(x) * Outer(x * y);
                    if (Positive(x) && !Positive(y)) s += x - y;
                    switch (Positive(y) ? 1 : 0)
                    {
                        case 1: s += Cube(y); break;
                        default: s -= y; break;
                    }

                    return s;

                    bool Positive(double v) => v > 0;
                    static double Cube(double v) { double t = v * v; return t * v; }
                    double Outer(double a)
                    {
                        double Inner(double b) => b * a;
                        double t = Inner(a + 1);
                        return t + Inner(y);
                    }
                }
            """, new[] { CaseParameter.Active("x"), CaseParameter.Active("y") }, P(0.5, -0.7), P(-1.1, 0.4), P(1.3, 0.9)),

        // A switch-expression body (taken in before its statement) and an int local function steering a loop.
        SpanDriver.Case("SwitchBodyAndIntResult", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double Piece(double v) => v switch { < 0 => -v * y, _ => v * v };
                    int Half(int count) => count / 2;
                    double s = 0;
                    for (int i = 0; i < Half(x.Length); i++)
                    {
                        double p = Piece(x[i] - x[i + Half(x.Length)]);
                        s += p;
                    }

                    return s;
                }
            """, new[] { Span("x", 4), Scalar("y") }, P(0.5, -1, 0.3, 0.8, 0.7), P(0.6, 0.7, -1.2, 0.4, -0.4)),
    };
}
