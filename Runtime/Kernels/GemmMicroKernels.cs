using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AutoDiffGen.Kernels;

/// <summary>Fused multiply-add on generic vectors; the JIT folds the type tests away.</summary>
internal static class VectorFma
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
        return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
        return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }
}

/// <summary>
/// Bounds-checked entry to one micro-kernel of a given kind, whatever this machine would select: lets each
/// kernel be verified on its own against the packed-panel contract (see GemmMicroKernelTests).
/// </summary>
internal static class GemmMicroKernel
{
    public static int Rows<T>(GemmKernelKind kind)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> => kind switch
    {
        GemmKernelKind.Vector512 => GemmMicroKernel512<T>.Rows,
        GemmKernelKind.Vector256 => GemmMicroKernel256<T>.Rows,
        _ => GemmMicroKernelScalar<T>.Rows,
    };

    public static int Columns<T>(GemmKernelKind kind)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> => kind switch
    {
        GemmKernelKind.Vector512 => 2 * Vector512<T>.Count,
        GemmKernelKind.Vector256 => 2 * Vector256<T>.Count,
        _ => GemmMicroKernelScalar<T>.Columns,
    };

    /// <summary>C[r·ldc + j] (+)= Σ_p a[p·Rows + r]·b[p·Columns + j] for the kernel of <paramref name="kind"/>.</summary>
    public static unsafe void Run<T>(GemmKernelKind kind, System.ReadOnlySpan<T> a, System.ReadOnlySpan<T> b, int kc,
        System.Span<T> c, int ldc, bool overwrite)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        int rows = Rows<T>(kind), columns = Columns<T>(kind);
        if (kc < 0 || ldc < columns || a.Length < rows * kc || b.Length < columns * kc || c.Length < (rows - 1) * ldc + columns)
        {
            throw new System.ArgumentException(
                $"GemmMicroKernel.Run: {kind} needs a ≥ {rows}·kc, b ≥ {columns}·kc, ldc ≥ {columns} and c ≥ {rows - 1}·ldc + {columns}; " +
                $"got kc={kc}, a={a.Length}, b={b.Length}, ldc={ldc}, c={c.Length}.");
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            switch (kind)
            {
                case GemmKernelKind.Vector512:
                    GemmMicroKernel512<T>.Run(pa, pb, kc, pc, ldc, overwrite);
                    break;
                case GemmKernelKind.Vector256:
                    GemmMicroKernel256<T>.Run(pa, pb, kc, pc, ldc, overwrite);
                    break;
                default:
                    GemmMicroKernelScalar<T>.Run(pa, pb, kc, pc, ldc, overwrite);
                    break;
            }
        }
    }

    /// <summary>
    /// The Vector512 kernel for <paramref name="liveRows"/> rows: C[r·ldc + j] (+)= Σ_p a[p·12 + r]·b[p·Columns + j]
    /// for r &lt; liveRows; rows of C from liveRows on are neither read nor written.
    /// </summary>
    public static unsafe void RunVector512LiveRows<T>(int liveRows, System.ReadOnlySpan<T> a, System.ReadOnlySpan<T> b, int kc,
        System.Span<T> c, int ldc, bool overwrite)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        int rows = GemmMicroKernel512<T>.Rows, columns = Columns<T>(GemmKernelKind.Vector512);
        if (liveRows < 1 || liveRows > rows || kc < 0 || ldc < columns || a.Length < rows * kc || b.Length < columns * kc
            || c.Length < (liveRows - 1) * ldc + columns)
        {
            throw new System.ArgumentException(
                $"GemmMicroKernel.RunVector512LiveRows: needs 1 ≤ liveRows ≤ {rows}, a ≥ {rows}·kc, b ≥ {columns}·kc, ldc ≥ {columns} " +
                $"and c ≥ (liveRows − 1)·ldc + {columns}; got liveRows={liveRows}, kc={kc}, a={a.Length}, b={b.Length}, ldc={ldc}, c={c.Length}.");
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            GemmMicroKernel512<T>.RunRows(liveRows, pa, pb, columns, kc, pc, ldc, overwrite);
        }
    }
}
