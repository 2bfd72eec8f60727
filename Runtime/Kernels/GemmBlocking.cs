using System.Numerics;
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
/// Kc keeps one packed B micro-panel (Kc×Nr) in L1 while A micro-panels stream past it; Mc keeps the
/// packed A block (Mc×Kc) in L2; Nc bounds the packed B panel, which lives in L3.
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
    /// B micro-panel is then 32 KB of this CPU's 48 KB L1. 128–384 measured alike within the noise of a
    /// shared machine; 256 was never worse.
    /// </summary>
    public static readonly int Kc = 256;

    /// <summary>Rows of A packed at once (a multiple of Mr); Mc·Kc elements sit in L2.</summary>
    public static readonly int Mc = RoundUp(192, Mr);

    /// <summary>Columns of B packed at once (a multiple of Nr): 4 MB of float panel, well inside L3.</summary>
    public static readonly int Nc = RoundUp(4096, Nr);

    public static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
