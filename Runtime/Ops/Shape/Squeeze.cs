using System.Collections.Generic;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>A view with a new dimension of size 1 inserted at <paramref name="dim"/> (which may be Rank).</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = Shapes.WrapDim("unsqueeze", dim, Rank + 1);
        var shape = new List<int>(ShapeArray);
        var strides = new List<int>(StrideArray);
        shape.Insert(d, 1);
        strides.Insert(d, d < Rank ? StrideArray[d] * ShapeArray[d] : 1);
        var result = new Tensor(Storage, shape.ToArray(), strides.ToArray(), Offset).AsViewOf(this);
        return ShouldRecord(this) ? result.WithGradFn(new UnsqueezeBackward0(this)) : result;
    }

    /// <summary>A view without any dimension of size 1.</summary>
    public Tensor Squeeze()
    {
        var shape = new List<int>();
        var strides = new List<int>();
        for (int i = 0; i < Rank; i++)
        {
            if (ShapeArray[i] != 1)
            {
                shape.Add(ShapeArray[i]);
                strides.Add(StrideArray[i]);
            }
        }

        var result = new Tensor(Storage, shape.ToArray(), strides.ToArray(), Offset).AsViewOf(this);
        return ShouldRecord(this) ? result.WithGradFn(new SqueezeBackward0(this)) : result;
    }

    /// <summary>A view without dimension <paramref name="dim"/> if its size is 1; otherwise the same values unchanged.</summary>
    public Tensor Squeeze(int dim)
    {
        int d = Shapes.WrapDim("squeeze", dim, Rank);
        if (Rank == 0 || ShapeArray[d] != 1)
        {
            var same = new Tensor(Storage, ShapeArray, StrideArray, Offset).AsViewOf(this);
            return ShouldRecord(this) ? same.WithGradFn(new SqueezeBackward1(this)) : same;
        }

        var shape = new List<int>(ShapeArray);
        var strides = new List<int>(StrideArray);
        shape.RemoveAt(d);
        strides.RemoveAt(d);
        var result = new Tensor(Storage, shape.ToArray(), strides.ToArray(), Offset).AsViewOf(this);
        return ShouldRecord(this) ? result.WithGradFn(new SqueezeBackward1(this)) : result;
    }
}

/// <summary>d unsqueeze(a) = g reshaped back.</summary>
internal sealed class UnsqueezeBackward0(Tensor input) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) => [grad.Reshape(_shape)];
}

/// <summary>d squeeze(a) = g reshaped back (all size-1 dimensions).</summary>
internal sealed class SqueezeBackward0(Tensor input) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) => [grad.Reshape(_shape)];
}

/// <summary>d squeeze(a, dim) = g reshaped back.</summary>
internal sealed class SqueezeBackward1(Tensor input) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) => [grad.Reshape(_shape)];
}
