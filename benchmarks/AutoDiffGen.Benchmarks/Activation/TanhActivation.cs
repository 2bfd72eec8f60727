using System;
using System.Numerics.Tensors;
using AutoDiffGen;

namespace AutoDiffGen.Benchmarks.Activation;

/// <summary>
/// A tanh activation's weighted sum, Σ cᵢ·tanh(zᵢ), written with TensorPrimitives (its tanh vectorised, computed by
/// TensorPrimitives itself in the generated forward sweep too) and with a loop of <c>Math.Tanh</c>; the generator
/// differentiates both, and <see cref="HandGradient"/> is the gradient written by hand on TensorPrimitives.
/// </summary>
public static partial class TanhActivation
{
    [Differentiable]
    public static double LossVectorised(ReadOnlySpan<double> z, [NoDerivative] ReadOnlySpan<double> c)
    {
        double[] h = new double[z.Length];
        TensorPrimitives.Tanh<double>(z, h);
        return TensorPrimitives.Dot<double>(h, c);
    }

    [Differentiable]
    public static double LossLoops(ReadOnlySpan<double> z, [NoDerivative] ReadOnlySpan<double> c)
    {
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            sum += c[i] * Math.Tanh(z[i]);
        }

        return sum;
    }

    /// <summary>Returns the loss and writes ∂/∂zᵢ = cᵢ·(1 − tanh²zᵢ) into <paramref name="dz"/>; <paramref name="h"/> is scratch of z's length.</summary>
    public static double HandGradient(ReadOnlySpan<double> z, ReadOnlySpan<double> c, Span<double> dz, Span<double> h)
    {
        TensorPrimitives.Tanh(z, h);
        double loss = TensorPrimitives.Dot(h, c);
        TensorPrimitives.Multiply(h, h, dz);
        TensorPrimitives.Subtract(1.0, dz, dz);
        TensorPrimitives.Multiply(dz, c, dz);
        return loss;
    }
}
