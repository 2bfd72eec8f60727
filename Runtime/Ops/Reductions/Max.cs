using System;
using System.Numerics.Tensors;
using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>The largest element, as a 0-d tensor (NaN if any element is NaN, as PyTorch).</summary>
    public Tensor Max()
    {
        if (NumElements == 0)
        {
            throw new ArgumentException(
                "max: max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
        }

        var result = Empty([], DType);
        if (DType == DType.Float32)
        {
            result.DenseSpan<float>()[0] = TensorPrimitives.Max(ContiguousValues<float>());
        }
        else
        {
            result.DenseSpan<double>()[0] = TensorPrimitives.Max(ContiguousValues<double>());
        }

        return ShouldRecord(this) ? result.WithGradFn(new MaxBackward1(this, result)) : result;
    }

    /// <summary>
    /// The largest value along <paramref name="dim"/> and the index where it first occurs. Indices are
    /// returned as a tensor of this tensor's dtype holding whole numbers (there is no integer dtype).
    /// </summary>
    public (Tensor Values, Tensor Indices) Max(int dim, bool keepDim = false)
    {
        int d = Shapes.WrapDim("max", dim, Rank);
        if (Rank > 0 && ShapeArray[d] == 0)
        {
            throw new ArgumentException($"max: Expected reduction dim {d} to have non-zero size (shape {Shapes.Format(ShapeArray)}).");
        }

        var (outer, size, inner) = Shapes.Split(ShapeArray, d);
        var reducedShape = Rank == 0 ? [] : ReducedShape(ShapeArray, [d], keepDim);
        var values = Empty(reducedShape, DType);
        var positions = new long[outer * inner];
        if (DType == DType.Float32)
        {
            ReductionKernels.Max(ContiguousValues<float>(), values.DenseSpan<float>(), positions, outer, size, inner);
        }
        else
        {
            ReductionKernels.Max(ContiguousValues<double>(), values.DenseSpan<double>(), positions, outer, size, inner);
        }

        var indexValues = new double[positions.Length];
        for (int i = 0; i < positions.Length; i++)
        {
            indexValues[i] = positions[i];
        }

        var indices = Wrap(indexValues, reducedShape).To(DType);
        if (ShouldRecord(this))
        {
            values.WithGradFn(new MaxBackward0(this, d, keepDim, OneHot(ShapeArray, d, positions, DType)));
        }

        return (values, indices);
    }

    /// <summary>A constant of <paramref name="shape"/> with 1 at position[o, i] along <paramref name="dim"/> and 0 elsewhere.</summary>
    private static Tensor OneHot(int[] shape, int dim, long[] positions, DType dtype)
    {
        var (outer, size, inner) = Shapes.Split(shape, dim);
        var mask = new double[outer * size * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                mask[(((o * size) + (int)positions[(o * inner) + i]) * inner) + i] = 1;
            }
        }

        return Wrap(mask, shape).To(dtype);
    }
}

/// <summary>d max(a) = g shared evenly among the elements equal to the maximum (PyTorch's evenly_distribute_backward).</summary>
internal sealed class MaxBackward1 : Node
{
    private readonly SavedTensor _input;
    private readonly SavedTensor _result;

    public MaxBackward1(Tensor input, Tensor result)
        : base(input)
    {
        _input = new SavedTensor(input);
        _result = new SavedTensor(result, nameof(MaxBackward1));
    }

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var input = _input.Unpack();
        double max = _result.Unpack().Item();
        var values = input.ToDoubleArray();
        var mask = new double[values.Length];
        int ties = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] == max || (double.IsNaN(max) && double.IsNaN(values[i])))
            {
                mask[i] = 1;
                ties++;
            }
        }

        var share = Tensor.Wrap(mask, input.ShapeArray).To(input.DType).Div(ties);
        return [share.Mul(grad)];
    }

    internal override void ReleaseVariables()
    {
        _input.Release();
        _result.Release();
    }
}

/// <summary>d max(a, dim) = g placed at the index of each maximum, 0 elsewhere.</summary>
internal sealed class MaxBackward0(Tensor input, int dim, bool keepDim, Tensor oneHot) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) =>
        [oneHot.Mul(keepDim || _shape.Length == 0 ? grad : grad.Unsqueeze(dim))];
}
