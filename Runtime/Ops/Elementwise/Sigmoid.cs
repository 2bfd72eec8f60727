using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>Logistic sigmoid 1 / (1 + e⁻ᵃ) of each element.</summary>
    public Tensor Sigmoid()
    {
        var result = MapForward(this, VectorMath.Sigmoid, VectorMath.Sigmoid);
        return ShouldRecord(this) ? result.WithGradFn(new SigmoidBackward0(this, result)) : result;
    }
}

/// <summary>d(σ(a)) = g·y·(1 - y), from the saved result y.</summary>
internal sealed class SigmoidBackward0(Tensor input, Tensor result) : Node(input)
{
    private readonly SavedTensor _saved = new(result, nameof(SigmoidBackward0));

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var saved = _saved.Unpack();
        // With createGraph the formula must itself be recorded, so it is built from ops; otherwise one fused kernel.
        return [Tensor.TryFusedBackward(saved, grad, VectorMath.SigmoidBackward, VectorMath.SigmoidBackward)
            ?? grad.Mul(saved).Mul(saved.Neg().Add(1.0))];
    }

    internal override void ReleaseVariables() => _saved.Release();
}
