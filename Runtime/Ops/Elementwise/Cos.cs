using System.Numerics.Tensors;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>Cosine of each element (radians).</summary>
    public Tensor Cos()
    {
        var result = MapForward(this, TensorPrimitives.Cos, TensorPrimitives.Cos);
        return ShouldRecord(this) ? result.WithGradFn(new CosBackward0(this)) : result;
    }
}

/// <summary>d(cos a) = -g·sin a.</summary>
internal sealed class CosBackward0(Tensor input) : Node(input)
{
    private readonly SavedTensor _saved = new(input);

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var saved = _saved.Unpack();
        return [grad.Mul(saved.Sin()).Neg()];
    }

    internal override void ReleaseVariables() => _saved.Release();
}
