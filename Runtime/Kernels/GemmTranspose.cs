using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoDiffGen.Kernels;

/// <summary>
/// In-register transpose of a square tile (16×16 floats or 8×8 doubles), used to pack operands whose needed
/// order runs across rows. Stage b swaps bit b of the row index with bit b of the lane index, one two-source
/// permute per row; after every bit has been swapped the tile is transposed: 64 permutes per 256 floats
/// instead of 256 scalar loads and stores. Unrolled so the JIT keeps the whole tile in registers.
/// </summary>
internal static unsafe class GemmTranspose
{
    public static bool IsSupported => Avx512F.IsSupported;

    private static readonly Vector512<int>[] Transpose16x16Keep = MakeControls<int>(16, keepLow: true);
    private static readonly Vector512<int>[] Transpose16x16Swap = MakeControls<int>(16, keepLow: false);
    private static readonly Vector512<long>[] Transpose8x8Keep = MakeControls<long>(8, keepLow: true);
    private static readonly Vector512<long>[] Transpose8x8Swap = MakeControls<long>(8, keepLow: false);

    /// <summary>Transposes one W×W tile, W = Vector512&lt;T&gt;.Count; see the overloads for the layout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose<T>(T* src, nint srcStride, int liveRows, T* dst, nint dstStride)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            Transpose16x16((float*)src, srcStride, liveRows, (float*)dst, dstStride);
        }
        else
        {
            Transpose8x8((double*)src, srcStride, liveRows, (double*)dst, dstStride);
        }
    }

    /// <summary>
    /// Reads 16 rows of 16 values (row t at src + t·srcStride; rows from <paramref name="liveRows"/> on read as zero)
    /// and writes their transpose: output q (the q-th value of every row) at dst + q·dstStride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose16x16(float* src, nint srcStride, int liveRows, float* dst, nint dstStride)
    {
        Vector512<float> r0 = 0 < liveRows ? Vector512.Load(src + 0 * srcStride) : default;
        Vector512<float> r1 = 1 < liveRows ? Vector512.Load(src + 1 * srcStride) : default;
        Vector512<float> r2 = 2 < liveRows ? Vector512.Load(src + 2 * srcStride) : default;
        Vector512<float> r3 = 3 < liveRows ? Vector512.Load(src + 3 * srcStride) : default;
        Vector512<float> r4 = 4 < liveRows ? Vector512.Load(src + 4 * srcStride) : default;
        Vector512<float> r5 = 5 < liveRows ? Vector512.Load(src + 5 * srcStride) : default;
        Vector512<float> r6 = 6 < liveRows ? Vector512.Load(src + 6 * srcStride) : default;
        Vector512<float> r7 = 7 < liveRows ? Vector512.Load(src + 7 * srcStride) : default;
        Vector512<float> r8 = 8 < liveRows ? Vector512.Load(src + 8 * srcStride) : default;
        Vector512<float> r9 = 9 < liveRows ? Vector512.Load(src + 9 * srcStride) : default;
        Vector512<float> r10 = 10 < liveRows ? Vector512.Load(src + 10 * srcStride) : default;
        Vector512<float> r11 = 11 < liveRows ? Vector512.Load(src + 11 * srcStride) : default;
        Vector512<float> r12 = 12 < liveRows ? Vector512.Load(src + 12 * srcStride) : default;
        Vector512<float> r13 = 13 < liveRows ? Vector512.Load(src + 13 * srcStride) : default;
        Vector512<float> r14 = 14 < liveRows ? Vector512.Load(src + 14 * srcStride) : default;
        Vector512<float> r15 = 15 < liveRows ? Vector512.Load(src + 15 * srcStride) : default;
        // Stage 0 (b = 8): exchange the b-valued bit between row index and lane index.
        Vector512<int> keep0 = Transpose16x16Keep[0], swap0 = Transpose16x16Swap[0];
        (r0, r8) = (Avx512F.PermuteVar16x32x2(r0, keep0, r8), Avx512F.PermuteVar16x32x2(r0, swap0, r8));
        (r1, r9) = (Avx512F.PermuteVar16x32x2(r1, keep0, r9), Avx512F.PermuteVar16x32x2(r1, swap0, r9));
        (r2, r10) = (Avx512F.PermuteVar16x32x2(r2, keep0, r10), Avx512F.PermuteVar16x32x2(r2, swap0, r10));
        (r3, r11) = (Avx512F.PermuteVar16x32x2(r3, keep0, r11), Avx512F.PermuteVar16x32x2(r3, swap0, r11));
        (r4, r12) = (Avx512F.PermuteVar16x32x2(r4, keep0, r12), Avx512F.PermuteVar16x32x2(r4, swap0, r12));
        (r5, r13) = (Avx512F.PermuteVar16x32x2(r5, keep0, r13), Avx512F.PermuteVar16x32x2(r5, swap0, r13));
        (r6, r14) = (Avx512F.PermuteVar16x32x2(r6, keep0, r14), Avx512F.PermuteVar16x32x2(r6, swap0, r14));
        (r7, r15) = (Avx512F.PermuteVar16x32x2(r7, keep0, r15), Avx512F.PermuteVar16x32x2(r7, swap0, r15));
        // Stage 1 (b = 4): exchange the b-valued bit between row index and lane index.
        Vector512<int> keep1 = Transpose16x16Keep[1], swap1 = Transpose16x16Swap[1];
        (r0, r4) = (Avx512F.PermuteVar16x32x2(r0, keep1, r4), Avx512F.PermuteVar16x32x2(r0, swap1, r4));
        (r1, r5) = (Avx512F.PermuteVar16x32x2(r1, keep1, r5), Avx512F.PermuteVar16x32x2(r1, swap1, r5));
        (r2, r6) = (Avx512F.PermuteVar16x32x2(r2, keep1, r6), Avx512F.PermuteVar16x32x2(r2, swap1, r6));
        (r3, r7) = (Avx512F.PermuteVar16x32x2(r3, keep1, r7), Avx512F.PermuteVar16x32x2(r3, swap1, r7));
        (r8, r12) = (Avx512F.PermuteVar16x32x2(r8, keep1, r12), Avx512F.PermuteVar16x32x2(r8, swap1, r12));
        (r9, r13) = (Avx512F.PermuteVar16x32x2(r9, keep1, r13), Avx512F.PermuteVar16x32x2(r9, swap1, r13));
        (r10, r14) = (Avx512F.PermuteVar16x32x2(r10, keep1, r14), Avx512F.PermuteVar16x32x2(r10, swap1, r14));
        (r11, r15) = (Avx512F.PermuteVar16x32x2(r11, keep1, r15), Avx512F.PermuteVar16x32x2(r11, swap1, r15));
        // Stage 2 (b = 2): exchange the b-valued bit between row index and lane index.
        Vector512<int> keep2 = Transpose16x16Keep[2], swap2 = Transpose16x16Swap[2];
        (r0, r2) = (Avx512F.PermuteVar16x32x2(r0, keep2, r2), Avx512F.PermuteVar16x32x2(r0, swap2, r2));
        (r1, r3) = (Avx512F.PermuteVar16x32x2(r1, keep2, r3), Avx512F.PermuteVar16x32x2(r1, swap2, r3));
        (r4, r6) = (Avx512F.PermuteVar16x32x2(r4, keep2, r6), Avx512F.PermuteVar16x32x2(r4, swap2, r6));
        (r5, r7) = (Avx512F.PermuteVar16x32x2(r5, keep2, r7), Avx512F.PermuteVar16x32x2(r5, swap2, r7));
        (r8, r10) = (Avx512F.PermuteVar16x32x2(r8, keep2, r10), Avx512F.PermuteVar16x32x2(r8, swap2, r10));
        (r9, r11) = (Avx512F.PermuteVar16x32x2(r9, keep2, r11), Avx512F.PermuteVar16x32x2(r9, swap2, r11));
        (r12, r14) = (Avx512F.PermuteVar16x32x2(r12, keep2, r14), Avx512F.PermuteVar16x32x2(r12, swap2, r14));
        (r13, r15) = (Avx512F.PermuteVar16x32x2(r13, keep2, r15), Avx512F.PermuteVar16x32x2(r13, swap2, r15));
        // Stage 3 (b = 1): exchange the b-valued bit between row index and lane index.
        Vector512<int> keep3 = Transpose16x16Keep[3], swap3 = Transpose16x16Swap[3];
        (r0, r1) = (Avx512F.PermuteVar16x32x2(r0, keep3, r1), Avx512F.PermuteVar16x32x2(r0, swap3, r1));
        (r2, r3) = (Avx512F.PermuteVar16x32x2(r2, keep3, r3), Avx512F.PermuteVar16x32x2(r2, swap3, r3));
        (r4, r5) = (Avx512F.PermuteVar16x32x2(r4, keep3, r5), Avx512F.PermuteVar16x32x2(r4, swap3, r5));
        (r6, r7) = (Avx512F.PermuteVar16x32x2(r6, keep3, r7), Avx512F.PermuteVar16x32x2(r6, swap3, r7));
        (r8, r9) = (Avx512F.PermuteVar16x32x2(r8, keep3, r9), Avx512F.PermuteVar16x32x2(r8, swap3, r9));
        (r10, r11) = (Avx512F.PermuteVar16x32x2(r10, keep3, r11), Avx512F.PermuteVar16x32x2(r10, swap3, r11));
        (r12, r13) = (Avx512F.PermuteVar16x32x2(r12, keep3, r13), Avx512F.PermuteVar16x32x2(r12, swap3, r13));
        (r14, r15) = (Avx512F.PermuteVar16x32x2(r14, keep3, r15), Avx512F.PermuteVar16x32x2(r14, swap3, r15));
        r0.Store(dst + 0 * dstStride);
        r1.Store(dst + 1 * dstStride);
        r2.Store(dst + 2 * dstStride);
        r3.Store(dst + 3 * dstStride);
        r4.Store(dst + 4 * dstStride);
        r5.Store(dst + 5 * dstStride);
        r6.Store(dst + 6 * dstStride);
        r7.Store(dst + 7 * dstStride);
        r8.Store(dst + 8 * dstStride);
        r9.Store(dst + 9 * dstStride);
        r10.Store(dst + 10 * dstStride);
        r11.Store(dst + 11 * dstStride);
        r12.Store(dst + 12 * dstStride);
        r13.Store(dst + 13 * dstStride);
        r14.Store(dst + 14 * dstStride);
        r15.Store(dst + 15 * dstStride);
    }

    /// <summary>
    /// Reads 8 rows of 8 values (row t at src + t·srcStride; rows from <paramref name="liveRows"/> on read as zero)
    /// and writes their transpose: output q (the q-th value of every row) at dst + q·dstStride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose8x8(double* src, nint srcStride, int liveRows, double* dst, nint dstStride)
    {
        Vector512<double> r0 = 0 < liveRows ? Vector512.Load(src + 0 * srcStride) : default;
        Vector512<double> r1 = 1 < liveRows ? Vector512.Load(src + 1 * srcStride) : default;
        Vector512<double> r2 = 2 < liveRows ? Vector512.Load(src + 2 * srcStride) : default;
        Vector512<double> r3 = 3 < liveRows ? Vector512.Load(src + 3 * srcStride) : default;
        Vector512<double> r4 = 4 < liveRows ? Vector512.Load(src + 4 * srcStride) : default;
        Vector512<double> r5 = 5 < liveRows ? Vector512.Load(src + 5 * srcStride) : default;
        Vector512<double> r6 = 6 < liveRows ? Vector512.Load(src + 6 * srcStride) : default;
        Vector512<double> r7 = 7 < liveRows ? Vector512.Load(src + 7 * srcStride) : default;
        // Stage 0 (b = 4): exchange the b-valued bit between row index and lane index.
        Vector512<long> keep0 = Transpose8x8Keep[0], swap0 = Transpose8x8Swap[0];
        (r0, r4) = (Avx512F.PermuteVar8x64x2(r0, keep0, r4), Avx512F.PermuteVar8x64x2(r0, swap0, r4));
        (r1, r5) = (Avx512F.PermuteVar8x64x2(r1, keep0, r5), Avx512F.PermuteVar8x64x2(r1, swap0, r5));
        (r2, r6) = (Avx512F.PermuteVar8x64x2(r2, keep0, r6), Avx512F.PermuteVar8x64x2(r2, swap0, r6));
        (r3, r7) = (Avx512F.PermuteVar8x64x2(r3, keep0, r7), Avx512F.PermuteVar8x64x2(r3, swap0, r7));
        // Stage 1 (b = 2): exchange the b-valued bit between row index and lane index.
        Vector512<long> keep1 = Transpose8x8Keep[1], swap1 = Transpose8x8Swap[1];
        (r0, r2) = (Avx512F.PermuteVar8x64x2(r0, keep1, r2), Avx512F.PermuteVar8x64x2(r0, swap1, r2));
        (r1, r3) = (Avx512F.PermuteVar8x64x2(r1, keep1, r3), Avx512F.PermuteVar8x64x2(r1, swap1, r3));
        (r4, r6) = (Avx512F.PermuteVar8x64x2(r4, keep1, r6), Avx512F.PermuteVar8x64x2(r4, swap1, r6));
        (r5, r7) = (Avx512F.PermuteVar8x64x2(r5, keep1, r7), Avx512F.PermuteVar8x64x2(r5, swap1, r7));
        // Stage 2 (b = 1): exchange the b-valued bit between row index and lane index.
        Vector512<long> keep2 = Transpose8x8Keep[2], swap2 = Transpose8x8Swap[2];
        (r0, r1) = (Avx512F.PermuteVar8x64x2(r0, keep2, r1), Avx512F.PermuteVar8x64x2(r0, swap2, r1));
        (r2, r3) = (Avx512F.PermuteVar8x64x2(r2, keep2, r3), Avx512F.PermuteVar8x64x2(r2, swap2, r3));
        (r4, r5) = (Avx512F.PermuteVar8x64x2(r4, keep2, r5), Avx512F.PermuteVar8x64x2(r4, swap2, r5));
        (r6, r7) = (Avx512F.PermuteVar8x64x2(r6, keep2, r7), Avx512F.PermuteVar8x64x2(r6, swap2, r7));
        r0.Store(dst + 0 * dstStride);
        r1.Store(dst + 1 * dstStride);
        r2.Store(dst + 2 * dstStride);
        r3.Store(dst + 3 * dstStride);
        r4.Store(dst + 4 * dstStride);
        r5.Store(dst + 5 * dstStride);
        r6.Store(dst + 6 * dstStride);
        r7.Store(dst + 7 * dstStride);
    }

    // For stage bit b, with rows x = R[i], y = R[i+b] (i has bit b clear), the two-source index of lane l
    // (0..W-1 from x, W..2W-1 from y): new R[i] keeps x where l has bit b clear and takes y[l-b] where set;
    // new R[i+b] takes x[l+b] where l has bit b clear and keeps y where set.
    private static Vector512<TIndex>[] MakeControls<TIndex>(int width, bool keepLow)
        where TIndex : unmanaged, System.Numerics.IBinaryInteger<TIndex>
    {
        var controls = new Vector512<TIndex>[System.Numerics.BitOperations.Log2((uint)width)];
        var lanes = new TIndex[width];
        for (int stage = 0, bit = width / 2; bit >= 1; stage++, bit >>= 1)
        {
            for (int l = 0; l < width; l++)
            {
                bool bitSet = (l & bit) != 0;
                int index = keepLow ? (bitSet ? width + l - bit : l) : (bitSet ? width + l : l + bit);
                lanes[l] = TIndex.CreateTruncating(index);
            }
            controls[stage] = Vector512.Create(lanes);
        }
        return controls;
    }
}
