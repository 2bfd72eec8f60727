// The register-blocked micro-kernels: one Rows×(2 vectors) tile of C kept in registers across the k loop.
// Unrolled by hand (rows are independent accumulators), so the JIT keeps every accumulator in a register.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoDiffGen.Kernels;

/// <summary>
/// AVX-512 micro-kernel: up to 12 rows × 2 zmm vectors of accumulators (24 of the 32 registers), 2 B loads and
/// one broadcast per row per step. The live row count is a type argument, so the JIT compiles one kernel per
/// count with the rows past it removed: the ragged last strip of a matrix (64 rows = 5·12 + 4) runs a 4-row
/// kernel straight into C instead of a 12-row one into a scratch tile.
/// </summary>
internal static class GemmMicroKernel512<T>
    where T : unmanaged
{
    /// <summary>Rows of a full tile, and the number of values per step in a packed A strip whatever the live rows.</summary>
    public const int Rows = 12;

    /// <summary>Values per step of a packed B panel: two vectors.</summary>
    public static int Columns => 2 * Vector512<T>.Count;

    /// <summary>The full 12-row kernel on a packed B panel; see <see cref="Run{TRows}"/>.</summary>
    public static unsafe void Run(T* a, T* b, int kc, T* c, nint ldc, bool overwrite)
        => Run<MicroTileRows12>(a, b, Columns, kc, c, ldc, overwrite);

    /// <summary>The kernel for <paramref name="rows"/> live rows (1 to <see cref="Rows"/>); see <see cref="Run{TRows}"/>.</summary>
    public static unsafe void RunRows(int rows, T* a, T* b, nint ldb, int kc, T* c, nint ldc, bool overwrite)
    {
        switch (rows)
        {
            case 1:
                Run<MicroTileRows1>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            case 2:
                Run<MicroTileRows2>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            case 3:
                Run<MicroTileRows3>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            case 4:
                Run<MicroTileRows4>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            case 5:
                Run<MicroTileRows5>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            case 6:
                Run<MicroTileRows6>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            case 7:
                Run<MicroTileRows7>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            case 8:
                Run<MicroTileRows8>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            case 9:
                Run<MicroTileRows9>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            case 10:
                Run<MicroTileRows10>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            case 11:
                Run<MicroTileRows11>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            case 12:
                Run<MicroTileRows12>(a, b, ldb, kc, c, ldc, overwrite);
                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(rows), rows,
                    $"GemmMicroKernel512.RunRows: a tile has 1 to {Rows} live rows.");
        }
    }

    /// <summary>
    /// C[0..TRows, 0..2V] (+)= Apanel·Bpanel over <paramref name="kc"/> steps. Packed A holds <see cref="Rows"/> values
    /// per step (only the first TRows are read); step p of B is the 2V adjacent values at b + p·<paramref name="ldb"/>
    /// (<see cref="Columns"/> for a packed panel, or the row stride of a k×n B read in place); <paramref name="ldc"/>
    /// is C's row stride. Only the TRows live rows of C are read or written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run<TRows>(T* a, T* b, nint ldb, int kc, T* c, nint ldc, bool overwrite)
        where TRows : struct, IMicroTileRows
    {
        // Every "TRows.Count > r" below is a JIT-time constant: the dead rows vanish from each instantiation.
        nint width = Vector512<T>.Count;
        Vector512<T> r0v0 = default, r0v1 = default;
        Vector512<T> r1v0 = default, r1v1 = default;
        Vector512<T> r2v0 = default, r2v1 = default;
        Vector512<T> r3v0 = default, r3v1 = default;
        Vector512<T> r4v0 = default, r4v1 = default;
        Vector512<T> r5v0 = default, r5v1 = default;
        Vector512<T> r6v0 = default, r6v1 = default;
        Vector512<T> r7v0 = default, r7v1 = default;
        Vector512<T> r8v0 = default, r8v1 = default;
        Vector512<T> r9v0 = default, r9v1 = default;
        Vector512<T> r10v0 = default, r10v1 = default;
        Vector512<T> r11v0 = default, r11v1 = default;
        if (Sse.IsSupported)
        {
            // The C tile is read only after the k loop; start fetching it now so that miss overlaps the FMAs.
            for (int r = 0; r < TRows.Count; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + 2 * width - 1);
            }
        }
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + width);
            Vector512<T> a0 = Vector512.Create(a[0]);
            r0v0 = VectorFma.Fma(a0, b0, r0v0);
            r0v1 = VectorFma.Fma(a0, b1, r0v1);
            if (TRows.Count > 1)
            {
                Vector512<T> a1 = Vector512.Create(a[1]);
                r1v0 = VectorFma.Fma(a1, b0, r1v0);
                r1v1 = VectorFma.Fma(a1, b1, r1v1);
            }
            if (TRows.Count > 2)
            {
                Vector512<T> a2 = Vector512.Create(a[2]);
                r2v0 = VectorFma.Fma(a2, b0, r2v0);
                r2v1 = VectorFma.Fma(a2, b1, r2v1);
            }
            if (TRows.Count > 3)
            {
                Vector512<T> a3 = Vector512.Create(a[3]);
                r3v0 = VectorFma.Fma(a3, b0, r3v0);
                r3v1 = VectorFma.Fma(a3, b1, r3v1);
            }
            if (TRows.Count > 4)
            {
                Vector512<T> a4 = Vector512.Create(a[4]);
                r4v0 = VectorFma.Fma(a4, b0, r4v0);
                r4v1 = VectorFma.Fma(a4, b1, r4v1);
            }
            if (TRows.Count > 5)
            {
                Vector512<T> a5 = Vector512.Create(a[5]);
                r5v0 = VectorFma.Fma(a5, b0, r5v0);
                r5v1 = VectorFma.Fma(a5, b1, r5v1);
            }
            if (TRows.Count > 6)
            {
                Vector512<T> a6 = Vector512.Create(a[6]);
                r6v0 = VectorFma.Fma(a6, b0, r6v0);
                r6v1 = VectorFma.Fma(a6, b1, r6v1);
            }
            if (TRows.Count > 7)
            {
                Vector512<T> a7 = Vector512.Create(a[7]);
                r7v0 = VectorFma.Fma(a7, b0, r7v0);
                r7v1 = VectorFma.Fma(a7, b1, r7v1);
            }
            if (TRows.Count > 8)
            {
                Vector512<T> a8 = Vector512.Create(a[8]);
                r8v0 = VectorFma.Fma(a8, b0, r8v0);
                r8v1 = VectorFma.Fma(a8, b1, r8v1);
            }
            if (TRows.Count > 9)
            {
                Vector512<T> a9 = Vector512.Create(a[9]);
                r9v0 = VectorFma.Fma(a9, b0, r9v0);
                r9v1 = VectorFma.Fma(a9, b1, r9v1);
            }
            if (TRows.Count > 10)
            {
                Vector512<T> a10 = Vector512.Create(a[10]);
                r10v0 = VectorFma.Fma(a10, b0, r10v0);
                r10v1 = VectorFma.Fma(a10, b1, r10v1);
            }
            if (TRows.Count > 11)
            {
                Vector512<T> a11 = Vector512.Create(a[11]);
                r11v0 = VectorFma.Fma(a11, b0, r11v0);
                r11v1 = VectorFma.Fma(a11, b1, r11v1);
            }
            a += Rows;
            b += ldb;
        }

        if (overwrite)
        {
            r0v0.Store(c + 0 * ldc);
            r0v1.Store(c + 0 * ldc + width);
            if (TRows.Count > 1)
            {
                r1v0.Store(c + 1 * ldc);
                r1v1.Store(c + 1 * ldc + width);
            }
            if (TRows.Count > 2)
            {
                r2v0.Store(c + 2 * ldc);
                r2v1.Store(c + 2 * ldc + width);
            }
            if (TRows.Count > 3)
            {
                r3v0.Store(c + 3 * ldc);
                r3v1.Store(c + 3 * ldc + width);
            }
            if (TRows.Count > 4)
            {
                r4v0.Store(c + 4 * ldc);
                r4v1.Store(c + 4 * ldc + width);
            }
            if (TRows.Count > 5)
            {
                r5v0.Store(c + 5 * ldc);
                r5v1.Store(c + 5 * ldc + width);
            }
            if (TRows.Count > 6)
            {
                r6v0.Store(c + 6 * ldc);
                r6v1.Store(c + 6 * ldc + width);
            }
            if (TRows.Count > 7)
            {
                r7v0.Store(c + 7 * ldc);
                r7v1.Store(c + 7 * ldc + width);
            }
            if (TRows.Count > 8)
            {
                r8v0.Store(c + 8 * ldc);
                r8v1.Store(c + 8 * ldc + width);
            }
            if (TRows.Count > 9)
            {
                r9v0.Store(c + 9 * ldc);
                r9v1.Store(c + 9 * ldc + width);
            }
            if (TRows.Count > 10)
            {
                r10v0.Store(c + 10 * ldc);
                r10v1.Store(c + 10 * ldc + width);
            }
            if (TRows.Count > 11)
            {
                r11v0.Store(c + 11 * ldc);
                r11v1.Store(c + 11 * ldc + width);
            }
        }
        else
        {
            (Vector512.Load(c + 0 * ldc) + r0v0).Store(c + 0 * ldc);
            (Vector512.Load(c + 0 * ldc + width) + r0v1).Store(c + 0 * ldc + width);
            if (TRows.Count > 1)
            {
                (Vector512.Load(c + 1 * ldc) + r1v0).Store(c + 1 * ldc);
                (Vector512.Load(c + 1 * ldc + width) + r1v1).Store(c + 1 * ldc + width);
            }
            if (TRows.Count > 2)
            {
                (Vector512.Load(c + 2 * ldc) + r2v0).Store(c + 2 * ldc);
                (Vector512.Load(c + 2 * ldc + width) + r2v1).Store(c + 2 * ldc + width);
            }
            if (TRows.Count > 3)
            {
                (Vector512.Load(c + 3 * ldc) + r3v0).Store(c + 3 * ldc);
                (Vector512.Load(c + 3 * ldc + width) + r3v1).Store(c + 3 * ldc + width);
            }
            if (TRows.Count > 4)
            {
                (Vector512.Load(c + 4 * ldc) + r4v0).Store(c + 4 * ldc);
                (Vector512.Load(c + 4 * ldc + width) + r4v1).Store(c + 4 * ldc + width);
            }
            if (TRows.Count > 5)
            {
                (Vector512.Load(c + 5 * ldc) + r5v0).Store(c + 5 * ldc);
                (Vector512.Load(c + 5 * ldc + width) + r5v1).Store(c + 5 * ldc + width);
            }
            if (TRows.Count > 6)
            {
                (Vector512.Load(c + 6 * ldc) + r6v0).Store(c + 6 * ldc);
                (Vector512.Load(c + 6 * ldc + width) + r6v1).Store(c + 6 * ldc + width);
            }
            if (TRows.Count > 7)
            {
                (Vector512.Load(c + 7 * ldc) + r7v0).Store(c + 7 * ldc);
                (Vector512.Load(c + 7 * ldc + width) + r7v1).Store(c + 7 * ldc + width);
            }
            if (TRows.Count > 8)
            {
                (Vector512.Load(c + 8 * ldc) + r8v0).Store(c + 8 * ldc);
                (Vector512.Load(c + 8 * ldc + width) + r8v1).Store(c + 8 * ldc + width);
            }
            if (TRows.Count > 9)
            {
                (Vector512.Load(c + 9 * ldc) + r9v0).Store(c + 9 * ldc);
                (Vector512.Load(c + 9 * ldc + width) + r9v1).Store(c + 9 * ldc + width);
            }
            if (TRows.Count > 10)
            {
                (Vector512.Load(c + 10 * ldc) + r10v0).Store(c + 10 * ldc);
                (Vector512.Load(c + 10 * ldc + width) + r10v1).Store(c + 10 * ldc + width);
            }
            if (TRows.Count > 11)
            {
                (Vector512.Load(c + 11 * ldc) + r11v0).Store(c + 11 * ldc);
                (Vector512.Load(c + 11 * ldc + width) + r11v1).Store(c + 11 * ldc + width);
            }
        }
    }
}
