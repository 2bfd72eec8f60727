using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace AutoDiffGen.CompilerServices;

/// <summary>
/// Adds a gradient span, scaled, into an adjoint span, for generated code: the sum of a loop whose iterations only add
/// to a sum (the forward sweep differentiates each iteration as it runs and sums the gradients; the reverse sweep adds
/// that sum, times the sum's adjoint, into the adjoints), and a span callee's partials times the call's adjoint.
/// </summary>
public static class LoopGradients
{
    /// <summary>
    /// <paramref name="adjoint"/> += <paramref name="scale"/> × <paramref name="gradient"/>, element by element (double, or float
    /// for a float callee's partials).
    /// </summary>
    public static void AddScaled<T>(Span<T> adjoint, T scale, ReadOnlySpan<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        if (adjoint.Length != gradient.Length)
        {
            throw new ArgumentException($"LoopGradients.AddScaled: the adjoint has {adjoint.Length} elements but the gradient has {gradient.Length}.", nameof(gradient));
        }

        TensorPrimitives.MultiplyAdd(gradient, scale, adjoint, adjoint);
    }
}
