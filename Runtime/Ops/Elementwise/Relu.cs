using System.Numerics.Tensors;
using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>max(a, 0) of each element.</summary>
    public Tensor Relu()
    {
        var result = MapForward(this, static (x, d) => TensorPrimitives.Max(x, 0f, d), static (x, d) => TensorPrimitives.Max(x, 0.0, d));
        return ShouldRecord(this) ? result.WithGradFn(new ReluBackward0(this, result)) : result;
    }

    /// <summary>A constant (no history) that is 0 where the value is at most zero and 1 elsewhere (NaN included).</summary>
    internal static Tensor ReluPassMask(Tensor x) => MapForward(x, MaskKernels.NotAtMostZero, MaskKernels.NotAtMostZero);

    /// <summary>A constant (no history) holding the sign of each value: -1, 0 or 1.</summary>
    internal static Tensor SignOf(Tensor x) => MapForward(x, MaskKernels.Sign, MaskKernels.Sign);
}

/// <summary>d relu(a) = g except where the result is at most zero (so NaN passes g, as in PyTorch, which saves the result).</summary>
internal sealed class ReluBackward0(Tensor input, Tensor result) : Node(input)
{
    private readonly SavedTensor _result = new(result, nameof(ReluBackward0));

    private protected override Tensor?[] Backward(Tensor grad) => [grad.Mul(Tensor.ReluPassMask(_result.Unpack()))];

    internal override void ReleaseVariables() => _result.Release();
}
