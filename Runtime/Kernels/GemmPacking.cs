using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AutoDiffGen.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded panel layout the micro-kernels read,
/// so the kernel's inner loop touches memory strictly sequentially whatever the operands' layouts.
/// Where the operand's rows run across the panel's order (A as stored, B transposed), full strips are
/// transposed a square tile at a time in registers; ragged edges and the final depth remainder go element by element.
/// </summary>
internal static unsafe class GemmPacking<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// Extra elements a packed-A buffer needs past its end: a transposed tile's last store may run this far
    /// beyond a strip (into space that is rewritten afterwards, or into this slack).
    /// </summary>
    public static int Slack => Vector512<T>.Count;

    private static bool CanTranspose => GemmBlocking<T>.Kind == GemmKernelKind.Vector512 && GemmTranspose.IsSupported;

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
                CopySteps(src, op.M, live, mr, depth, strip);
            }
            else
            {
                // A is stored m×k: row r of the strip is contiguous along p.
                T* src = op.A + (nint)(i0 + s) * op.K + p0;
                int done = CanTranspose ? TransposeSteps(src, op.K, live, mr, depth, strip) : 0;
                GatherSteps(src, op.K, live, mr, done, depth, strip);
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
                CopySteps(src, op.N, live, nr, depth, strip);
            }
            else
            {
                // B is stored n×k: column j of op(B) is contiguous along p.
                T* src = op.B + (nint)(j0 + s) * op.K + p0;
                int done = CanTranspose ? TransposeSteps(src, op.K, live, nr, depth, strip) : 0;
                GatherSteps(src, op.K, live, nr, done, depth, strip);
            }
        }
    }

    /// <summary>Step p takes <paramref name="live"/> adjacent values at src + p·stride, zero-padded to <paramref name="width"/>.</summary>
    private static void CopySteps(T* src, nint stride, int live, int width, int depth, T* strip)
    {
        if (live == width && width == 2 * Vector512<T>.Count && GemmBlocking<T>.Kind == GemmKernelKind.Vector512)
        {
            nint w = Vector512<T>.Count;
            for (int p = 0; p < depth; p++, src += stride, strip += width)
            {
                Vector512.Load(src).Store(strip);
                Vector512.Load(src + w).Store(strip + w);
            }
            return;
        }
        for (int p = 0; p < depth; p++, src += stride, strip += width)
        {
            new ReadOnlySpan<T>(src, live).CopyTo(new Span<T>(strip, live));
            new Span<T>(strip + live, width - live).Clear();
        }
    }

    /// <summary>
    /// Steps [from, depth): lane r of step p is src[r·stride + p], for r &lt; live; lanes up to width are zero.
    /// </summary>
    private static void GatherSteps(T* src, nint stride, int live, int width, int from, int depth, T* strip)
    {
        for (int r = 0; r < width; r++)
        {
            T* lane = strip + r;
            T* row = src + r * stride;
            for (int p = from; p < depth; p++)
            {
                lane[(nint)p * width] = r < live ? row[p] : T.Zero;
            }
        }
    }

    /// <summary>
    /// The same as <see cref="GatherSteps"/>, a W×W tile at a time (W the Vector512 lane count), transposed in
    /// registers; rows from <paramref name="live"/> on are read as zero, so the ragged last strip of a matrix whose
    /// row count is not a multiple of the strip (64 = 5·12 + 4) is transposed too instead of gathered one element
    /// at a time. Lane groups are stored last-first so a partial group's overrun into the next step is overwritten
    /// by that step's own stores. Returns the steps done.
    /// </summary>
    private static int TransposeSteps(T* src, nint stride, int live, int width, int depth, T* strip)
    {
        int w = Vector512<T>.Count;
        int groups = (width + w - 1) / w;
        int p = 0;
        for (; p + w <= depth; p += w)
        {
            for (int g = groups - 1; g >= 0; g--)
            {
                GemmTranspose.Transpose(src + g * w * stride + p, stride, Math.Min(width, live) - g * w,
                    strip + (nint)p * width + g * w, width);
            }
        }
        return p;
    }
}
