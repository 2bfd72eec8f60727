using System;
using System.Collections.Generic;

namespace AutoDiffGen.Storage;

/// <summary>
/// A few large float/double arrays per thread, handed back by the engine when it can prove a gradient buffer
/// is dead (see <see cref="GradientOwnership"/>) and rented by kernels that overwrite every element.
/// Arrays this large live on the large-object heap, which is only collected with gen 2: reusing a weight-sized
/// gradient from one training step to the next keeps the steady state free of such collections.
/// </summary>
internal static class LargeBufferPool
{
    /// <summary>The large-object heap threshold (85,000 bytes): smaller arrays are cheap for the GC already.</summary>
    private const int MinimumBytes = 85_000;

    /// <summary>Enough for the weight gradients of a few layers; beyond that arrays go back to the GC.</summary>
    private const int Capacity = 8;

    [ThreadStatic]
    private static List<Array>? t_arrays;

    public static bool IsWorthPooling(int length, DType dtype) => (long)length * (dtype == DType.Float32 ? sizeof(float) : sizeof(double)) >= MinimumBytes;

    /// <summary>An array of exactly <paramref name="length"/> elements of <paramref name="dtype"/>, with arbitrary values; null if none is pooled.</summary>
    public static Array? TryRent(DType dtype, int length)
    {
        var arrays = t_arrays;
        if (arrays is null || !IsWorthPooling(length, dtype))
        {
            return null;
        }

        for (int i = arrays.Count - 1; i >= 0; i--)
        {
            var array = arrays[i];
            if (array.Length == length && (dtype == DType.Float32 ? array is float[] : array is double[]))
            {
                arrays.RemoveAt(i);
                return array;
            }
        }

        return null;
    }

    /// <summary>Keeps <paramref name="array"/> for a later <see cref="TryRent"/>; the caller guarantees nothing references it any more.</summary>
    public static void Return(Array array, DType dtype)
    {
        if (!IsWorthPooling(array.Length, dtype))
        {
            return;
        }

        var arrays = t_arrays ??= new List<Array>(Capacity);
        if (arrays.Count == Capacity)
        {
            arrays.RemoveAt(0); // the oldest goes to the GC
        }

        arrays.Add(array);
    }
}
