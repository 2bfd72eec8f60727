using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoDiffGen.Kernels;

/// <summary>
/// In-register transpose of a square tile of Vector512 rows (16×16 floats or 8×8 doubles), used to pack
/// operands whose needed order runs across rows. Stage b swaps bit b of the row index with bit b of the
/// lane index (one two-source permute per output row); after every bit has been swapped the tile is
/// transposed. 64 permutes per 256 floats instead of 256 scalar loads and stores.
/// </summary>
internal static unsafe class GemmTranspose
{
    public static bool IsSupported => Avx512F.IsSupported;

    private static readonly Vector512<int>[] FloatKeep = MakeFloatControls(keepLow: true);
    private static readonly Vector512<int>[] FloatSwap = MakeFloatControls(keepLow: false);
    private static readonly Vector512<long>[] DoubleKeep = MakeDoubleControls(keepLow: true);
    private static readonly Vector512<long>[] DoubleSwap = MakeDoubleControls(keepLow: false);

    /// <summary>Transposes <paramref name="rows"/>[0..W) in place, W = Vector512&lt;T&gt;.Count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose<T>(Vector512<T>* rows)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            TransposeFloat((Vector512<float>*)rows);
        }
        else
        {
            TransposeDouble((Vector512<double>*)rows);
        }
    }

    private static void TransposeFloat(Vector512<float>* rows)
    {
        for (int stage = 0, bit = 8; bit >= 1; stage++, bit >>= 1)
        {
            Vector512<int> keep = FloatKeep[stage], swap = FloatSwap[stage];
            for (int i = 0; i < 16; i++)
            {
                if ((i & bit) != 0)
                {
                    continue;
                }
                Vector512<float> x = rows[i], y = rows[i + bit];
                rows[i] = Avx512F.PermuteVar16x32x2(x, keep, y);
                rows[i + bit] = Avx512F.PermuteVar16x32x2(x, swap, y);
            }
        }
    }

    private static void TransposeDouble(Vector512<double>* rows)
    {
        for (int stage = 0, bit = 4; bit >= 1; stage++, bit >>= 1)
        {
            Vector512<long> keep = DoubleKeep[stage], swap = DoubleSwap[stage];
            for (int i = 0; i < 8; i++)
            {
                if ((i & bit) != 0)
                {
                    continue;
                }
                Vector512<double> x = rows[i], y = rows[i + bit];
                rows[i] = Avx512F.PermuteVar8x64x2(x, keep, y);
                rows[i + bit] = Avx512F.PermuteVar8x64x2(x, swap, y);
            }
        }
    }

    // For stage bit b, with rows x = R[i], y = R[i+b] (i has bit b clear), the two-source index of lane l
    // (0..W-1 from x, W..2W-1 from y): new R[i] keeps x where l has bit b clear and takes y[l-b] where set;
    // new R[i+b] takes x[l+b] where l has bit b clear and keeps y where set.
    private static Vector512<int>[] MakeFloatControls(bool keepLow)
    {
        var controls = new Vector512<int>[4];
        var lanes = new int[16];
        for (int stage = 0, bit = 8; bit >= 1; stage++, bit >>= 1)
        {
            for (int l = 0; l < 16; l++)
            {
                bool bitSet = (l & bit) != 0;
                lanes[l] = keepLow ? (bitSet ? 16 + l - bit : l) : (bitSet ? 16 + l : l + bit);
            }
            controls[stage] = Vector512.Create(lanes);
        }
        return controls;
    }

    private static Vector512<long>[] MakeDoubleControls(bool keepLow)
    {
        var controls = new Vector512<long>[3];
        var lanes = new long[8];
        for (int stage = 0, bit = 4; bit >= 1; stage++, bit >>= 1)
        {
            for (int l = 0; l < 8; l++)
            {
                bool bitSet = (l & bit) != 0;
                lanes[l] = keepLow ? (bitSet ? 8 + l - bit : l) : (bitSet ? 8 + l : l + bit);
            }
            controls[stage] = Vector512.Create(lanes);
        }
        return controls;
    }
}
