using System.Collections.Generic;
using AutoDiffGen.Generator.Tests.Numeric;
using static AutoDiffGen.Generator.Tests.Jagged.JaggedArgument;

namespace AutoDiffGen.Generator.Tests.Jagged;

/// <summary>
/// Jagged array parameters (MethodParser.Jagged): ragged rows read by computed indices, w.Length and w[i].Length loops,
/// foreach over the rows and over a row, row locals, rows passed to [Differentiable] callees, a [NoDerivative] data set,
/// two jagged arrays beside a 2-D one, and float[][]. Each is checked against finite differences through the fused entry
/// and through Forward + Backward; every point moves every input, so a gradient left at zero (or at the fused entry's
/// garbage) fails.
/// </summary>
public static class JaggedCases
{
    private static double[] P(params double[] values) => values;

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        // Rows as the sources of copies (Clone, Array.Copy with indices) and of a TensorPrimitives reduction: each row read
        // through its start and length, the copies' adjoints flowing back into the row's elements.
        JaggedDriver.Case("RowsCopiedAndReduced", """
                [Differentiable]
                public static double F(double[][] w, ReadOnlySpan<double> x)
                {
                    double[] first = (double[])w[0].Clone();
                    double[] tail = new double[2];
                    Array.Copy(w[2], 1, tail, 0, 2);
                    first[0] *= tail[1];
                    return first[0] + first[^1] * tail[0] + first[1] * x[2] + w[2][0] * x[1] + System.Numerics.Tensors.TensorPrimitives.Dot(w[1], x.Slice(0, w[1].Length));
                }
            """, new[] { Rows("w", 3, 2, 3), Vector("x", 3) },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1, 0.7, -0.2), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, 0.9, -0.5, 0.35)),

        // The shape jagged arrays are for: a layer whose units see different numbers of inputs, by w.Length and w[i].Length.
        JaggedDriver.Case("RaggedLayer", """
                [Differentiable]
                public static double F(double[][] w, ReadOnlySpan<double> x)
                {
                    double total = 0;
                    for (int i = 0; i < w.Length; i++)
                    {
                        double s = 0;
                        for (int j = 0; j < w[i].Length; j++)
                        {
                            s += w[i][j] * x[j];
                        }

                        total += Math.Tanh(s) * (i + 1);
                    }

                    return total;
                }
            """, new[] { Rows("w", 3, 1, 2), Vector("x", 3) },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, 0.9)),

        // Indices computed, not counted: each read checks its row and column, and a search picks the largest element (the
        // reverse sweep adds into that one only); no ties at these points.
        JaggedDriver.Case("ComputedIndicesAndSearch", """
                [Differentiable]
                public static double F(double[][] w, double scale)
                {
                    double s = w[w.Length - 1][w[w.Length - 1].Length - 1] * scale;
                    int k = 0;
                    while (k < 7)
                    {
                        int r = k % w.Length;
                        s += w[r][(k * 2) % w[r].Length] * w[(k + 1) % w.Length][0];
                        k++;
                    }

                    int bestRow = 0;
                    int bestColumn = 0;
                    for (int i = 0; i < w.Length; i++)
                    {
                        for (int j = 0; j < w[i].Length; j++)
                        {
                            if (w[i][j] > w[bestRow][bestColumn])
                            {
                                bestRow = i;
                                bestColumn = j;
                            }
                        }
                    }

                    return s + Math.Exp(w[bestRow][bestColumn] * scale);
                }
            """, new[] { Rows("w", 2, 3, 1), Scalar("scale") },
            P(0.5, -1, 0.3, 0.8, -0.2, 0.35, 0.7), P(-0.3, 1.5, 1.2, -0.6, 0.4, 0.1, -0.5)),

        // foreach over the rows (declared double[] and var) and over each row, and a row's Length inside.
        JaggedDriver.Case("ForEachOverRowsAndRow", """
                [Differentiable]
                public static double F(double[][] w, double scale)
                {
                    double total = 0;
                    foreach (double[] row in w)
                    {
                        double m = 0;
                        foreach (double v in row)
                        {
                            m += v * v;
                        }

                        total += Math.Sqrt(m + 1) * scale / row.Length;
                    }

                    foreach (var row in w)
                    {
                        total += row[0] * row[row.Length - 1];
                    }

                    foreach (double v in w[1])
                    {
                        total += Math.Sin(v);
                    }

                    return total;
                }
            """, new[] { Rows("w", 2, 4, 1), Scalar("scale") },
            P(0.5, -1, 0.3, 0.8, -0.2, 0.35, 0.7, 1.3), P(-0.3, 0.9, 1.2, -0.6, 0.4, 0.1, -0.5, 0.6)),

        // Rows to [Differentiable] callees, as w[i] and through a row local, to parameters declared ReadOnlySpan<double> and
        // double[]: each callee's partials add into its row's slice of the gradient.
        JaggedDriver.Case("RowsPassedToCallees", """
                [Differentiable]
                public static double F(double[][] w, ReadOnlySpan<double> x)
                {
                    double total = 0;
                    for (int i = 0; i < w.Length; i++)
                    {
                        double[] row = w[i];
                        total += Math.Tanh(Dot(row, x)) + SumOfSquares(w[i]) * row[0];
                    }

                    return total;
                }

                [Differentiable]
                public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
                {
                    double s = 0;
                    for (int j = 0; j < a.Length; j++) s += a[j] * b[j];
                    return s;
                }

                [Differentiable]
                public static double SumOfSquares(double[] a)
                {
                    double s = 0;
                    foreach (double v in a) s += v * v;
                    return Math.Log(1 + s);
                }
            """, new[] { Rows("w", 3, 1, 2), Vector("x", 3) },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, 0.9)),

        // A [NoDerivative] data set of ragged samples (features, then the target last) fitting a differentiated model.
        JaggedDriver.Case("NoDerivativeDataSet", """
                [Differentiable]
                public static double F([NoDerivative] double[][] data, double[] theta, double bias)
                {
                    double loss = 0;
                    foreach (double[] sample in data)
                    {
                        double prediction = bias;
                        for (int j = 0; j < sample.Length - 1; j++)
                        {
                            prediction += theta[j] * sample[j];
                        }

                        double error = prediction - sample[sample.Length - 1];
                        loss += error * error;
                    }

                    return loss / data.Length;
                }
            """, new[] { Fixed("data", "new[] { new double[] { 1, 2, 3 }, new double[] { 0.5, -1 }, new double[] { -2, 0.3, 1.5 } }"), Vector("theta", 2), Scalar("bias") },
            P(0.4, -0.3, 0.1), P(-1.2, 0.8, 0.5)),

        // Two jagged arrays and a 2-D one in one method: the wrappers copy each in and each gradient out.
        JaggedDriver.Case("TwoJaggedArraysAndAMatrix", """
                [Differentiable]
                public static double F(double[][] a, double[,] m, double[][] b)
                {
                    double s = 0;
                    for (int i = 0; i < a.Length; i++)
                    {
                        for (int j = 0; j < a[i].Length; j++)
                        {
                            s += a[i][j] * b[j % b.Length][i % b[j % b.Length].Length] * m[i % m.GetLength(0), j % m.GetLength(1)];
                        }
                    }

                    return s * s;
                }
            """, new[] { Rows("a", 2, 3), Matrix("m", 2, 2), Rows("b", 1, 2) },
            P(0.5, -1, 0.3, 0.8, -0.2, 1.4, 0.7, -0.4, 1.1, 0.7, 1.3, -0.8), P(-0.3, 0.9, 1.2, -0.6, 0.4, 0.9, -0.5, 0.8, 0.2, 0.6, 1.5, 0.45)),

        // The whole jagged array passed on to [Differentiable] methods taking double[][]: they get its rows and row starts.
        JaggedDriver.Case("JaggedArrayPassedToCallees", """
                [Differentiable]
                public static double F(double[][] w, double[] x)
                {
                    double total = 0;
                    for (int k = 0; k < 2; k++)
                    {
                        total += Layer(w, x) * (k + 1);
                    }

                    return total + Norm(w);
                }

                [Differentiable]
                public static double Layer(double[][] weights, ReadOnlySpan<double> input)
                {
                    double s = 0;
                    for (int i = 0; i < weights.Length; i++)
                    {
                        double unit = 0;
                        for (int j = 0; j < weights[i].Length; j++) unit += weights[i][j] * input[j];
                        s += Math.Tanh(unit);
                    }

                    return s;
                }

                [Differentiable]
                public static double Norm(double[][] weights)
                {
                    double s = 0;
                    foreach (double[] row in weights)
                        foreach (double v in row) s += v * v;
                    return Math.Sqrt(s);
                }
            """, new[] { Rows("w", 2, 3), Vector("x", 3) },
            P(0.5, -1, 0.3, 0.8, -0.2, 0.35, 0.7, 1.3), P(-0.3, 0.9, 1.2, -0.6, 0.4, 0.1, -0.5, 0.6)),

        // A layer of ragged weights as a writer (its statements stand in for each call, the rows and row starts bound to the
        // caller's), applied twice, the second time to what the first wrote.
        JaggedDriver.Case("JaggedArrayPassedToAWriter", """
                [Differentiable]
                public static double F(double[][] w, double[] x)
                {
                    double[] h = new double[w.Length];
                    double[] y = new double[w.Length];
                    Dense(w, x, h);
                    Dense(w, h, y);
                    double s = 0;
                    foreach (double v in y) s += v * v;
                    return s;
                }

                [Differentiable]
                public static void Dense(double[][] weights, ReadOnlySpan<double> input, Span<double> output)
                {
                    for (int i = 0; i < weights.Length; i++)
                    {
                        double unit = 0;
                        for (int j = 0; j < weights[i].Length; j++) unit += weights[i][j] * input[j];
                        output[i] = Math.Tanh(unit);
                    }
                }
            """, new[] { Rows("w", 2, 1), Vector("x", 2) },
            P(0.5, -1, 0.3, 0.8, -0.2), P(-0.3, 0.9, 1.2, -0.6, 0.4)),

        // float[][]: float entries and gradients; FReference is the double twin finite differences call.
        JaggedDriver.Case("FloatRows", """
                [Differentiable]
                public static float F(float[][] w, float x)
                {
                    float s = 0;
                    for (int i = 0; i < w.Length; i++)
                    {
                        for (int j = 0; j < w[i].Length; j++)
                        {
                            s += MathF.Sin(w[i][j] * x) * (j + 1);
                        }
                    }

                    return s;
                }

                public static double FReference(double[][] w, double x)
                {
                    double s = 0;
                    for (int i = 0; i < w.Length; i++)
                    {
                        for (int j = 0; j < w[i].Length; j++)
                        {
                            s += Math.Sin(w[i][j] * x) * (j + 1);
                        }
                    }

                    return s;
                }
            """, new[] { Rows("w", 1, 3), Scalar("x") }, isFloat: true,
            P(0.5, -1, 0.3, 0.8, 0.9), P(-0.3, 0.7, 1.2, -0.6, 1.1)),
        // Views of rows (w[i].AsSpan(start[, length])): declared as span locals, passed to a [Differentiable] callee and to a
        // TensorPrimitives reduction, iterated with foreach; each view's start and length read the row's, checked as AsSpan checks them.
        JaggedDriver.Case("ViewsOfRows", """
                [Differentiable]
                public static double F(double[][] w, ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < w.Length; i++)
                    {
                        ReadOnlySpan<double> head = w[i].AsSpan(0, 2);
                        ReadOnlySpan<double> tail = w[i].AsSpan(1);
                        s += head[1] * x[i] + tail[tail.Length - 1] * head[0] + SumOfSquares(w[i].AsSpan(1, 1));
                        foreach (double v in w[i].AsSpan(i % 2)) s += Math.Sin(v) * x[0];
                    }

                    return s + System.Numerics.Tensors.TensorPrimitives.Dot(w[2].AsSpan(1, 2), x.Slice(1));
                }

                [Differentiable]
                public static double SumOfSquares(ReadOnlySpan<double> v)
                {
                    double t = 0;
                    foreach (double e in v) t += e * e;
                    return t;
                }
            """, new[] { Rows("w", 2, 3, 3), Vector("x", 3) },
            P(0.5, -1, 0.3, 0.2, -0.4, 0.6, 1.1, -0.9, 0.1, 0.7, -0.2), P(-0.3, 0.7, 1.2, 0.1, 0.2, 0.3, -0.6, 0.4, 0.9, -0.5, 0.35)),
    };
}
