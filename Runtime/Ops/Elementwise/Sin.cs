using System.Numerics.Tensors;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>Sine of each element (radians).</summary>
    public Tensor Sin()
    {
        var result = MapForward(this, TensorPrimitives.Sin, TensorPrimitives.Sin);
        return ShouldRecord(this) ? result.WithGradFn(new SinBackward0(this)) : result;
    }
}

/// <summary>d(sin a) = g·cos a.</summary>
internal sealed class SinBackward0(Tensor input) : Node(input)
{
    private readonly SavedTensor _saved = new(input);

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var saved = _saved.Unpack();
        return [grad.Mul(saved.Cos())];
    }

    internal override void ReleaseVariables() => _saved.Release();
}
