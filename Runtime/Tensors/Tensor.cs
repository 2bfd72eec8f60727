using System;
using AutoDiffGen.Kernels;
using AutoDiffGen.Storage;

namespace AutoDiffGen;

/// <summary>
/// An n-dimensional array of float32 or float64 values with PyTorch's autograd semantics: a view
/// (shape, strides, offset) over a shared <see cref="TensorStorage"/>, a <see cref="GradFn"/> when it
/// is the result of an op that requires grad, and a <see cref="Grad"/> that backward accumulates into.
/// </summary>
/// <remarks>
/// <see cref="Shape"/> and <see cref="Strides"/> return fresh copies, so callers may keep or change them.
/// </remarks>
public sealed partial class Tensor
{
    private bool _requiresGrad;
    private Node? _gradFn;
    private AccumulateGrad? _accumulator;
    private Tensor? _grad;

    internal Tensor(TensorStorage storage, int[] shape, int[] strides, int offset)
    {
        Storage = storage;
        ShapeArray = shape;
        StrideArray = strides;
        Offset = offset;
        NumElements = Shapes.Product(shape);
    }

    internal Tensor(TensorStorage storage, int[] shape)
        : this(storage, shape, Shapes.ContiguousStrides(shape), 0)
    {
    }

    internal TensorStorage Storage { get; }

    internal int[] ShapeArray { get; }

    internal int[] StrideArray { get; }

    internal int Offset { get; }

    /// <summary>For a view made by a shape op, the tensor it views; in-place autograd on such views is not supported.</summary>
    internal Tensor? ViewOf { get; private set; }

    public int[] Shape => (int[])ShapeArray.Clone();

    public int[] Strides => (int[])StrideArray.Clone();

    public int Rank => ShapeArray.Length;

    public long NumElements { get; }

    public DType DType => Storage.DType;

    /// <summary>The version of the storage: bumped by every in-place write through any tensor sharing it.</summary>
    public int Version => Storage.Version;

    public bool IsContiguous => Shapes.IsContiguous(ShapeArray, StrideArray);

    /// <summary>The gradient accumulated by backward (leaves, and non-leaves after <see cref="RetainGrad"/>).</summary>
    public Tensor? Grad
    {
        get => _grad;
        set
        {
            if (value is not null && (!Shapes.SameShape(value.ShapeArray, ShapeArray) || value.DType != DType))
            {
                throw new ArgumentException(
                    $"grad: assigned grad has data of a different size or type: expected {DType} {Shapes.Format(ShapeArray)}, got {value.DType} {Shapes.Format(value.ShapeArray)}");
            }

            _grad = value;
        }
    }

    /// <summary>The node that computes this tensor's input gradients; null for a leaf.</summary>
    public Node? GradFn => _gradFn;

    /// <summary>A leaf is a tensor the user created (or one that does not require grad): it has no <see cref="GradFn"/>.</summary>
    public bool IsLeaf => _gradFn is null;

    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!IsLeaf)
            {
                throw new InvalidOperationException(
                    "you can only change requires_grad flags of leaf variables."
                    + (value ? string.Empty : " If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."));
            }

            _requiresGrad = value;
        }
    }

    /// <summary>True once <see cref="RetainGrad"/> was called on this non-leaf.</summary>
    public bool RetainsGrad { get; private set; }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, for chaining.</summary>
    public Tensor RequiresGrad_(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>Makes backward store this non-leaf's gradient in <see cref="Grad"/> (a no-op on leaves).</summary>
    public void RetainGrad()
    {
        if (IsLeaf)
        {
            return;
        }

        RetainsGrad = true;
        _gradFn!.AddRetainedOutput(this);
    }

    /// <summary>A leaf that shares this tensor's storage (and version counter) but has no history.</summary>
    public Tensor Detach() => new(Storage, ShapeArray, StrideArray, Offset);

    internal string TypeName => DType == DType.Float32 ? "torch.FloatTensor" : "torch.DoubleTensor";

    /// <summary>Marks this fresh result of an op as produced by <paramref name="gradFn"/> (which then requires grad).</summary>
    internal Tensor WithGradFn(Node gradFn)
    {
        _gradFn = gradFn;
        _requiresGrad = true;
        return this;
    }

    internal Tensor AsViewOf(Tensor source)
    {
        ViewOf = source.ViewOf ?? source;
        return this;
    }

    /// <summary>Replaces the history after an in-place op recorded on the graph (PyTorch's rebase_history).</summary>
    internal void RebaseHistory(Node? gradFn)
    {
        _gradFn = gradFn;
        _requiresGrad = gradFn is not null;
        RetainsGrad = false;
    }

    /// <summary>The node a gradient for this tensor is sent to: its GradFn, or the leaf's (single, cached) AccumulateGrad.</summary>
    internal Node GradientEdgeTarget() => _gradFn ?? (_accumulator ??= new AccumulateGrad(this));

    /// <summary>The values in row-major order: the storage itself when contiguous, otherwise a gathered copy.</summary>
    internal ReadOnlySpan<T> ContiguousValues<T>()
    {
        var buffer = Storage.As<T>();
        if (IsContiguous)
        {
            return buffer.AsSpan(Offset, checked((int)NumElements));
        }

        var copy = new T[NumElements];
        StridedCopy.Gather<T>(buffer, Offset, ShapeArray, StrideArray, copy);
        return copy;
    }

    /// <summary>Every element is the same stored value: one element, or all strides zero (a value expanded to a shape).</summary>
    internal bool IsOneRepeatedValue
    {
        get
        {
            if (NumElements == 1)
            {
                return true;
            }

            foreach (int stride in StrideArray)
            {
                if (stride != 0)
                {
                    return false;
                }
            }

            return NumElements > 0;
        }
    }

    /// <summary>The value at the first position (the only one, for <see cref="IsOneRepeatedValue"/>).</summary>
    internal T FirstValue<T>() => Storage.As<T>()[Offset];

    /// <summary>The writable values of a tensor known to be contiguous (fresh results).</summary>
    internal Span<T> DenseSpan<T>() => Storage.As<T>().AsSpan(Offset, checked((int)NumElements));

    /// <summary>Allocates an uninitialised-to-zero contiguous tensor.</summary>
    internal static Tensor Empty(int[] shape, DType dtype) => new(TensorStorage.Allocate(dtype, checked((int)Shapes.Product(shape))), shape);

    /// <summary>A contiguous tensor whose values are garbage until written: only for kernels that overwrite every element.</summary>
    internal static Tensor EmptyForOverwrite(int[] shape, DType dtype) =>
        new(TensorStorage.AllocateForOverwrite(dtype, checked((int)Shapes.Product(shape))), shape);

    internal static Tensor Wrap<T>(T[] values, int[] shape) => new(TensorStorage.Wrap(values), shape);
}
