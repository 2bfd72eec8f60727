namespace AutoDiffGen.Kernels;

/// <summary>
/// How many cores the ops may hand a large kernel (today: matrix products above Gemm's parallel threshold),
/// process-wide, in the spirit of torch.set_num_threads. -1 means all of them; 1 keeps everything on the
/// calling thread, which is what a one-thread comparison with PyTorch needs.
/// </summary>
internal static class KernelThreads
{
    private static int s_maxDegreeOfParallelism = -1;

    public static int MaxDegreeOfParallelism
    {
        get => s_maxDegreeOfParallelism;
        set
        {
            if (value == 0 || value < -1)
            {
                throw new System.ArgumentOutOfRangeException(nameof(value), value, "KernelThreads.MaxDegreeOfParallelism must be -1 (all cores) or positive.");
            }

            s_maxDegreeOfParallelism = value;
        }
    }
}
