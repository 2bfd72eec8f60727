using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AutoDiffGen.Kernels;

/// <summary>Which micro-kernel this machine runs, chosen once from the hardware's vector width.</summary>
internal enum GemmKernelKind
{
    Vector512,
    Vector256,
    Scalar,
}

/// <summary>
/// Micro-tile shape and cache blocking for element type <typeparamref name="T"/>. The JIT reads these
/// static readonly values as constants once the type is initialised.
/// </summary>
/// <remarks>
/// The micro-tile is Mr rows × two vectors of columns, held in registers for the whole k loop: with
/// Vector512 that is 12×2 accumulators (24 of the 32 zmm registers), with Vector256 6×2 of 16 ymm.
/// 8, 12 and 14 rows all reach the same L1-resident FMA ceiling here; 12 amortises each B load best
/// without using every register.
/// The driver sweeps each Mr-row strip of packed A (Mr×Kc, in L1) across the whole packed B panel (Kc×Nc),
/// so Kc·Nc is sized to stay in L2 (2 MB per core here); Mc is the unit of packing A and of parallel work.
/// </remarks>
internal static class GemmBlocking<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static readonly GemmKernelKind Kind =
        Vector512.IsHardwareAccelerated ? GemmKernelKind.Vector512
        : Vector256.IsHardwareAccelerated ? GemmKernelKind.Vector256
        : GemmKernelKind.Scalar;

    public static readonly int Mr = Kind switch
    {
        GemmKernelKind.Vector512 => GemmMicroKernel512<T>.Rows,
        GemmKernelKind.Vector256 => GemmMicroKernel256<T>.Rows,
        _ => GemmMicroKernelScalar<T>.Rows,
    };

    public static readonly int Nr = Kind switch
    {
        GemmKernelKind.Vector512 => 2 * Vector512<T>.Count,
        GemmKernelKind.Vector256 => 2 * Vector256<T>.Count,
        _ => GemmMicroKernelScalar<T>.Columns,
    };

    /// <summary>
    /// Largest depth of one packed slice (the driver splits k into equal slices no deeper than this). A float
    /// A strip is then 12 KB of this CPU's 48 KB L1, leaving room for the B micro-panels streaming past it.
    /// 128–512 measured within 3 % of each other at 1024 (best of 15, interleaved); 256 was never worse.
    /// </summary>
    public static readonly int Kc = 256;

    /// <summary>Rows of A packed at once (a multiple of Mr), and the unit of parallel work; 48–192 measured alike.</summary>
    public static readonly int Mc = RoundUp(192, Mr);

    /// <summary>
    /// Columns of B packed at once (a multiple of Nr): a 1 MB panel (1024 floats or 512 doubles at Kc = 256), half of
    /// L2, since the sweep reads all of it once per A strip. At 2048 a 4 MB panel (out in L3) ran 14 % slower.
    /// </summary>
    public static readonly int Nc = RoundUp((1 << 20) / (Kc * Unsafe.SizeOf<T>()), Nr);

    public static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
