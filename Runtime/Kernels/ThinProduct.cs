using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace AutoDiffGen.Kernels;

/// <summary>
/// Matrix products with a single output column (matrix·vector), where Gemm's packing and register tiles are
/// mostly padding: measured here, Gemm took 8× as long as one dot product per row for a 1024×1024 matrix times
/// a vector. The matrix is read along its rows, whichever way it is stored. (A single output row stays on Gemm:
/// then one sample through nn.Linear gives bitwise the same values as the same row in a batch.)
/// </summary>
internal static class ThinProduct
{
    /// <summary>
    /// c[m] = op(A)·b for op(A) m×k: with A stored m×k, one dot product per row; with A stored k×m
    /// (<paramref name="transposeA"/>), c is the sum of A's rows scaled by b's values.
    /// </summary>
    public static void MatrixVector<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, bool transposeA)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!transposeA)
        {
            for (int i = 0; i < m; i++)
            {
                c[i] = TensorPrimitives.Dot(a.Slice(i * k, k), b.Slice(0, k));
            }

            return;
        }

        var output = c.Slice(0, m);
        output.Clear();
        for (int p = 0; p < k; p++)
        {
            TensorPrimitives.MultiplyAdd(a.Slice(p * m, m), b[p], output, output);
        }
    }
}
