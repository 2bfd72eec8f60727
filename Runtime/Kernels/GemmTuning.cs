namespace AutoDiffGen.Kernels;

/// <summary>
/// Switches that turn a GEMM refinement off so it can be measured against the path it replaced, side by side in
/// one process (the benchmark probes flip them between interleaved runs), and so tests reach both paths on one
/// machine. Library code never changes them; both settings compute the same product.
/// </summary>
internal static class GemmTuning
{
    /// <summary>
    /// Run the ragged last row strip (fewer than Mr rows) with a kernel for exactly its row count, writing straight
    /// into C; when false it is computed as a full Mr-row tile into a scratch tile and the live rows copied out.
    /// Only the Vector512 kernel has per-row-count variants; the others always use the scratch tile.
    /// </summary>
    public static bool ExactRaggedRows { get; set; } = true;

    /// <summary>
    /// Read the full-width column strips of a k×n (not transposed) B where it lies instead of packing them, for a
    /// single-row-strip op(A) (see GemmDriver.ReadBInPlace); when false, all of B's panel is packed.
    /// </summary>
    public static bool UnpackedB { get; set; } = true;
}
