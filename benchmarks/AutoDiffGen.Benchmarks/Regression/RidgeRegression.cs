using System;
using System.Numerics.Tensors;
using AutoDiffGen;

namespace AutoDiffGen.Benchmarks.Regression;

/// <summary>
/// Ridge regression's loss, (1/n) Σᵢ (w·xᵢ − yᵢ)² + λ‖w‖², over n samples of d features (x row-major, n·d), written two
/// ways the generator differentiates — with loops, and with the TensorPrimitives reductions — and its gradient written by
/// hand with TensorPrimitives, the baseline both generated gradients are compared with.
/// </summary>
public static partial class RidgeRegression
{
    [Differentiable]
    public static double LossLoops(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> y,
        [NoDerivative] double lambda)
    {
        int d = w.Length;
        double loss = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double prediction = 0;
            for (int j = 0; j < d; j++)
            {
                prediction += w[j] * x[i * d + j];
            }

            double residual = prediction - y[i];
            loss += residual * residual;
        }

        double penalty = 0;
        for (int j = 0; j < d; j++)
        {
            penalty += w[j] * w[j];
        }

        return loss / y.Length + lambda * penalty;
    }

    [Differentiable]
    public static double LossVectorised(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> y,
        [NoDerivative] double lambda)
    {
        int d = w.Length;
        double loss = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double residual = TensorPrimitives.Dot(w, x.Slice(i * d, d)) - y[i];
            loss += residual * residual;
        }

        return loss / y.Length + lambda * TensorPrimitives.SumOfSquares(w);
    }

    /// <summary>The loss, and its gradient with respect to w written (overwriting) into <paramref name="dw"/>.</summary>
    public static double HandGradient(ReadOnlySpan<double> w, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double lambda, Span<double> dw)
    {
        int d = w.Length, n = y.Length;
        // ∂/∂w of λ‖w‖² is 2λw; each sample adds (2/n) rᵢ xᵢ.
        TensorPrimitives.Multiply(w, 2 * lambda, dw);
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = x.Slice(i * d, d);
            double residual = TensorPrimitives.Dot(w, row) - y[i];
            loss += residual * residual;
            TensorPrimitives.MultiplyAdd(row, 2 * residual / n, dw, dw);
        }

        return loss / n + lambda * TensorPrimitives.SumOfSquares(w);
    }
}
