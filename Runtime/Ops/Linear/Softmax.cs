using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>exp(a) / Σ exp(a) along <paramref name="dim"/>, computed stably (shifted by the maximum).</summary>
    public Tensor Softmax(int dim)
    {
        int d = Shapes.WrapDim("softmax", dim, Rank);
        var result = RowWise(this, d, logarithmic: false);
        return ShouldRecord(this) ? result.WithGradFn(new SoftmaxBackward0(this, result, d)) : result;
    }

    /// <summary>log(softmax(a)) along <paramref name="dim"/>, computed directly (no log of a rounded-to-zero probability).</summary>
    public Tensor LogSoftmax(int dim)
    {
        int d = Shapes.WrapDim("log_softmax", dim, Rank);
        var result = RowWise(this, d, logarithmic: true);
        return ShouldRecord(this) ? result.WithGradFn(new LogSoftmaxBackward0(this, result, d)) : result;
    }

    /// <summary>Runs the row kernel with <paramref name="dim"/> moved last (a dense copy when it was not last already).</summary>
    private static Tensor RowWise(Tensor x, int dim, bool logarithmic)
    {
        int last = x.Rank - 1;
        var source = x.Detach();
        if (x.Rank > 1 && dim != last)
        {
            source = source.Transpose(dim, last);
        }

        int row = x.Rank == 0 ? 1 : source.ShapeArray[^1];
        var result = Empty(source.ShapeArray, x.DType);
        if (x.DType == DType.Float32)
        {
            var values = source.ContiguousValues<float>();
            if (logarithmic)
            {
                SoftmaxKernel.LogSoftmax(values, result.DenseSpan<float>(), row);
            }
            else
            {
                SoftmaxKernel.Softmax(values, result.DenseSpan<float>(), row);
            }
        }
        else
        {
            var values = source.ContiguousValues<double>();
            if (logarithmic)
            {
                SoftmaxKernel.LogSoftmax(values, result.DenseSpan<double>(), row);
            }
            else
            {
                SoftmaxKernel.Softmax(values, result.DenseSpan<double>(), row);
            }
        }

        return x.Rank > 1 && dim != last ? result.Transpose(dim, last).Contiguous() : result;
    }
}

/// <summary>d softmax(a) = y·(g − Σ g·y) along dim, from the saved result y.</summary>
internal sealed class SoftmaxBackward0(Tensor input, Tensor result, int dim) : Node(input)
{
    private readonly SavedTensor _result = new(result, nameof(SoftmaxBackward0));

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var y = _result.Unpack();
        return [y.Mul(grad.Sub(grad.Mul(y).Sum(dim, keepDim: true)))];
    }

    internal override void ReleaseVariables() => _result.Release();
}

/// <summary>d log_softmax(a) = g − exp(y)·Σ g along dim, from the saved result y.</summary>
internal sealed class LogSoftmaxBackward0(Tensor input, Tensor result, int dim) : Node(input)
{
    private readonly SavedTensor _result = new(result, nameof(LogSoftmaxBackward0));

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var y = _result.Unpack();
        return [grad.Sub(y.Exp().Mul(grad.Sum(dim, keepDim: true)))];
    }

    internal override void ReleaseVariables() => _result.Release();
}
