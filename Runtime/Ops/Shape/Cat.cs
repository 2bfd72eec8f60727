using System;
using System.Collections.Generic;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>Joins tensors of equal shape except along <paramref name="dim"/>, into a new tensor.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("cat: expected a non-empty list of Tensors");
        }

        var first = tensors[0];
        int d = Shapes.WrapDim("cat", dim, first.Rank);
        var shape = (int[])first.ShapeArray.Clone();
        int total = 0;
        bool record = false;
        for (int t = 0; t < tensors.Count; t++)
        {
            var tensor = tensors[t];
            CheckSameDType("cat", first, tensor);
            if (tensor.Rank != first.Rank || first.Rank == 0)
            {
                throw new ArgumentException(
                    $"cat: Tensors must have the same number of dimensions and at least one: got {first.Rank} and {tensor.Rank} (tensor {t})");
            }

            for (int i = 0; i < first.Rank; i++)
            {
                if (i != d && tensor.ShapeArray[i] != first.ShapeArray[i])
                {
                    throw new ArgumentException(
                        $"cat: Sizes of tensors must match except in dimension {d}. Expected size {first.ShapeArray[i]} but got size {tensor.ShapeArray[i]} for tensor number {t} in the list.");
                }
            }

            total += tensor.ShapeArray[d];
            record |= ShouldRecord(tensor);
        }

        shape[d] = total;
        var result = Empty(shape, first.DType);
        int offset = 0;
        var sizes = new int[tensors.Count];
        for (int t = 0; t < tensors.Count; t++)
        {
            sizes[t] = tensors[t].ShapeArray[d];
            result.SliceView(d, offset, offset + sizes[t], 1).WriteValuesFrom(tensors[t]);
            offset += sizes[t];
        }

        var inputs = new Tensor[tensors.Count];
        for (int t = 0; t < inputs.Length; t++)
        {
            inputs[t] = tensors[t];
        }

        return record ? result.WithGradFn(new CatBackward0(inputs, d, sizes)) : result;
    }
}

/// <summary>d cat(a₀, a₁, …) = the pieces of g along dim, one per input.</summary>
internal sealed class CatBackward0(Tensor[] inputs, int dim, int[] sizes) : Node(inputs)
{
    private protected override Tensor?[] Backward(Tensor grad)
    {
        var grads = new Tensor?[sizes.Length];
        int offset = 0;
        for (int t = 0; t < sizes.Length; t++)
        {
            grads[t] = NeedsGrad(t) ? grad.Slice(dim, offset, offset + sizes[t]) : null;
            offset += sizes[t];
        }

        return grads;
    }
}
