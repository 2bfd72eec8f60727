using System.Numerics.Tensors;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>Absolute value of each element.</summary>
    public Tensor Abs()
    {
        var result = MapForward(this, TensorPrimitives.Abs, TensorPrimitives.Abs);
        return ShouldRecord(this) ? result.WithGradFn(new AbsBackward0(this)) : result;
    }
}

/// <summary>d|a| = g·sign(a), with sign(0) = 0 as PyTorch.</summary>
internal sealed class AbsBackward0(Tensor input) : Node(input)
{
    private readonly SavedTensor _saved = new(input);

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var saved = _saved.Unpack();
        return [grad.Mul(Tensor.SignOf(saved))];
    }

    internal override void ReleaseVariables() => _saved.Release();
}
