using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>Natural logarithm of each element.</summary>
    public Tensor Log()
    {
        var result = MapForward(this, VectorMath.Log, VectorMath.Log);
        return ShouldRecord(this) ? result.WithGradFn(new LogBackward0(this)) : result;
    }
}

/// <summary>d(ln a) = g / a.</summary>
internal sealed class LogBackward0(Tensor input) : Node(input)
{
    private readonly SavedTensor _saved = new(input);

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var saved = _saved.Unpack();
        return [grad.Div(saved)];
    }

    internal override void ReleaseVariables() => _saved.Release();
}
