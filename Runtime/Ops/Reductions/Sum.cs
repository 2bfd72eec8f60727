using System;
using System.Linq;
using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>The sum of all elements, as a 0-d tensor.</summary>
    public Tensor Sum()
    {
        var result = Rank == 1 && IsContiguous ? SumOfVector(this) : SumForward(this, Enumerable.Range(0, Rank).ToArray(), keepDim: false);
        return ShouldRecord(this) ? result.WithGradFn(new SumBackward0(this)) : result;
    }

    /// <summary>The sum over <paramref name="dims"/> (negative dims count from the end); kept as size 1 when <paramref name="keepDim"/>.</summary>
    public Tensor Sum(int[] dims, bool keepDim = false)
    {
        var wrapped = WrapDims("sum", dims, Rank);
        var result = SumForward(this, wrapped, keepDim);
        return ShouldRecord(this) ? result.WithGradFn(new SumBackward1(this, wrapped, keepDim)) : result;
    }

    public Tensor Sum(int dim, bool keepDim = false) => Sum([dim], keepDim);

    /// <summary>The whole sum of a dense vector in one kernel call (the same call the general path makes for it).</summary>
    private static Tensor SumOfVector(Tensor x)
    {
        var result = Empty([], x.DType);
        if (x.DType == DType.Float32)
        {
            result.DenseSpan<float>()[0] = System.Numerics.Tensors.TensorPrimitives.Sum(x.ContiguousValues<float>());
        }
        else
        {
            result.DenseSpan<double>()[0] = System.Numerics.Tensors.TensorPrimitives.Sum(x.ContiguousValues<double>());
        }

        return result;
    }

    /// <summary>Wraps and sorts the dims of a reduction, rejecting repeats.</summary>
    internal static int[] WrapDims(string operation, int[] dims, int rank)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var wrapped = dims.Select(d => Shapes.WrapDim(operation, d, rank)).OrderBy(d => d).ToArray();
        for (int i = 1; i < wrapped.Length; i++)
        {
            if (wrapped[i] == wrapped[i - 1])
            {
                throw new ArgumentException($"{operation}: dim {wrapped[i]} appears multiple times in the list of dims");
            }
        }

        return rank == 0 ? [] : wrapped;
    }

    /// <summary>The shape after reducing <paramref name="dims"/>: removed, or kept as 1.</summary>
    internal static int[] ReducedShape(int[] shape, int[] dims, bool keepDim)
    {
        if (keepDim)
        {
            var kept = (int[])shape.Clone();
            foreach (int d in dims)
            {
                kept[d] = 1;
            }

            return kept;
        }

        return shape.Where((_, i) => !dims.Contains(i)).ToArray();
    }

    /// <summary>Sums one dimension at a time, highest first, so each pass is a dense [outer, dim, inner] reduction.</summary>
    private static Tensor SumForward(Tensor x, int[] dims, bool keepDim)
    {
        var current = x.Contiguous().Detach();
        var shape = x.ShapeArray;
        foreach (int d in dims.OrderByDescending(d => d))
        {
            var (outer, size, inner) = Shapes.Split(shape, d);
            var nextShape = (int[])shape.Clone();
            nextShape[d] = 1;
            var next = Empty(nextShape, x.DType);
            if (x.DType == DType.Float32)
            {
                ReductionKernels.Sum(current.ContiguousValues<float>(), next.DenseSpan<float>(), outer, size, inner);
            }
            else
            {
                ReductionKernels.Sum(current.ContiguousValues<double>(), next.DenseSpan<double>(), outer, size, inner);
            }

            current = next;
            shape = nextShape;
        }

        if (dims.Length == 0 && ReferenceEquals(current.Storage, x.Storage))
        {
            current = x.Clone().Detach();
        }

        var finalShape = ReducedShape(x.ShapeArray, dims, keepDim);
        return new Tensor(current.Storage, finalShape);
    }

    /// <summary>Broadcasts a reduced gradient back over <paramref name="shape"/>, re-inserting the reduced dims first if they were dropped.</summary>
    internal static Tensor ExpandReduced(Tensor grad, int[] shape, int[] dims, bool keepDim)
    {
        var g = grad;
        if (!keepDim)
        {
            g = g.Reshape(ReducedShape(shape, dims, keepDim: true));
        }

        return g.Expand(shape);
    }
}

/// <summary>d sum(a) = g broadcast to a's shape.</summary>
internal sealed class SumBackward0(Tensor input) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;

    // A 0-d gradient expands directly, as PyTorch's grad.expand(sizes); otherwise give it the input's rank first.
    private protected override Tensor?[] Backward(Tensor grad) =>
        [grad.Rank == 0 ? grad.Expand(_shape) : grad.Reshape(Enumerable.Repeat(1, _shape.Length).ToArray()).Expand(_shape)];
}

/// <summary>d sum(a, dims) = g broadcast back along the reduced dims.</summary>
internal sealed class SumBackward1(Tensor input, int[] dims, bool keepDim) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) => [Tensor.ExpandReduced(grad, _shape, dims, keepDim)];
}
