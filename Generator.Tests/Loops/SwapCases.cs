using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Local arrays assigned from one another (MethodParser.Swaps): buffer swaps by tuple and through a temporary, a rotation of
/// three, an alias written through, a swapped array passed to a callee and iterated while the loop swaps, and a view taken
/// before a swap. Each is checked against finite differences through the fused entry and through Forward + Backward.
/// </summary>
public static class SwapCases
{
    private static double[] P(params double[] values) => values;

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // Explicit time steps of the heat equation, double-buffered: what swaps are for.
        SpanDriver.Case("HeatEquationSwappedByTuple", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> initial, double rate, int steps)
                {
                    int n = initial.Length;
                    double[] current = new double[n];
                    double[] next = new double[n];
                    for (int i = 0; i < n; i++) current[i] = initial[i];
                    for (int s = 0; s < steps; s++)
                    {
                        for (int i = 1; i < n - 1; i++)
                        {
                            next[i] = current[i] + rate * (current[i - 1] - 2 * current[i] + current[i + 1]) * current[i];
                        }

                        next[0] = current[0];
                        next[n - 1] = Math.Sin(current[n - 1]);
                        (current, next) = (next, current);
                    }

                    double total = 0;
                    for (int i = 0; i < n; i++) total += current[i] * current[i] + next[i];
                    return total;
                }
            """, new[] { Span("initial", 4), Scalar("rate"), Fixed("steps", "3") }, P(0.5, -1, 0.3, 0.8, 0.2), P(-0.3, 0.7, 1.2, -0.1, 0.15)),

        // The same swap through a temporary, and the step count odd or even deciding which buffer the result is in.
        SpanDriver.Case("SwappedThroughATemporary", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] a = new double[x.Length];
                    double[] b = new double[x.Length];
                    for (int i = 0; i < a.Length; i++) a[i] = x[i] * y;
                    for (int s = 0; s < 3; s++)
                    {
                        for (int i = 0; i < b.Length; i++) b[i] = Math.Tanh(a[i] + a[(i + 1) % a.Length]) * y;
                        double[] t = a;
                        a = b;
                        b = t;
                    }

                    return a[0] * 2 + b[1];
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -1.1)),

        // Three buffers rotated by one tuple: the right side is read before any left side is written.
        SpanDriver.Case("RotationOfThree", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] a = new double[2];
                    double[] b = new double[2];
                    double[] c = new double[2];
                    a[0] = x[0]; a[1] = x[1]; b[0] = y; c[1] = y * y;
                    for (int s = 0; s < 4; s++)
                    {
                        a[s % 2] = a[s % 2] * b[(s + 1) % 2] + Math.Sin(c[0]);
                        (a, b, c) = (b, c, a);
                    }

                    return a[0] + 2 * a[1] + 3 * b[0] + 5 * b[1] + 7 * c[0] + 11 * c[1];
                }
            """, new[] { Span("x", 2), Scalar("y") }, P(0.5, -1, 0.3), P(-0.3, 0.7, 1.2)),

        // b = a makes them one array: a write through b is seen through a, and a's old buffer keeps its values.
        SpanDriver.Case("AliasWrittenThrough", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] a = new double[2];
                    double[] b = new double[2];
                    b[0] = x[0] * y;
                    a[1] = x[1];
                    b = a;
                    b[0] = Math.Exp(a[1]) * y;
                    a[1] = b[0] * x[0];
                    return a[0] + a[1] * b[1];
                }
            """, new[] { Span("x", 2), Scalar("y") }, P(0.5, -1, 0.3), P(-0.3, 0.7, 1.2)),

        // A swapped array passed to a callee, iterated by a foreach whose body swaps (the foreach keeps the array it started
        // with), and viewed before a swap (the view keeps the array it was taken of).
        SpanDriver.Case("SwappedArrayInCallsForeachAndViews", """
                [Differentiable]
                public static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
                {
                    double s = 0;
                    for (int i = 0; i < u.Length; i++) s += u[i] * v[i];
                    return s;
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double y)
                {
                    double[] front = new double[x.Length];
                    double[] back = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) { front[i] = x[i]; back[i] = y * i; }
                    ReadOnlySpan<double> tail = front.AsSpan(1);
                    double total = 0;
                    foreach (double v in front)
                    {
                        total += v * Dot(front, back);
                        (front, back) = (back, front);
                    }

                    front[0] = y * y;
                    return total + tail[0] * tail[1] + Dot(back, x);
                }
            """, new[] { Span("x", 3), Scalar("y") }, P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -1.1)),
    };
}
