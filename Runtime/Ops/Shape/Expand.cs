using System;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>
    /// A broadcast view of this tensor with a larger shape (stride 0 along repeated dimensions),
    /// as torch.expand; -1 keeps a dimension's size. Values are shared, not copied.
    /// </summary>
    public Tensor Expand(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length < Rank)
        {
            throw new ArgumentException(
                $"expand: the number of sizes provided ({shape.Length}) must be greater or equal to the number of dimensions in the tensor ({Rank})");
        }

        var target = new int[shape.Length];
        var strides = new int[shape.Length];
        int lead = shape.Length - Rank;
        for (int i = 0; i < shape.Length; i++)
        {
            int own = i < lead ? 1 : ShapeArray[i - lead];
            int want = shape[i] == -1 && i >= lead ? own : shape[i];
            if (own != want && own != 1)
            {
                throw new ArgumentException(
                    $"expand: The expanded size of the tensor ({want}) must match the existing size ({own}) at non-singleton dimension {i}. "
                    + $"Target sizes: {Shapes.Format(shape)}. Tensor sizes: {Shapes.Format(ShapeArray)}");
            }

            target[i] = want;
            strides[i] = i < lead || (own == 1 && want != 1) ? 0 : StrideArray[i - lead];
        }

        if (Shapes.SameShape(target, ShapeArray))
        {
            return this;
        }

        var result = new Tensor(Storage, target, strides, Offset).AsViewOf(this);
        return ShouldRecord(this) ? result.WithGradFn(new ExpandBackward0(this)) : result;
    }
}

/// <summary>d expand(a) = g summed over the repeated dimensions.</summary>
internal sealed class ExpandBackward0(Tensor input) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) => [Tensor.SumToShape(grad, _shape)];
}
