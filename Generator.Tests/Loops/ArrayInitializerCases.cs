using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Local arrays given their elements (MethodParser.ArrayInitializers) and elements indexed from the end (<c>x[^1]</c>):
/// every form of initializer, one in a loop (its stores overwrite the last round's elements, which the reverse sweep must
/// restore), one passed to a [Differentiable] callee, and ^ on parameters, local arrays and views, read and written. Each
/// is checked against finite differences through the fused entry and through Forward + Backward.
/// </summary>
public static class ArrayInitializerCases
{
    private static double[] P(params double[] values) => values;

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // Every way C# lists an array's elements; int elements converted to double.
        SpanDriver.Case("EveryFormOfInitializer", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    double[] listed = { x, y, x * y };
                    var implicitlyTyped = new[] { y, 2.0 * x };
                    double[] sized = new double[3] { 1, x, Math.Sin(y) };
                    Span<double> onStack = stackalloc double[] { x - y, x + y };
                    Span<double> implicitOnStack = stackalloc[] { x * x, 3.0 };
                    ReadOnlySpan<double> constants = [1.5, 2, -0.5];
                    double[] collected = [y, listed[2], onStack[0]];
                    double total = 0;
                    for (int i = 0; i < constants.Length; i++) total += constants[i] * listed[i] * sized[i] + collected[i];
                    return total + implicitlyTyped[0] * implicitlyTyped[1] + onStack[1] * implicitOnStack[0] + implicitOnStack[1];
                }
            """, new[] { Scalar("x"), Scalar("y") }, P(0.5, -1.2), P(-0.3, 0.7)),

        // An array listed in a loop: each round's stores overwrite the last round's elements, which the reverse sweep restores.
        SpanDriver.Case("ListedArrayInALoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 1; i < x.Length; i++)
                    {
                        double[] pair = [x[i - 1], x[i] * x[i]];
                        pair[0] *= pair[1];
                        s += pair[0] * Math.Cos(pair[^1]);
                    }

                    return s;
                }
            """, new[] { Span("x", 4) }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.4)),

        // A listed array passed to a callee, and a listed array that a loop updates in place.
        SpanDriver.Case("ListedArrayIntoACallee", """
                [Differentiable]
                public static double Weighted(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
                {
                    double s = 0;
                    for (int i = 0; i < values.Length; i++) s += values[i] * weights[i];
                    return s;
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double scale)
                {
                    double[] weights = { 0.5, scale, scale * scale };
                    for (int round = 0; round < 2; round++)
                    {
                        for (int i = 0; i < weights.Length; i++) weights[i] = Math.Tanh(weights[i] + x[i]);
                    }

                    return Weighted(x, weights);
                }
            """, new[] { Span("x", 3), Scalar("scale") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.4)),

        // ^ on a parameter, a local array and a view; read, written and compound-assigned, with a computed distance.
        SpanDriver.Case("IndexedFromTheEnd", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] h = new double[x.Length];
                    for (int i = 1; i <= x.Length; i++) h[^i] = x[i - 1] * y;
                    h[^1] += x[^1] * x[^2];
                    Span<double> tail = h.AsSpan(1);
                    tail[^1] *= y;
                    return h[0] + tail[^1] * tail[^tail.Length] + x[^x.Length];
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.4)),

        // ++ and -- inside expressions: an array filled with h[n++] where a branch decides, drained with h[--n], and a
        // parameter stepped in a return (each runs just before its statement; the reverse sweep restores n as any int).
        SpanDriver.Case("IncrementsInsideExpressions", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y, int k)
                {
                    double[] h = new double[x.Length];
                    int n = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (x[i] > 0) h[n++] = x[i] * y;
                    }

                    double s = 0;
                    while (n > 1)
                    {
                        double last = h[--n];
                        s += last * Math.Sin(h[0] + s);
                    }

                    double stepped = x[++k];
                    return s + stepped * x[k - 1];
                }
            """, new[] { Span("x", 4), Scalar("y"), Fixed("k", "1") }, P(0.5, -1, 0.3, 0.8, 0.7), P(0.6, 0.7, -1.2, 0.4, -0.4)),

        // params parameters (an array and a span) are ordinary collection parameters; F passes them listed arrays.
        SpanDriver.Case("ParamsParameters", """
                [Differentiable]
                public static double Polynomial(double t, params double[] coefficients)
                {
                    double s = 0;
                    for (int i = coefficients.Length - 1; i >= 0; i--) s = s * t + coefficients[i];
                    return s;
                }

                [Differentiable]
                public static double SumOfSquares(params ReadOnlySpan<double> values)
                {
                    double s = 0;
                    foreach (double v in values) s += v * v;
                    return s;
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> c, double x)
                {
                    double[] listed = { x, 2 * x, c[0] };
                    return Polynomial(x, listed) * SumOfSquares(c) + Polynomial(c[1], listed);
                }
            """, new[] { Span("c", 3), Scalar("x") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.4)),
    };
}
