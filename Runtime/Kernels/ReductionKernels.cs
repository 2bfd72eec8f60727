using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace AutoDiffGen.Kernels;

/// <summary>
/// Reductions over one dimension of a dense tensor seen as [outer, reduced, inner]: rows of the
/// reduced dimension are added (or compared) a whole inner block at a time.
/// </summary>
internal static class ReductionKernels
{
    /// <summary>destination[o, i] = Σ_r source[o, r, i].</summary>
    public static void Sum<T>(ReadOnlySpan<T> source, Span<T> destination, int outer, int reduced, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            var block = source.Slice(o * reduced * inner, reduced * inner);
            if (inner == 1)
            {
                destination[o] = TensorPrimitives.Sum(block);
                continue;
            }

            var dest = destination.Slice(o * inner, inner);
            if (reduced == 0)
            {
                dest.Clear();
                continue;
            }

            block.Slice(0, inner).CopyTo(dest);
            for (int r = 1; r < reduced; r++)
            {
                TensorPrimitives.Add(dest, block.Slice(r * inner, inner), dest);
            }
        }
    }

    /// <summary>values[o, i] = max_r source[o, r, i] and the first r that attains it; NaN wins, as in PyTorch.</summary>
    public static void Max<T>(ReadOnlySpan<T> source, Span<T> values, Span<long> indices, int outer, int reduced, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            var block = source.Slice(o * reduced * inner, reduced * inner);
            if (inner == 1)
            {
                int at = TensorPrimitives.IndexOfMax(block);
                values[o] = block[at];
                indices[o] = at;
                continue;
            }

            var best = values.Slice(o * inner, inner);
            var bestIndex = indices.Slice(o * inner, inner);
            block.Slice(0, inner).CopyTo(best);
            bestIndex.Clear();
            for (int r = 1; r < reduced; r++)
            {
                var row = block.Slice(r * inner, inner);
                for (int i = 0; i < inner; i++)
                {
                    if (row[i] > best[i] || (T.IsNaN(row[i]) && !T.IsNaN(best[i])))
                    {
                        best[i] = row[i];
                        bestIndex[i] = r;
                    }
                }
            }
        }
    }
}
