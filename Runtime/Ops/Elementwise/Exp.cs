using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>e to the power of each element.</summary>
    public Tensor Exp()
    {
        var result = MapForward(this, VectorMath.Exp, VectorMath.Exp);
        return ShouldRecord(this) ? result.WithGradFn(new ExpBackward0(this, result)) : result;
    }
}

/// <summary>d(eᵃ) = g·eᵃ, from the saved result.</summary>
internal sealed class ExpBackward0(Tensor input, Tensor result) : Node(input)
{
    private readonly SavedTensor _saved = new(result, nameof(ExpBackward0));

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var saved = _saved.Unpack();
        return [grad.Mul(saved)];
    }

    internal override void ReleaseVariables() => _saved.Release();
}
