using System;
using System.Numerics;

namespace AutoDiffGen.Kernels;

/// <summary>
/// Applies a binary kernel over two contiguous operands broadcast to a common output shape.
/// Adjacent dimensions that broadcast the same way are merged first, so the common cases
/// (equal shapes, a scalar, a row or a column) become a few long vectorised inner runs.
/// </summary>
internal static class BroadcastKernel
{
    /// <param name="xStrides">Strides of <paramref name="x"/> in output dimensions; 0 where x is broadcast.</param>
    /// <param name="yStrides">Strides of <paramref name="y"/> in output dimensions; 0 where y is broadcast.</param>
    public static void Run<TKernel, T>(
        ReadOnlySpan<T> x, int[] xStrides, ReadOnlySpan<T> y, int[] yStrides, Span<T> destination, int[] shape)
        where TKernel : IBinaryKernel
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Length == 0)
        {
            return;
        }

        Collapse(shape, xStrides, yStrides, out var dims, out var xs, out var ys);
        int rank = dims.Length;
        int inner = rank == 0 ? 1 : dims[rank - 1];
        int xInner = rank == 0 ? 0 : xs[rank - 1];
        int yInner = rank == 0 ? 0 : ys[rank - 1];
        int outer = destination.Length / inner;
        Span<int> index = stackalloc int[Math.Max(rank, 1)];
        int xOffset = 0, yOffset = 0;
        for (int run = 0; run < outer; run++)
        {
            var dest = destination.Slice(run * inner, inner);
            if (xInner != 0 && yInner != 0)
            {
                TKernel.Run(x.Slice(xOffset, inner), y.Slice(yOffset, inner), dest);
            }
            else if (xInner != 0)
            {
                TKernel.Run(x.Slice(xOffset, inner), y[yOffset], dest);
            }
            else if (yInner != 0)
            {
                TKernel.Run(x[xOffset], y.Slice(yOffset, inner), dest);
            }
            else
            {
                TKernel.Run(x.Slice(xOffset, 1), y[yOffset], dest.Slice(0, 1));
                dest.Fill(dest[0]);
            }

            // Advance the odometer over the outer dimensions.
            for (int d = rank - 2; d >= 0; d--)
            {
                index[d]++;
                xOffset += xs[d];
                yOffset += ys[d];
                if (index[d] < dims[d])
                {
                    break;
                }

                xOffset -= xs[d] * dims[d];
                yOffset -= ys[d] * dims[d];
                index[d] = 0;
            }
        }
    }

    /// <summary>Drops size-1 dimensions and merges neighbours whose broadcast pattern agrees.</summary>
    private static void Collapse(int[] shape, int[] xStrides, int[] yStrides, out int[] dims, out int[] xs, out int[] ys)
    {
        var d = new System.Collections.Generic.List<int>(shape.Length);
        var a = new System.Collections.Generic.List<int>(shape.Length);
        var b = new System.Collections.Generic.List<int>(shape.Length);
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 1)
            {
                continue;
            }

            int last = d.Count - 1;
            if (last >= 0
                && (a[last] == 0) == (xStrides[i] == 0)
                && (b[last] == 0) == (yStrides[i] == 0)
                && a[last] == xStrides[i] * shape[i]
                && b[last] == yStrides[i] * shape[i])
            {
                d[last] *= shape[i];
                a[last] = xStrides[i];
                b[last] = yStrides[i];
            }
            else
            {
                d.Add(shape[i]);
                a.Add(xStrides[i]);
                b.Add(yStrides[i]);
            }
        }

        dims = d.ToArray();
        xs = a.ToArray();
        ys = b.ToArray();
    }
}
