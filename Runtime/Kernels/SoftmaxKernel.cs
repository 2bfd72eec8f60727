using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace AutoDiffGen.Kernels;

/// <summary>Row-wise softmax and log-softmax over contiguous rows, shifted by the row maximum so exp never overflows.</summary>
internal static class SoftmaxKernel
{
    public static void Softmax<T>(ReadOnlySpan<T> source, Span<T> destination, int rowLength)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < source.Length; start += rowLength)
        {
            var row = source.Slice(start, rowLength);
            var dest = destination.Slice(start, rowLength);
            TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), dest);
            ExpInPlace(dest);
            TensorPrimitives.Divide(dest, TensorPrimitives.Sum<T>(dest), dest);
        }
    }

    public static void LogSoftmax<T>(ReadOnlySpan<T> source, Span<T> destination, int rowLength)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < source.Length; start += rowLength)
        {
            var row = source.Slice(start, rowLength);
            var dest = destination.Slice(start, rowLength);
            T max = TensorPrimitives.Max(row);
            // The destination first holds exp(row - max) to get the sum, then the result.
            TensorPrimitives.Subtract(row, max, dest);
            ExpInPlace(dest);
            T shift = max + T.Log(TensorPrimitives.Sum<T>(dest));
            TensorPrimitives.Subtract(row, shift, dest);
        }
    }

    private static void ExpInPlace<T>(Span<T> values)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var floats = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(values);
            VectorMath.Exp(floats, floats);
        }
        else
        {
            var doubles = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(values);
            VectorMath.Exp(doubles, doubles);
        }
    }
}
