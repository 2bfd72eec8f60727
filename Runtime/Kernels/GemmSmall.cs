using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace AutoDiffGen.Kernels;

/// <summary>
/// Products too small or too thin for packing to pay off (a vector times a matrix, a matrix times a vector,
/// a few hundred multiply-adds): packing would touch every element of the large operand once just to use it
/// once. Each output row (or element) is computed straight from the operands with TensorPrimitives.
/// </summary>
internal static class GemmSmall
{
    /// <summary>
    /// Use this path when one side of C is a single row or column, or the whole product is tiny, or C has so
    /// few columns that a packed micro-tile would be mostly padding while B's rows are contiguous dot-product
    /// operands (the output layer of a classifier: 10 classes against a 32-column tile).
    /// </summary>
    public static bool Applies<T>(int m, int k, int n, bool transposeB)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => m == 1 || n == 1 || (long)m * k * n <= 4096 || (transposeB && 2 * n < GemmBlocking<T>.Nr);

    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n,
        bool transposeA, bool transposeB, bool accumulate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[]? rented = transposeA ? ArrayPool<T>.Shared.Rent(k) : null;
        try
        {
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<T> rowOfA = transposeA ? Column(a, i, m, k, rented!) : a.Slice(i * k, k);
                Span<T> rowOfC = c.Slice(i * n, n);
                if (transposeB)
                {
                    // B stored n×k: output j is the dot product of A's row with B's row j.
                    for (int j = 0; j < n; j++)
                    {
                        T dot = TensorPrimitives.Dot(rowOfA, b.Slice(j * k, k));
                        rowOfC[j] = accumulate ? rowOfC[j] + dot : dot;
                    }
                }
                else
                {
                    // B stored k×n: C's row is a combination of B's rows weighted by A's row.
                    if (!accumulate)
                    {
                        rowOfC.Clear();
                    }
                    for (int p = 0; p < k; p++)
                    {
                        TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), rowOfA[p], rowOfC, rowOfC);
                    }
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<T>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Row i of op(A) when A is stored k×m: a strided column, gathered so it can be used as a span.</summary>
    private static ReadOnlySpan<T> Column<T>(ReadOnlySpan<T> a, int i, int m, int k, T[] buffer)
        where T : unmanaged
    {
        if (m == 1)
        {
            return a[..k];
        }
        for (int p = 0; p < k; p++)
        {
            buffer[p] = a[p * m + i];
        }
        return buffer.AsSpan(0, k);
    }
}
