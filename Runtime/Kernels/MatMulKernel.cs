using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace AutoDiffGen.Kernels;

/// <summary>
/// Dense row-major matrix product C[m,n] = A[m,k]·B[k,n] in i-k-j order: each step adds a scaled
/// row of B to a row of C with a fused multiply-add, so every inner loop streams contiguous memory.
/// </summary>
internal static class MatMulKernel
{
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
        {
            throw new ArgumentException($"matmul kernel: spans too short for m={m}, k={k}, n={n} (a={a.Length}, b={b.Length}, c={c.Length}).");
        }

        c.Slice(0, m * n).Clear();
        for (int i = 0; i < m; i++)
        {
            var cRow = c.Slice(i * n, n);
            var aRow = a.Slice(i * k, k);
            for (int p = 0; p < k; p++)
            {
                T scale = aRow[p];
                if (scale == T.Zero)
                {
                    continue;
                }

                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), scale, cRow, cRow);
            }
        }
    }
}
