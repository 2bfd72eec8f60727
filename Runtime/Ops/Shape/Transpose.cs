namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>A view with dimensions <paramref name="dim0"/> and <paramref name="dim1"/> swapped.</summary>
    public Tensor Transpose(int dim0, int dim1)
    {
        int a = Shapes.WrapDim("transpose", dim0, Rank);
        int b = Shapes.WrapDim("transpose", dim1, Rank);
        var shape = (int[])ShapeArray.Clone();
        var strides = (int[])StrideArray.Clone();
        if (Rank > 0)
        {
            (shape[a], shape[b]) = (shape[b], shape[a]);
            (strides[a], strides[b]) = (strides[b], strides[a]);
        }

        var result = new Tensor(Storage, shape, strides, Offset).AsViewOf(this);
        return ShouldRecord(this) ? result.WithGradFn(new TransposeBackward0(this, a, b)) : result;
    }

    /// <summary>The transpose of a matrix (a tensor of rank ≤ 2), as torch's .T.</summary>
    public Tensor T => Rank < 2 ? this : Rank == 2 ? Transpose(0, 1)
        : throw new System.InvalidOperationException($"T: expected a tensor with 2 or fewer dimensions, but got shape {Shapes.Format(ShapeArray)}; use Transpose(d0, d1).");
}

/// <summary>d transpose(a) = g transposed back.</summary>
internal sealed class TransposeBackward0(Tensor input, int dim0, int dim1) : Node(input)
{
    /// <summary>False for the identity transpose(d, d).</summary>
    internal bool SwapsDimensions => dim0 != dim1;

    private protected override Tensor?[] Backward(Tensor grad) => [grad.Transpose(dim0, dim1)];
}
