using System;

namespace AutoDiffGen.Storage;

/// <summary>
/// A flat buffer of float or double values shared by a tensor and all its views, with the version
/// counter PyTorch keeps on storage: every in-place write bumps it, so a tensor saved for backward
/// can tell that its values changed after it was saved.
/// </summary>
internal sealed class TensorStorage
{
    private TensorStorage(Array buffer, DType dtype)
    {
        Buffer = buffer;
        DType = dtype;
    }

    /// <summary>The backward run that allocated this storage inside its formulas, or 0 (see GradientOwnership).</summary>
    internal int OwnerRun;

    /// <summary>How many of that run's gradient buffers and results hold a tensor over this storage.</summary>
    internal int Holds;

    public Array Buffer { get; }

    public DType DType { get; }

    public int Length => Buffer.Length;

    /// <summary>Incremented by every in-place write through any tensor that shares this storage.</summary>
    public int Version { get; private set; }

    public static TensorStorage Allocate(DType dtype, int length) => Owned(dtype switch
    {
        DType.Float32 => new TensorStorage(new float[length], dtype),
        _ => new TensorStorage(new double[length], dtype),
    });

    /// <summary>
    /// Like <see cref="Allocate"/> but without zeroing large buffers first, for kernels that write every element
    /// (matrix products): a training step's weight-sized gradients would otherwise be cleared only to be overwritten.
    /// </summary>
    public static TensorStorage AllocateForOverwrite(DType dtype, int length)
    {
        if (LargeBufferPool.TryRent(dtype, length) is { } recycled)
        {
            return Owned(new TensorStorage(recycled, dtype));
        }

        return Owned(dtype switch
        {
            DType.Float32 => new TensorStorage(GC.AllocateUninitializedArray<float>(length), dtype),
            _ => new TensorStorage(GC.AllocateUninitializedArray<double>(length), dtype),
        });
    }

    /// <summary>Storage allocated by a backward formula belongs to that run until the engine lets it go.</summary>
    private static TensorStorage Owned(TensorStorage storage)
    {
        storage.OwnerRun = GradientOwnership.CurrentRun;
        return storage;
    }

    public static TensorStorage Wrap<T>(T[] buffer) => new(buffer, DTypeOf<T>());

    public static DType DTypeOf<T>() =>
        typeof(T) == typeof(float) ? DType.Float32
        : typeof(T) == typeof(double) ? DType.Float64
        : throw new NotSupportedException($"Tensor element type {typeof(T).Name} is not supported; use float or double.");

    public T[] As<T>() => (T[])Buffer;

    public void BumpVersion() => Version++;
}
