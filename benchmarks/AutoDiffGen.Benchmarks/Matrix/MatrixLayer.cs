using System;
using AutoDiffGen;

namespace AutoDiffGen.Benchmarks.Matrix;

/// <summary>
/// One function three ways, to measure what the 2-D array lowering costs: Σᵢ tanh(Σⱼ w[i, j] xⱼ)² with the weights a
/// <c>double[,]</c> indexed in loops bounded by <c>GetLength</c> (no dimension check), the same with loops bounded by other
/// values (every read checked by <c>Arrays2D.ElementIndex</c>), and the weights as a flat row-major span indexed by hand.
/// </summary>
public static partial class MatrixLayer
{
    [Differentiable]
    public static double Energy(double[,] w, ReadOnlySpan<double> x)
    {
        double e = 0;
        for (int i = 0; i < w.GetLength(0); i++)
        {
            double s = 0;
            for (int j = 0; j < w.GetLength(1); j++)
            {
                s += w[i, j] * x[j];
            }

            double t = Math.Tanh(s);
            e += t * t;
        }

        return e;
    }

    [Differentiable]
    public static double EnergyChecked(double[,] w, ReadOnlySpan<double> x, int rows)
    {
        double e = 0;
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            for (int j = 0; j < x.Length; j++)
            {
                s += w[i, j] * x[j];
            }

            double t = Math.Tanh(s);
            e += t * t;
        }

        return e;
    }

    [Differentiable]
    public static double EnergyFlat(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
    {
        int columns = x.Length;
        int rows = w.Length / columns;
        double e = 0;
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            for (int j = 0; j < columns; j++)
            {
                s += w[i * columns + j] * x[j];
            }

            double t = Math.Tanh(s);
            e += t * t;
        }

        return e;
    }
}
