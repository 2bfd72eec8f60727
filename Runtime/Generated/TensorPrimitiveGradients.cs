using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace AutoDiffGen.CompilerServices;

/// <summary>
/// Gradient entries for the reductions of <see cref="TensorPrimitives"/> that [Differentiable] code may call: each returns
/// the reduction's value, computed by TensorPrimitives itself (so it throws what the call in the source throws), and
/// overwrites one partial span per operand with ∂value/∂operand, vectorised where TensorPrimitives can do it. Generated
/// code calls them as it calls a [Differentiable] callee's <c>ValueAndGradient</c>, passing an empty partial for an operand
/// it does not differentiate, which is then left alone. Non-smooth points follow PyTorch:
/// |x| has derivative 0 at 0, a norm or distance of 0 has gradient 0, and a maximum or minimum shared by several elements
/// splits the gradient evenly between them.
/// </summary>
public static class TensorPrimitiveGradients
{
    /// <summary>Σ xᵢyᵢ; ∂/∂x = y, ∂/∂y = x.</summary>
    public static T DotValueAndGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dx, Span<T> dy)
        where T : IFloatingPointIeee754<T>
    {
        T value = TensorPrimitives.Dot(x, y);
        if (!dx.IsEmpty) y.CopyTo(dx);
        if (!dy.IsEmpty) x.CopyTo(dy);
        return value;
    }

    /// <summary>Σ xᵢ; ∂/∂xᵢ = 1.</summary>
    public static T SumValueAndGradient<T>(ReadOnlySpan<T> x, Span<T> dx)
        where T : IFloatingPointIeee754<T>
    {
        T value = TensorPrimitives.Sum(x);
        if (dx.IsEmpty)
        {
            return value;
        }

        dx.Slice(0, x.Length).Fill(T.One);
        return value;
    }

    /// <summary>Σ xᵢ²; ∂/∂xᵢ = 2xᵢ.</summary>
    public static T SumOfSquaresValueAndGradient<T>(ReadOnlySpan<T> x, Span<T> dx)
        where T : IFloatingPointIeee754<T>
    {
        T value = TensorPrimitives.SumOfSquares(x);
        if (dx.IsEmpty)
        {
            return value;
        }

        TensorPrimitives.Multiply(x, T.CreateTruncating(2), dx);
        return value;
    }

    /// <summary>Σ |xᵢ|; ∂/∂xᵢ = sign(xᵢ), 0 at 0 (and for NaN).</summary>
    public static T SumOfMagnitudesValueAndGradient<T>(ReadOnlySpan<T> x, Span<T> dx)
        where T : IFloatingPointIeee754<T>
    {
        T value = TensorPrimitives.SumOfMagnitudes(x);
        if (dx.IsEmpty)
        {
            return value;
        }

        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = x[i] > T.Zero ? T.One : x[i] < T.Zero ? T.NegativeOne : T.Zero;
        }

        return value;
    }

    /// <summary>‖x‖; ∂/∂x = x / ‖x‖, 0 where ‖x‖ is 0.</summary>
    public static T NormValueAndGradient<T>(ReadOnlySpan<T> x, Span<T> dx)
        where T : IFloatingPointIeee754<T>
    {
        T value = TensorPrimitives.Norm(x);
        if (dx.IsEmpty)
        {
            return value;
        }

        ScaledOrZero(x, value, dx);
        return value;
    }

    /// <summary>‖x − y‖; ∂/∂x = (x − y) / ‖x − y‖ = −∂/∂y, 0 where the distance is 0.</summary>
    public static T DistanceValueAndGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dx, Span<T> dy)
        where T : IFloatingPointIeee754<T>
    {
        T value = TensorPrimitives.Distance(x, y);
        if (dx.IsEmpty && dy.IsEmpty)
        {
            return value;
        }

        // (x − y) / ‖x − y‖ into whichever partial is wanted; the other, if wanted too, is its negation.
        Span<T> direction = dx.IsEmpty ? dy : dx;
        TensorPrimitives.Subtract(x, y, direction);
        ScaledOrZero(direction, value, direction);
        if (dx.IsEmpty)
        {
            TensorPrimitives.Negate(direction, dy);
        }
        else if (!dy.IsEmpty)
        {
            TensorPrimitives.Negate(dx.Slice(0, x.Length), dy);
        }

        return value;
    }

    /// <summary>Π xᵢ; ∂/∂xᵢ is the product of the others, from prefix and suffix products so that zeros are exact.</summary>
    public static T ProductValueAndGradient<T>(ReadOnlySpan<T> x, Span<T> dx)
        where T : IFloatingPointIeee754<T>
    {
        T value = TensorPrimitives.Product(x);
        if (dx.IsEmpty)
        {
            return value;
        }

        T prefix = T.One;
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = prefix;
            prefix *= x[i];
        }

        T suffix = T.One;
        for (int i = x.Length - 1; i >= 0; i--)
        {
            dx[i] *= suffix;
            suffix *= x[i];
        }

        return value;
    }

    /// <summary>max xᵢ; the gradient split evenly between the elements equal to it (all NaNs when it is NaN).</summary>
    public static T MaxValueAndGradient<T>(ReadOnlySpan<T> x, Span<T> dx)
        where T : IFloatingPointIeee754<T>
    {
        T value = TensorPrimitives.Max(x);
        if (dx.IsEmpty)
        {
            return value;
        }

        SplitBetweenEqual(x, value, dx);
        return value;
    }

    /// <summary>min xᵢ; the gradient split evenly between the elements equal to it (all NaNs when it is NaN).</summary>
    public static T MinValueAndGradient<T>(ReadOnlySpan<T> x, Span<T> dx)
        where T : IFloatingPointIeee754<T>
    {
        T value = TensorPrimitives.Min(x);
        if (dx.IsEmpty)
        {
            return value;
        }

        SplitBetweenEqual(x, value, dx);
        return value;
    }

    // dx = v / scale, or 0 when scale is 0 (PyTorch's subgradient of a norm at the origin).
    private static void ScaledOrZero<T>(ReadOnlySpan<T> v, T scale, Span<T> dx)
        where T : IFloatingPointIeee754<T>
    {
        if (scale == T.Zero)
        {
            dx.Slice(0, v.Length).Clear();
            return;
        }

        TensorPrimitives.Divide(v, scale, dx);
    }

    private static void SplitBetweenEqual<T>(ReadOnlySpan<T> x, T value, Span<T> dx)
        where T : IFloatingPointIeee754<T>
    {
        bool nan = T.IsNaN(value);
        int ties = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] == value || (nan && T.IsNaN(x[i])))
            {
                ties++;
            }
        }

        T share = T.One / T.CreateTruncating(ties);
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = x[i] == value || (nan && T.IsNaN(x[i])) ? share : T.Zero;
        }
    }
}
