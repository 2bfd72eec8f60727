using System;
using System.Numerics.Tensors;

namespace AutoDiffGen.CompilerServices;

/// <summary>
/// Adds a gradient span, scaled, into an adjoint span, for generated code: the sum of a loop whose iterations only add
/// to a sum (the forward sweep differentiates each iteration as it runs and sums the gradients; the reverse sweep adds
/// that sum, times the sum's adjoint, into the adjoints), and a span callee's partials times the call's adjoint.
/// </summary>
public static class LoopGradients
{
    /// <summary><paramref name="adjoint"/> += <paramref name="scale"/> × <paramref name="gradient"/>, element by element.</summary>
    public static void AddScaled(Span<double> adjoint, double scale, ReadOnlySpan<double> gradient)
    {
        if (adjoint.Length != gradient.Length)
        {
            throw new ArgumentException($"LoopGradients.AddScaled: the adjoint has {adjoint.Length} elements but the gradient has {gradient.Length}.", nameof(gradient));
        }

        TensorPrimitives.MultiplyAdd(gradient, scale, adjoint, adjoint);
    }

    /// <summary>As the double overload, for a float callee's partials (TensorPrimitives reductions of float spans).</summary>
    public static void AddScaled(Span<float> adjoint, float scale, ReadOnlySpan<float> gradient)
    {
        if (adjoint.Length != gradient.Length)
        {
            throw new ArgumentException($"LoopGradients.AddScaled: the adjoint has {adjoint.Length} elements but the gradient has {gradient.Length}.", nameof(gradient));
        }

        TensorPrimitives.MultiplyAdd(gradient, scale, adjoint, adjoint);
    }
}
