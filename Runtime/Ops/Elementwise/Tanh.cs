using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>Hyperbolic tangent of each element.</summary>
    public Tensor Tanh()
    {
        var result = MapForward(this, VectorMath.Tanh, VectorMath.Tanh);
        return ShouldRecord(this) ? result.WithGradFn(new TanhBackward0(this, result)) : result;
    }
}

/// <summary>d(tanh a) = g·(1 - y²), from the saved result y.</summary>
internal sealed class TanhBackward0(Tensor input, Tensor result) : Node(input)
{
    private readonly SavedTensor _saved = new(result, nameof(TanhBackward0));

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var saved = _saved.Unpack();
        // With createGraph the formula must itself be recorded, so it is built from ops; otherwise one fused kernel.
        return [Tensor.TryFusedBackward(saved, grad, VectorMath.TanhBackward, VectorMath.TanhBackward)
            ?? grad.Mul(saved.Mul(saved).Neg().Add(1.0))];
    }

    internal override void ReleaseVariables() => _saved.Release();
}
