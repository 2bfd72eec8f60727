using System;
using System.Numerics;

namespace AutoDiffGen.Kernels;

/// <summary>Vectorised 0/1 and sign masks used by the backward formulas of relu and abs.</summary>
internal static class MaskKernels
{
    /// <summary>
    /// destination[i] = x[i] &lt;= 0 ? 0 : 1 — so NaN gives 1, as PyTorch's threshold_backward lets the
    /// gradient through wherever the result is not at most zero.
    /// </summary>
    public static void NotAtMostZero<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x.Slice(i));
                Vector.ConditionalSelect(Vector.LessThanOrEqual(v, Vector<T>.Zero), Vector<T>.Zero, one).CopyTo(destination.Slice(i));
            }
        }

        for (; i < x.Length; i++)
        {
            destination[i] = x[i] <= T.Zero ? T.Zero : T.One;
        }
    }

    /// <summary>destination[i] = sign(x[i]) with sign(0) = 0, as torch.sign.</summary>
    public static void Sign<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x.Slice(i));
                var positive = Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), one, Vector<T>.Zero);
                var negative = Vector.ConditionalSelect(Vector.LessThan(v, Vector<T>.Zero), one, Vector<T>.Zero);
                (positive - negative).CopyTo(destination.Slice(i));
            }
        }

        for (; i < x.Length; i++)
        {
            destination[i] = x[i] > T.Zero ? T.One : x[i] < T.Zero ? -T.One : T.Zero;
        }
    }
}
