// The register-blocked micro-kernels: one Rows×(2 vectors) tile of C kept in registers across the k loop.
// Unrolled by hand (rows are independent accumulators), so the JIT keeps every accumulator in a register.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoDiffGen.Kernels;

/// <summary>AVX2 micro-kernel: 6 rows × 2 ymm vectors of accumulators (12 of the 16 registers).</summary>
internal static class GemmMicroKernel256<T>
    where T : unmanaged
{
    public const int Rows = 6;

    /// <summary>
    /// C[0..Rows, 0..2V] (+)= Apanel·Bpanel over <paramref name="kc"/> steps. Packed A holds Rows values
    /// per step, packed B holds 2V values per step; <paramref name="ldc"/> is C's row stride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(T* a, T* b, int kc, T* c, nint ldc, bool overwrite)
    {
        nint width = Vector256<T>.Count;
        Vector256<T> r0v0 = default, r0v1 = default;
        Vector256<T> r1v0 = default, r1v1 = default;
        Vector256<T> r2v0 = default, r2v1 = default;
        Vector256<T> r3v0 = default, r3v1 = default;
        Vector256<T> r4v0 = default, r4v1 = default;
        Vector256<T> r5v0 = default, r5v1 = default;
        if (Sse.IsSupported)
        {
            // The C tile is read only after the k loop; start fetching it now so that miss overlaps the FMAs.
            for (int r = 0; r < Rows; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + 2 * width - 1);
            }
        }
        for (int p = 0; p < kc; p++)
        {
            Vector256<T> b0 = Vector256.Load(b);
            Vector256<T> b1 = Vector256.Load(b + width);
            Vector256<T> a0 = Vector256.Create(a[0]);
            r0v0 = VectorFma.Fma(a0, b0, r0v0);
            r0v1 = VectorFma.Fma(a0, b1, r0v1);
            Vector256<T> a1 = Vector256.Create(a[1]);
            r1v0 = VectorFma.Fma(a1, b0, r1v0);
            r1v1 = VectorFma.Fma(a1, b1, r1v1);
            Vector256<T> a2 = Vector256.Create(a[2]);
            r2v0 = VectorFma.Fma(a2, b0, r2v0);
            r2v1 = VectorFma.Fma(a2, b1, r2v1);
            Vector256<T> a3 = Vector256.Create(a[3]);
            r3v0 = VectorFma.Fma(a3, b0, r3v0);
            r3v1 = VectorFma.Fma(a3, b1, r3v1);
            Vector256<T> a4 = Vector256.Create(a[4]);
            r4v0 = VectorFma.Fma(a4, b0, r4v0);
            r4v1 = VectorFma.Fma(a4, b1, r4v1);
            Vector256<T> a5 = Vector256.Create(a[5]);
            r5v0 = VectorFma.Fma(a5, b0, r5v0);
            r5v1 = VectorFma.Fma(a5, b1, r5v1);
            a += Rows;
            b += 2 * width;
        }

        if (overwrite)
        {
            r0v0.Store(c + 0 * ldc);
            r0v1.Store(c + 0 * ldc + width);
            r1v0.Store(c + 1 * ldc);
            r1v1.Store(c + 1 * ldc + width);
            r2v0.Store(c + 2 * ldc);
            r2v1.Store(c + 2 * ldc + width);
            r3v0.Store(c + 3 * ldc);
            r3v1.Store(c + 3 * ldc + width);
            r4v0.Store(c + 4 * ldc);
            r4v1.Store(c + 4 * ldc + width);
            r5v0.Store(c + 5 * ldc);
            r5v1.Store(c + 5 * ldc + width);
        }
        else
        {
            (Vector256.Load(c + 0 * ldc) + r0v0).Store(c + 0 * ldc);
            (Vector256.Load(c + 0 * ldc + width) + r0v1).Store(c + 0 * ldc + width);
            (Vector256.Load(c + 1 * ldc) + r1v0).Store(c + 1 * ldc);
            (Vector256.Load(c + 1 * ldc + width) + r1v1).Store(c + 1 * ldc + width);
            (Vector256.Load(c + 2 * ldc) + r2v0).Store(c + 2 * ldc);
            (Vector256.Load(c + 2 * ldc + width) + r2v1).Store(c + 2 * ldc + width);
            (Vector256.Load(c + 3 * ldc) + r3v0).Store(c + 3 * ldc);
            (Vector256.Load(c + 3 * ldc + width) + r3v1).Store(c + 3 * ldc + width);
            (Vector256.Load(c + 4 * ldc) + r4v0).Store(c + 4 * ldc);
            (Vector256.Load(c + 4 * ldc + width) + r4v1).Store(c + 4 * ldc + width);
            (Vector256.Load(c + 5 * ldc) + r5v0).Store(c + 5 * ldc);
            (Vector256.Load(c + 5 * ldc + width) + r5v1).Store(c + 5 * ldc + width);
        }
    }
}
