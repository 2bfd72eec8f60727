using System.Numerics.Tensors;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>Square root of each element.</summary>
    public Tensor Sqrt()
    {
        var result = MapForward(this, TensorPrimitives.Sqrt, TensorPrimitives.Sqrt);
        return ShouldRecord(this) ? result.WithGradFn(new SqrtBackward0(this, result)) : result;
    }
}

/// <summary>d(√a) = g / (2√a), from the saved result.</summary>
internal sealed class SqrtBackward0(Tensor input, Tensor result) : Node(input)
{
    private readonly SavedTensor _saved = new(result, nameof(SqrtBackward0));

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var saved = _saved.Unpack();
        return [grad.Div(saved.Mul(2.0))];
    }

    internal override void ReleaseVariables() => _saved.Release();
}
