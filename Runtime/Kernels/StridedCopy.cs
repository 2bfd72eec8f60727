using System;

namespace AutoDiffGen.Kernels;

/// <summary>
/// Copies between a strided view of a buffer and a dense row-major span, one innermost run at a
/// time (a block copy when the innermost stride is 1).
/// </summary>
internal static class StridedCopy
{
    /// <summary>Reads the view (<paramref name="offset"/>, <paramref name="shape"/>, <paramref name="strides"/>) into <paramref name="destination"/>.</summary>
    public static void Gather<T>(ReadOnlySpan<T> source, int offset, int[] shape, int[] strides, Span<T> destination)
    {
        int rank = shape.Length;
        if (destination.Length == 0)
        {
            return;
        }

        if (rank == 0)
        {
            destination[0] = source[offset];
            return;
        }

        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int runs = destination.Length / inner;
        Span<int> index = stackalloc int[rank];
        int position = offset;
        for (int run = 0; run < runs; run++)
        {
            var dest = destination.Slice(run * inner, inner);
            if (innerStride == 1)
            {
                source.Slice(position, inner).CopyTo(dest);
            }
            else
            {
                for (int i = 0, p = position; i < inner; i++, p += innerStride)
                {
                    dest[i] = source[p];
                }
            }

            position = Advance(shape, strides, index, position);
        }
    }

    /// <summary>Writes the dense <paramref name="source"/> into the view (<paramref name="offset"/>, <paramref name="shape"/>, <paramref name="strides"/>).</summary>
    public static void Scatter<T>(ReadOnlySpan<T> source, Span<T> destination, int offset, int[] shape, int[] strides)
    {
        int rank = shape.Length;
        if (source.Length == 0)
        {
            return;
        }

        if (rank == 0)
        {
            destination[offset] = source[0];
            return;
        }

        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int runs = source.Length / inner;
        Span<int> index = stackalloc int[rank];
        int position = offset;
        for (int run = 0; run < runs; run++)
        {
            var src = source.Slice(run * inner, inner);
            if (innerStride == 1)
            {
                src.CopyTo(destination.Slice(position, inner));
            }
            else
            {
                for (int i = 0, p = position; i < inner; i++, p += innerStride)
                {
                    destination[p] = src[i];
                }
            }

            position = Advance(shape, strides, index, position);
        }
    }

    /// <summary>Moves the odometer over every dimension but the innermost; returns the new start offset.</summary>
    private static int Advance(int[] shape, int[] strides, Span<int> index, int position)
    {
        for (int d = shape.Length - 2; d >= 0; d--)
        {
            index[d]++;
            position += strides[d];
            if (index[d] < shape[d])
            {
                return position;
            }

            position -= strides[d] * shape[d];
            index[d] = 0;
        }

        return position;
    }
}
