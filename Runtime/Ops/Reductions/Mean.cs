using System.Linq;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>The mean of all elements, as a 0-d tensor.</summary>
    public Tensor Mean()
    {
        Tensor result;
        using (Autograd.NoGrad())
        {
            result = Sum().Div(NumElements);
        }

        return ShouldRecord(this) ? result.WithGradFn(new MeanBackward0(this)) : result;
    }

    /// <summary>The mean over <paramref name="dims"/>; kept as size 1 when <paramref name="keepDim"/>.</summary>
    public Tensor Mean(int[] dims, bool keepDim = false)
    {
        var wrapped = WrapDims("mean", dims, Rank);
        long count = wrapped.Aggregate(1L, (n, d) => n * ShapeArray[d]);
        Tensor result;
        using (Autograd.NoGrad())
        {
            result = Sum(wrapped, keepDim).Div(count);
        }

        return ShouldRecord(this) ? result.WithGradFn(new MeanBackward1(this, wrapped, keepDim, count)) : result;
    }

    public Tensor Mean(int dim, bool keepDim = false) => Mean([dim], keepDim);
}

/// <summary>d mean(a) = g / n broadcast to a's shape.</summary>
internal sealed class MeanBackward0(Tensor input) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;
    private readonly long _count = input.NumElements;

    private protected override Tensor?[] Backward(Tensor grad) =>
        [grad.Div(_count).Reshape(Enumerable.Repeat(1, _shape.Length).ToArray()).Expand(_shape)];
}

/// <summary>d mean(a, dims) = g / n broadcast back along the reduced dims.</summary>
internal sealed class MeanBackward1(Tensor input, int[] dims, bool keepDim, long count) : Node(input)
{
    private readonly int[] _shape = input.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) => [Tensor.ExpandReduced(grad.Div(count), _shape, dims, keepDim)];
}
