using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Loops.Array2DArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Rectangular 2-D arrays (MethodParser.Arrays2D): parameters read by element and written, local 2-D arrays overwritten
/// in nested loops, foreach, GetLength-driven loops with an early exit, a 2-D array passed to a writer, and float[,].
/// Each is checked against finite differences through the fused entry and through Forward + Backward; every point moves
/// every input, so a gradient left at zero (or at the fused entry's garbage) fails.
/// </summary>
public static class Array2DCases
{
    private static double[] P(params double[] values) => values;

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // Array.Copy between 2-D arrays copies their elements in row-major order, and Array.Clear(a, index, length) takes a
        // row-major index: what the lowered elements hold.
        Array2DDriver.Case("ArrayMethodsOn2DArrays", """
                [Differentiable]
                public static double F(double[,] m, double[] x)
                {
                    double[,] c = new double[2, 3];
                    Array.Copy(m, c, 6);
                    Array.Clear(c, 1, 2);
                    double[,] d = new double[2, 3];
                    Array.Copy(m, 2, d, 0, 4);
                    c[1, 2] *= x[0];
                    return c[0, 0] * c[1, 2] + c[0, 1] + c[1, 0] * x[1] + d[1, 0] * d[0, 1];
                }
            """, new[] { Matrix("m", 2, 3), Vector("x", 2) }, false,
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4)),

        // The shape 2-D arrays are for: a dense layer's weights, rows by GetLength(0), columns by GetLength(1).
        Array2DDriver.Case("MatrixVectorProduct", """
                [Differentiable]
                public static double F(double[,] w, ReadOnlySpan<double> x)
                {
                    double total = 0;
                    for (int i = 0; i < w.GetLength(0); i++)
                    {
                        double s = 0;
                        for (int j = 0; j < w.GetLength(1); j++)
                        {
                            s += w[i, j] * x[j];
                        }

                        total += Math.Tanh(s) * (i + 1);
                    }

                    return total;
                }
            """, new[] { Matrix("w", 2, 3), Vector("x", 3) }, false,
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, 0.9)),

        // xᵀAx: A read as A[i, j] (not symmetric, so ∂/∂A[i, j] = x[i] x[j] tells rows from columns), sized by Length too.
        Array2DDriver.Case("QuadraticForm", """
                [Differentiable]
                public static double F(double[,] a, double[] x)
                {
                    int n = x.Length;
                    if (a.Length != n * n) throw new ArgumentException("a must be n × n");
                    double q = 0;
                    for (int i = 0; i < n; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            q += x[i] * a[i, j] * x[j];
                        }
                    }

                    return q * q;
                }
            """, new[] { Matrix("a", 3, 3), Vector("x", 3) }, false,
            P(1, 0.2, -0.3, 0.4, 2, 0.1, -0.5, 0.6, 1.5, 0.3, -0.7, 1.1)),

        // A local 2-D array as two rows of state, each step overwriting the older row from the newer: the reverse sweep
        // must restore what each step overwrote (a product of the old value keeps it live).
        Array2DDriver.Case("LocalArrayOverwrittenInNestedLoops", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double rate)
                {
                    int n = x.Length;
                    double[,] state = new double[2, n];
                    for (int j = 0; j < n; j++)
                    {
                        state[0, j] = x[j];
                    }

                    for (int t = 1; t < 5; t++)
                    {
                        int current = t % 2;
                        int previous = 1 - current;
                        for (int j = 0; j < n; j++)
                        {
                            state[current, j] = Math.Sin(state[previous, j] * rate + state[previous, (j + 1) % n]) * state[current, j] + state[previous, j];
                        }
                    }

                    double s = 0;
                    foreach (double v in state)
                    {
                        s += v * v;
                    }

                    return s;
                }
            """, new[] { Vector("x", 3), Scalar("rate") }, false,
            P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.6)),

        // 2-D scratch arrays declared inside a loop, their extents the same every time round (one sized by the other's
        // GetLength): one array each, made before the loop and zero-filled where declared; each iteration overwrites them.
        Array2DDriver.Case("LocalArrayDeclaredInALoop", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double scale)
                {
                    int n = x.Length;
                    double total = 0;
                    for (int k = 0; k < 3; k++)
                    {
                        double[,] outer = new double[n, n + 1];
                        double[,] shadow = new double[outer.GetLength(0), 1];
                        for (int i = 0; i < n; i++)
                        {
                            for (int j = 0; j < n; j++)
                            {
                                outer[i, j] = x[i] * x[j] * (k + scale);
                            }
                        }

                        for (int i = 0; i < n; i++)
                        {
                            shadow[i, 0] = Math.Sin(outer[i, (i + k) % n]);
                            total += shadow[i, 0] + outer[i, n];
                        }
                    }

                    return total;
                }
            """, new[] { Vector("x", 3), Scalar("scale") }, false,
            P(0.5, -1, 0.3, 0.8), P(-0.3, 0.7, 1.2, -0.6)),

        // Searches over a 2-D array: the maximum by foreach and the largest element's position by GetLength loops (the
        // reverse sweep repeats only the last write); the values have no ties.
        Array2DDriver.Case("SearchesOverAMatrix", """
                [Differentiable]
                public static double F(double[,] a, double weight)
                {
                    double max = double.MinValue;
                    foreach (double v in a)
                    {
                        if (v > max) max = v;
                    }

                    int bestRow = 0;
                    int bestColumn = 0;
                    for (int i = 0; i < a.GetLength(0); i++)
                    {
                        for (int j = 0; j < a.GetLength(1); j++)
                        {
                            if (a[i, j] * weight > a[bestRow, bestColumn] * weight)
                            {
                                bestRow = i;
                                bestColumn = j;
                            }
                        }
                    }

                    return max * max + weight * a[bestRow, bestColumn] + a[a.GetLength(0) - 1 - bestRow, bestColumn];
                }
            """, new[] { Matrix("a", 2, 3), Scalar("weight") }, false,
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.5), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6)),

        // A 2-D parameter the method writes (its entries take it as Span): its gradient is with respect to the values it
        // held before the call, which the writes read.
        Array2DDriver.Case("ParameterWritten", """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double[,] y)
                {
                    for (int i = 0; i < y.GetLength(0); i++)
                    {
                        for (int j = 0; j < y.GetLength(1); j++)
                        {
                            y[i, j] = y[i, j] * x[i] + Math.Exp(x[j] * y[i, j]);
                        }
                    }

                    double s = 0;
                    for (int i = 0; i < y.GetLength(0); i++)
                    {
                        s += y[i, 0] * y[i, y.GetLength(1) - 1];
                    }

                    return s;
                }
            """, new[] { Vector("x", 2), Matrix("y", 2, 2) }, false,
            P(0.5, -0.4, 0.3, 0.2, -0.1, 0.6), P(-0.3, 0.7, 0.2, -0.1, 0.4, 0.5)),

        // foreach visits a 2-D array row by row; weighting each element by its position shows the order is C#'s.
        Array2DDriver.Case("ForEachRowMajor", """
                [Differentiable]
                public static double F(double[,] a)
                {
                    double s = 0;
                    int k = 1;
                    foreach (double v in a)
                    {
                        s += Math.Sin(v) * k;
                        k++;
                    }

                    return s;
                }
            """, new[] { Matrix("a", 2, 3) }, false,
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3)),

        // Loops bounded by GetLength with a break and an early return that depend on the values.
        Array2DDriver.Case("GetLengthLoopsWithEarlyExit", """
                [Differentiable]
                public static double F(double[,] a, double limit)
                {
                    double s = 0;
                    for (int i = 0; i < a.GetLength(0); i++)
                    {
                        for (int j = 0; j < a.GetLength(1); j++)
                        {
                            if (a[i, j] > limit)
                            {
                                break;
                            }

                            s += a[i, j] * a[i, j] * limit;
                        }

                        if (s > 3 * limit)
                        {
                            return s * a[i, 0];
                        }
                    }

                    return s;
                }
            """, new[] { Matrix("a", 3, 3), Scalar("limit") }, false,
            P(0.5, 1.4, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1, 1.0),
            P(1.5, 1.4, 1.3, 1.2, 1.4, 1.6, 1.1, 1.9, 1.1, 1.0),
            P(0.1, 0.2, 0.3, 0.2, 0.1, 0.2, 0.3, 0.2, 0.1, 2.0)),

        // A 2-D local array and a 2-D parameter passed to writers, whose statements stand in for the calls.
        Array2DDriver.Case("PassedToWriter", """
                [Differentiable]
                public static void Outer(ReadOnlySpan<double> u, ReadOnlySpan<double> v, double[,] m)
                {
                    for (int i = 0; i < m.GetLength(0); i++)
                    {
                        for (int j = 0; j < m.GetLength(1); j++)
                        {
                            m[i, j] = u[i] * v[j];
                        }
                    }
                }

                [Differentiable]
                public static void Scale(double[,] weights, double[,] m)
                {
                    for (int i = 0; i < m.GetLength(0); i++)
                    {
                        for (int j = 0; j < m.GetLength(1); j++)
                        {
                            m[i, j] = Math.Tanh(m[i, j] * weights[i, j]);
                        }
                    }
                }

                [Differentiable]
                public static double F(double[,] w, ReadOnlySpan<double> u, ReadOnlySpan<double> v)
                {
                    double[,] m = new double[u.Length, v.Length];
                    Outer(u, v, m);
                    Scale(w, m);
                    double s = 0;
                    foreach (double e in m)
                    {
                        s += e;
                    }

                    return s;
                }
            """, new[] { Matrix("w", 2, 3), Vector("u", 2), Vector("v", 3) }, false,
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1, 0.7, -0.2)),

        // A callee of the same type taking a 2-D array and returning a value: inside the loop the loop inliner takes its
        // statements in; outside, the caller calls its private entries, which take the elements and extents.
        Array2DDriver.Case("CalleeOfTheSameType", """
                [Differentiable]
                public static double RowEnergy(double[,] w, int row)
                {
                    double s = 0;
                    for (int j = 0; j < w.GetLength(1); j++)
                    {
                        s += w[row, j] * w[row, j];
                    }

                    return Math.Sqrt(s + 1);
                }

                [Differentiable]
                public static double F(double[,] w, double scale)
                {
                    double total = RowEnergy(w, 0) * scale;
                    for (int i = 0; i < w.GetLength(0); i++)
                    {
                        total += Math.Sin(RowEnergy(w, i) * scale);
                    }

                    return total;
                }
            """, new[] { Matrix("w", 3, 2), Scalar("scale") }, false,
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6)),

        // A callee of another type given 2-D arrays: through its lowered entries (internal, taking the elements and extents)
        // outside the loop, its statements taken in by the loop inliner inside it.
        Array2DDriver.Case("CalleeOfAnotherType", """
                [Differentiable]
                public static double F(double[,] w, double[,] v)
                {
                    double total = Geometry.Distance(w, v, 0);
                    for (int i = 1; i < w.GetLength(0); i++)
                    {
                        total += Math.Exp(-Geometry.Distance(w, v, i));
                    }

                    return total;
                }
            """, """
            public static partial class Geometry
            {
                [Differentiable]
                public static double Distance(double[,] a, double[,] b, int row)
                {
                    double s = 0;
                    for (int j = 0; j < a.GetLength(1); j++)
                    {
                        double d = a[row, j] - b[row, j];
                        s += d * d;
                    }

                    return Math.Sqrt(s + 0.01);
                }
            }
            """, new[] { Matrix("w", 2, 2), Matrix("v", 2, 2) }, false,
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4)),

        // float[,], against its double twin; a float callee of the same type given the array goes through its private
        // Forward and Backward.
        Array2DDriver.Case("FloatMatrix", """
                [Differentiable]
                public static float Corners(float[,] w) => w[0, 0] * w[w.GetLength(0) - 1, w.GetLength(1) - 1];

                [Differentiable]
                public static float F(float[,] w, ReadOnlySpan<float> x)
                {
                    float total = Corners(w);
                    for (int i = 0; i < w.GetLength(0); i++)
                    {
                        float s = 0;
                        for (int j = 0; j < w.GetLength(1); j++)
                        {
                            s += w[i, j] * x[j];
                        }

                        total += MathF.Tanh(s);
                    }

                    return total;
                }

                public static double FReference(double[,] w, ReadOnlySpan<double> x)
                {
                    double total = w[0, 0] * w[w.GetLength(0) - 1, w.GetLength(1) - 1];
                    for (int i = 0; i < w.GetLength(0); i++)
                    {
                        double s = 0;
                        for (int j = 0; j < w.GetLength(1); j++)
                        {
                            s += w[i, j] * x[j];
                        }

                        total += Math.Tanh(s);
                    }

                    return total;
                }
            """, new[] { Matrix("w", 2, 2), Vector("x", 2) }, true,
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6)),
    };
}
