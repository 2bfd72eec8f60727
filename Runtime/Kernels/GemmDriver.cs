using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace AutoDiffGen.Kernels;

/// <summary>
/// The blocked loops of GEMM (the GotoBLAS/BLIS order): for each Nc-wide column panel and Kc-deep slice,
/// pack the B panel once (it stays in L2); then for each Mc-tall row block pack A and sweep the micro-kernel
/// over the block, Mr rows at a time (the A strip stays in L1) and Nr columns at a time (B streams from L2).
/// Row blocks are independent, so they are what runs in parallel.
/// </summary>
internal static unsafe class GemmDriver<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int AlignmentBytes = 64;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmOperands<T> op, bool accumulate, int threads)
    {
        int mr = GemmBlocking<T>.Mr, nr = GemmBlocking<T>.Nr;
        // Equal depth slices: 784 = 4×196 rather than 3×256 + 16, whose thin last slice would cost a full
        // pass over C for little work.
        int slices = (op.K + GemmBlocking<T>.Kc - 1) / GemmBlocking<T>.Kc;
        int kcMax = (op.K + slices - 1) / slices;
        int ncMax = Math.Min(GemmBlocking<T>.Nc, GemmBlocking<T>.RoundUp(op.N, nr));
        int mcMax = Math.Min(GemmBlocking<T>.Mc, GemmBlocking<T>.RoundUp(op.M, mr));
        if (threads > 1)
        {
            // Enough row blocks that every core gets one; tiny row counts stay on one core.
            int perThread = GemmBlocking<T>.RoundUp((op.M + threads - 1) / threads, mr);
            mcMax = Math.Min(mcMax, perThread);
            if (op.M <= mr)
            {
                threads = 1;
            }
        }

        T[] bBuffer = ArrayPool<T>.Shared.Rent(kcMax * ncMax + AlignmentBytes / sizeof(T));
        T[] aBuffer = ArrayPool<T>.Shared.Rent(kcMax * mcMax + GemmPacking<T>.Slack + AlignmentBytes / sizeof(T));
        try
        {
            fixed (T* bPinned = bBuffer, aPinned = aBuffer)
            {
                T* bPack = Align(bPinned);
                T* aPack = Align(aPinned);
                for (int jc = 0; jc < op.N; jc += ncMax)
                {
                    int nc = Math.Min(ncMax, op.N - jc);
                    for (int pc = 0; pc < op.K; pc += kcMax)
                    {
                        int kc = Math.Min(kcMax, op.K - pc);
                        // Full-width strips of a k×n B are already laid out as the kernel reads them (step p at row p):
                        // read in place, only the ragged last strip is packed (zero-padded) into its usual position.
                        int inPlaceCols = ReadBInPlace(op) ? nc / nr * nr : 0;
                        if (inPlaceCols < nc)
                        {
                            GemmPacking<T>.PackB(op, pc, kc, jc + inPlaceCols, nc - inPlaceCols, nr, bPack + (nint)inPlaceCols * kc);
                        }
                        var slice = new PanelSlice(jc, nc, pc, kc, Overwrite: !accumulate && pc == 0, inPlaceCols);
                        int rowBlocks = (op.M + mcMax - 1) / mcMax;
                        if (threads == 1 || rowBlocks == 1)
                        {
                            for (int block = 0; block < rowBlocks; block++)
                            {
                                ComputeRowBlock(op, slice, block * mcMax, mcMax, aPack, bPack);
                            }
                        }
                        else
                        {
                            RunRowBlocksInParallel(op, slice, rowBlocks, mcMax, kcMax, bPack, threads);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(aBuffer);
            ArrayPool<T>.Shared.Return(bBuffer);
        }
    }

    /// <summary>
    /// The current column panel and depth slice of the blocked loops; its first <paramref name="InPlaceCols"/> columns
    /// are read from B itself rather than from the packed panel.
    /// </summary>
    private readonly record struct PanelSlice(int J0, int Cols, int P0, int Depth, bool Overwrite, int InPlaceCols);

    /// <summary>
    /// Whether the full-width column strips of B skip packing: when B is k×n (not transposed), so each step's 2V values
    /// are already adjacent, and op(A) is a single row strip, so B is read exactly once and a packed copy would never
    /// be reused (10×64×256, the output layer's weight gradient: 3.4 µs instead of 5.7). With more strips the strided
    /// re-reads lose to the packed panel (256×64×784: 1.4× slower, 1024³: 1.15×, 64×256×784: even; measured
    /// side by side). Only the Vector512 kernel takes a B row stride.
    /// </summary>
    private static bool ReadBInPlace(in GemmOperands<T> op)
        => GemmBlocking<T>.Kind == GemmKernelKind.Vector512 && GemmTuning.UnpackedB && !op.TransposeB
            && op.M <= GemmBlocking<T>.Mr;

    private static void RunRowBlocksInParallel(GemmOperands<T> op, PanelSlice slice, int rowBlocks, int mcMax,
        int kcMax, T* bPack, int threads)
    {
        nint bAddress = (nint)bPack;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, rowBlocks, options,
            () => ArrayPool<T>.Shared.Rent(kcMax * mcMax + GemmPacking<T>.Slack + AlignmentBytes / sizeof(T)),
            (block, _, aBuffer) =>
            {
                fixed (T* aPinned = aBuffer)
                {
                    ComputeRowBlock(op, slice, block * mcMax, mcMax, Align(aPinned), (T*)bAddress);
                }
                return aBuffer;
            },
            aBuffer => ArrayPool<T>.Shared.Return(aBuffer));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ComputeRowBlock(in GemmOperands<T> op, PanelSlice slice, int i0, int mcMax, T* aPack, T* bPack)
    {
        int mr = GemmBlocking<T>.Mr, nr = GemmBlocking<T>.Nr;
        int mc = Math.Min(mcMax, op.M - i0);
        int kc = slice.Depth;
        GemmPacking<T>.PackA(op, i0, mc, slice.P0, kc, mr, aPack);

        T* edgeTile = stackalloc T[mr * nr];
        bool exactRows = GemmBlocking<T>.Kind == GemmKernelKind.Vector512 && GemmTuning.ExactRaggedRows;
        // Row strips outer, column micro-panels inner: the A strip (Mr×Kc) stays in L1 for a whole sweep while
        // the packed B panel (Kc×Nc, sized for L2) streams past it. Measured 7–14 % faster at 1024–2048 than
        // keeping a B micro-panel in L1 and streaming A strips, whose C tiles then walk down the rows at a
        // large (often 4 KB-aliasing) stride instead of along them.
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* aPanel = aPack + (nint)ir * kc;
            T* cRow = op.C + (nint)(i0 + ir) * op.N + slice.J0;
            for (int jr = 0; jr < slice.Cols; jr += nr)
            {
                int cols = Math.Min(nr, slice.Cols - jr);
                bool inPlace = jr < slice.InPlaceCols;
                T* bPanel = inPlace ? op.B + (nint)slice.P0 * op.N + slice.J0 + jr : bPack + (nint)jr * kc;
                nint ldb = inPlace ? op.N : nr;
                T* cTile = cRow + jr;
                if (inPlace)
                {
                    // Only the Vector512 kernel reads B with a stride (see ReadBInPlace); in-place strips are full width.
                    GemmMicroKernel512<T>.RunRows(rows, aPanel, bPanel, ldb, kc, cTile, op.N, slice.Overwrite);
                }
                else if (rows == mr && cols == nr)
                {
                    MicroKernel(aPanel, bPanel, kc, cTile, op.N, slice.Overwrite);
                }
                else if (exactRows && cols == nr)
                {
                    // Ragged last strip (64 rows = 5·12 + 4): only the live rows are computed, straight into C.
                    GemmMicroKernel512<T>.RunRows(rows, aPanel, bPanel, ldb, kc, cTile, op.N, slice.Overwrite);
                }
                else
                {
                    // Partial tile at the matrix edge: compute the padded tile aside, keep the live part.
                    if (exactRows)
                    {
                        GemmMicroKernel512<T>.RunRows(rows, aPanel, bPanel, ldb, kc, edgeTile, nr, overwrite: true);
                    }
                    else
                    {
                        MicroKernel(aPanel, bPanel, kc, edgeTile, nr, overwrite: true);
                    }
                    StoreEdgeTile(edgeTile, nr, rows, cols, cTile, op.N, slice.Overwrite);
                }
            }
        }
    }

    private static void StoreEdgeTile(T* tile, int nr, int rows, int cols, T* c, nint ldc, bool overwrite)
    {
        for (int r = 0; r < rows; r++)
        {
            var source = new ReadOnlySpan<T>(tile + r * nr, cols);
            var target = new Span<T>(c + r * ldc, cols);
            if (overwrite)
            {
                source.CopyTo(target);
            }
            else
            {
                for (int j = 0; j < cols; j++)
                {
                    target[j] += source[j];
                }
            }
        }
    }

    private static void MicroKernel(T* a, T* b, int kc, T* c, nint ldc, bool overwrite)
    {
        switch (GemmBlocking<T>.Kind)
        {
            case GemmKernelKind.Vector512:
                GemmMicroKernel512<T>.Run(a, b, kc, c, ldc, overwrite);
                break;
            case GemmKernelKind.Vector256:
                GemmMicroKernel256<T>.Run(a, b, kc, c, ldc, overwrite);
                break;
            default:
                GemmMicroKernelScalar<T>.Run(a, b, kc, c, ldc, overwrite);
                break;
        }
    }

    private static T* Align(T* pointer) => (T*)(((nint)pointer + (AlignmentBytes - 1)) & ~(nint)(AlignmentBytes - 1));
}
