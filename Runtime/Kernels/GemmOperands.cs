namespace AutoDiffGen.Kernels;

/// <summary>
/// Pinned operands of one GEMM call. Pointers rather than spans so the blocked loops can be handed
/// to worker threads; the caller keeps the memory pinned for the whole call.
/// </summary>
internal readonly unsafe struct GemmOperands<T>
    where T : unmanaged
{
    public readonly T* A;
    public readonly T* B;
    public readonly T* C;
    public readonly int M;
    public readonly int K;
    public readonly int N;
    public readonly bool TransposeA;
    public readonly bool TransposeB;

    public GemmOperands(T* a, T* b, T* c, int m, int k, int n, bool transposeA, bool transposeB)
    {
        A = a;
        B = b;
        C = c;
        M = m;
        K = k;
        N = n;
        TransposeA = transposeA;
        TransposeB = transposeB;
    }
}
