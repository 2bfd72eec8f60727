namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>A view of the slice at <paramref name="index"/> along <paramref name="dim"/> (that dimension removed); negative index counts from the end.</summary>
    public Tensor Select(int dim, int index)
    {
        if (Rank == 0)
        {
            throw new System.ArgumentException("select: select() cannot be applied to a 0-dim tensor.");
        }

        int d = Shapes.WrapDim("select", dim, Rank);
        int i = Shapes.WrapIndex("select", index, d, ShapeArray[d]);
        var result = SelectView(d, i).AsViewOf(this);
        return ShouldRecord(this) ? result.WithGradFn(new SelectBackward0(this, d, i)) : result;
    }

    /// <summary>Selects along the leading dimensions in turn: t[i, j] is t.Select(0, i).Select(0, j).</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[params int[] indices]
    {
        get
        {
            if (indices.Length > Rank)
            {
                throw new System.IndexOutOfRangeException(
                    $"index: too many indices for tensor of dimension {Rank} (got {indices.Length}, shape {Shapes.Format(ShapeArray)})");
            }

            var result = this;
            foreach (int index in indices)
            {
                result = result.Select(0, index);
            }

            return result;
        }
    }

    /// <summary>The select view without recording history (dim and index already checked).</summary>
    internal Tensor SelectView(int dim, int index)
    {
        var shape = new int[Rank - 1];
        var strides = new int[Rank - 1];
        for (int k = 0, j = 0; k < Rank; k++)
        {
            if (k != dim)
            {
                shape[j] = ShapeArray[k];
                strides[j++] = StrideArray[k];
            }
        }

        return new Tensor(Storage, shape, strides, Offset + (index * StrideArray[dim]));
    }

    /// <summary>Zeros of <paramref name="shape"/> with <paramref name="grad"/> placed at <paramref name="index"/> along <paramref name="dim"/>: select's backward.</summary>
    internal static Tensor EmbedSelect(Tensor grad, int[] shape, int dim, int index)
    {
        var result = Zeros(shape, grad.DType);
        result.SelectView(dim, index).WriteValuesFrom(grad);
        return ShouldRecord(grad) ? result.WithGradFn(new SelectBackwardBackward0(grad, dim, index)) : result;
    }
}

/// <summary>d select(a, dim, i) = zeros of a's shape with g at index i.</summary>
internal sealed class SelectBackward0(Tensor input, int dim, int index) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) => [Tensor.EmbedSelect(grad, _shape, dim, index)];
}

/// <summary>The derivative of select's backward is select again (needed for double backward).</summary>
internal sealed class SelectBackwardBackward0(Tensor grad, int dim, int index) : Node(grad)
{
    private protected override Tensor?[] Backward(Tensor gradOfGrad) => [gradOfGrad.Select(dim, index)];
}
