using System;
using AutoDiffGen.Storage;

namespace AutoDiffGen;

/// <summary>
/// Proves, during one backward run, that a gradient reaching a leaf is referenced by nothing but the engine,
/// so that <see cref="AccumulateGrad"/> can keep it as the leaf's <c>.Grad</c> without a copy (PyTorch steals a
/// gradient whose use count is one in the same way) or, after adding it into an existing <c>.Grad</c>, recycle
/// its buffer. Only storage allocated while the run executes backward formulas with grad mode off is a
/// candidate: nothing outside the run can hold it, no node can save it, and it is never a user's array.
/// The engine counts, per such storage, the buffers and results that hold a tensor over it; a count of one
/// when a leaf receives it means the leaf's gradient is the only reference left.
/// </summary>
internal static class GradientOwnership
{
    /// <summary>The run whose backward formulas are executing on this thread without a graph; 0 outside one.</summary>
    [ThreadStatic]
    private static int t_currentRun;

    /// <summary>Stamps storage allocated now with the current run (0 when not inside one).</summary>
    public static int CurrentRun => t_currentRun;

    /// <summary>Enters a run in which gradients are not themselves recorded; returns the run that was current, to restore.</summary>
    public static int Enter(int runId)
    {
        int previous = t_currentRun;
        t_currentRun = runId;
        return previous;
    }

    public static void Exit(int previous) => t_currentRun = previous;

    /// <summary>Another buffer or result of run <paramref name="runId"/> now holds <paramref name="tensor"/>.</summary>
    public static void Hold(Tensor tensor, int runId)
    {
        var storage = tensor.Storage;
        if (storage.OwnerRun == runId && runId != 0)
        {
            storage.Holds++;
        }
    }

    public static void Release(Tensor tensor, int runId)
    {
        var storage = tensor.Storage;
        if (storage.OwnerRun == runId && runId != 0)
        {
            storage.Holds--;
        }
    }

    /// <summary>
    /// True when the single hold left on <paramref name="tensor"/>'s storage is the caller's and the tensor
    /// spans the whole storage densely (so it can stand alone as a leaf's gradient, or its buffer be reused).
    /// </summary>
    public static bool IsSoleOwner(Tensor tensor, int runId)
    {
        var storage = tensor.Storage;
        return runId != 0 && storage.OwnerRun == runId && storage.Holds == 1
            && tensor.Offset == 0 && tensor.NumElements == storage.Length && tensor.IsContiguous;
    }

    /// <summary>The storage leaves the run's care (kept as a leaf's gradient): never count or recycle it again.</summary>
    public static void Disown(Tensor tensor) => tensor.Storage.OwnerRun = 0;

    /// <summary>Gives the buffer of a dead gradient to the pool; its tensors must never be read again.</summary>
    public static void Recycle(Tensor tensor)
    {
        var storage = tensor.Storage;
        storage.OwnerRun = 0;
        LargeBufferPool.Return(storage.Buffer, storage.DType);
    }
}
