using System;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>
    /// A view of indices start, start+step, … below end along <paramref name="dim"/> (Python's a[start:end:step]);
    /// negative start/end count from the end and out-of-range bounds are clamped, as in PyTorch.
    /// </summary>
    public Tensor Slice(int dim, int start, int end, int step = 1)
    {
        if (Rank == 0)
        {
            throw new ArgumentException("slice: slice() cannot be applied to a 0-dim tensor.");
        }

        if (step <= 0)
        {
            throw new ArgumentException($"slice: slice step must be positive (got {step})");
        }

        int d = Shapes.WrapDim("slice", dim, Rank);
        int size = ShapeArray[d];
        int from = Math.Clamp(start < 0 ? start + size : start, 0, size);
        int to = Math.Clamp(end < 0 ? end + size : end, from, size);
        var result = SliceView(d, from, to, step).AsViewOf(this);
        return ShouldRecord(this) ? result.WithGradFn(new SliceBackward0(this, d, from, to, step)) : result;
    }

    /// <summary>The slice view without recording history (bounds already normalised).</summary>
    internal Tensor SliceView(int dim, int start, int end, int step)
    {
        var shape = (int[])ShapeArray.Clone();
        var strides = (int[])StrideArray.Clone();
        shape[dim] = (end - start + step - 1) / step;
        strides[dim] = StrideArray[dim] * step;
        return new Tensor(Storage, shape, strides, Offset + (start * StrideArray[dim]));
    }

    /// <summary>Zeros of <paramref name="shape"/> with <paramref name="grad"/> placed in the sliced region: slice's backward.</summary>
    internal static Tensor EmbedSlice(Tensor grad, int[] shape, int dim, int start, int end, int step)
    {
        var result = Zeros(shape, grad.DType);
        result.SliceView(dim, start, end, step).WriteValuesFrom(grad);
        return ShouldRecord(grad) ? result.WithGradFn(new SliceBackwardBackward0(grad, dim, start, end, step)) : result;
    }
}

/// <summary>d slice(a) = zeros of a's shape with g in the sliced region.</summary>
internal sealed class SliceBackward0(Tensor input, int dim, int start, int end, int step) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) => [Tensor.EmbedSlice(grad, _shape, dim, start, end, step)];
}

/// <summary>The derivative of slice's backward is the slice again (needed for double backward).</summary>
internal sealed class SliceBackwardBackward0(Tensor grad, int dim, int start, int end, int step) : Node(grad)
{
    private protected override Tensor?[] Backward(Tensor gradOfGrad) => [gradOfGrad.Slice(dim, start, end, step)];
}
