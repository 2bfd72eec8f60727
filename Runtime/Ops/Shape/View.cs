using System;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>
    /// The same values seen with another shape, sharing storage; one dimension may be -1 (inferred).
    /// Requires a contiguous tensor, as PyTorch's view does for a shape that merges dimensions.
    /// </summary>
    public Tensor View(params int[] shape)
    {
        var target = InferShape("view", shape);
        if (!IsContiguous)
        {
            throw new InvalidOperationException(
                $"view: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). "
                + $"Use .Reshape(...) instead. (input shape {Shapes.Format(ShapeArray)}, strides {Shapes.Format(StrideArray)}, requested {Shapes.Format(shape)})");
        }

        var result = new Tensor(Storage, target, Shapes.ContiguousStrides(target), Offset).AsViewOf(this);
        return ShouldRecord(this) ? result.WithGradFn(new ViewBackward0(this)) : result;
    }

    /// <summary>Like <see cref="View"/> when possible; otherwise copies to a contiguous tensor first.</summary>
    public Tensor Reshape(params int[] shape)
    {
        InferShape("reshape", shape);
        return IsContiguous ? View(shape) : Contiguous().View(shape);
    }

    /// <summary>Resolves a single -1 and checks that the element count is unchanged.</summary>
    private int[] InferShape(string operation, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var target = (int[])shape.Clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException($"{operation}: only one dimension can be inferred (shape {Shapes.Format(shape)})");
                }

                inferred = i;
            }
            else if (target[i] < 0)
            {
                throw new ArgumentException($"{operation}: invalid shape dimension {target[i]} in {Shapes.Format(shape)}");
            }
            else
            {
                known *= target[i];
            }
        }

        if (inferred >= 0 && known != 0 && NumElements % known == 0)
        {
            target[inferred] = (int)(NumElements / known);
        }

        if (Shapes.Product(target) != NumElements || (inferred >= 0 && known == 0))
        {
            throw new ArgumentException($"{operation}: shape '{Shapes.Format(shape)}' is invalid for input of size {NumElements}");
        }

        return target;
    }
}

/// <summary>d view(a) = g reshaped back to a's shape.</summary>
internal sealed class ViewBackward0(Tensor input) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) => [grad.Reshape(_shape)];
}
