using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded panel layout the micro-kernels read,
/// so the kernel's inner loop touches memory strictly sequentially whatever the operands' layouts.
/// </summary>
internal static unsafe class GemmPacking<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// Packs op(A)[i0..i0+rows, p0..p0+depth] as strips of <paramref name="mr"/> rows: strip s starts at
    /// s·mr·depth and holds, for each step p, the mr values of column p. Rows past the end are zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(in GemmOperands<T> op, int i0, int rows, int p0, int depth, int mr, T* dst)
    {
        for (int s = 0; s < rows; s += mr)
        {
            int live = Math.Min(mr, rows - s);
            T* strip = dst + (nint)s * depth;
            if (op.TransposeA)
            {
                // A is stored k×m: the mr values of one step are adjacent.
                T* src = op.A + (nint)p0 * op.M + i0 + s;
                for (int p = 0; p < depth; p++, src += op.M, strip += mr)
                {
                    new ReadOnlySpan<T>(src, live).CopyTo(new Span<T>(strip, live));
                    new Span<T>(strip + live, mr - live).Clear();
                }
            }
            else
            {
                // A is stored m×k: each row is contiguous along p, so scatter it into every mr-th slot.
                for (int r = 0; r < mr; r++)
                {
                    T* column = strip + r;
                    if (r >= live)
                    {
                        for (int p = 0; p < depth; p++)
                        {
                            column[(nint)p * mr] = T.Zero;
                        }
                        continue;
                    }
                    T* src = op.A + (nint)(i0 + s + r) * op.K + p0;
                    for (int p = 0; p < depth; p++)
                    {
                        column[(nint)p * mr] = src[p];
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0..p0+depth, j0..j0+cols] as strips of <paramref name="nr"/> columns: strip s starts
    /// at s·nr·depth and holds, for each step p, the nr values of row p. Columns past the end are zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(in GemmOperands<T> op, int p0, int depth, int j0, int cols, int nr, T* dst)
    {
        for (int s = 0; s < cols; s += nr)
        {
            int live = Math.Min(nr, cols - s);
            T* strip = dst + (nint)s * depth;
            if (!op.TransposeB)
            {
                // B is stored k×n: the nr values of one step are adjacent.
                T* src = op.B + (nint)p0 * op.N + j0 + s;
                for (int p = 0; p < depth; p++, src += op.N, strip += nr)
                {
                    new ReadOnlySpan<T>(src, live).CopyTo(new Span<T>(strip, live));
                    new Span<T>(strip + live, nr - live).Clear();
                }
            }
            else
            {
                // B is stored n×k: each column of op(B) is contiguous along p.
                for (int j = 0; j < nr; j++)
                {
                    T* column = strip + j;
                    if (j >= live)
                    {
                        for (int p = 0; p < depth; p++)
                        {
                            column[(nint)p * nr] = T.Zero;
                        }
                        continue;
                    }
                    T* src = op.B + (nint)(j0 + s + j) * op.K + p0;
                    for (int p = 0; p < depth; p++)
                    {
                        column[(nint)p * nr] = src[p];
                    }
                }
            }
        }
    }
}
