using System.Numerics.Tensors;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>-this.</summary>
    public Tensor Neg()
    {
        var result = MapForward(this, TensorPrimitives.Negate, TensorPrimitives.Negate);
        return ShouldRecord(this) ? result.WithGradFn(new NegBackward0(this)) : result;
    }
}

/// <summary>d(-a) = -g.</summary>
internal sealed class NegBackward0(Tensor a) : Node(a)
{
    private protected override Tensor?[] Backward(Tensor grad) => [grad.Neg()];
}
