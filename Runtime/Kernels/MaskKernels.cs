using System;
using System.Numerics;

namespace AutoDiffGen.Kernels;

/// <summary>Vectorised 0/1 and sign masks used by the backward formulas of relu and abs.</summary>
internal static class MaskKernels
{
    /// <summary>destination[i] = x[i] &gt; 0 ? 1 : 0.</summary>
    public static void Positive<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x.Slice(i));
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), one, Vector<T>.Zero).CopyTo(destination.Slice(i));
            }
        }

        for (; i < x.Length; i++)
        {
            destination[i] = x[i] > T.Zero ? T.One : T.Zero;
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
