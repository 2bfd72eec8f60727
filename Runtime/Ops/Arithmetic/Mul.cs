using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>this * other elementwise, broadcasting.</summary>
    public Tensor Mul(Tensor other)
    {
        var result = BinaryForward<MultiplyKernel>("mul", this, other);
        return ShouldRecord(this, other) ? result.WithGradFn(new MulBackward0(this, other)) : result;
    }

    public Tensor Mul(double other) => Mul(ScalarOf(other, DType));
}

/// <summary>d(a·b) = (g·b, g·a), each summed back to its operand's shape.</summary>
internal sealed class MulBackward0(Tensor a, Tensor b) : BilinearNode(a, b)
{
    private readonly int[] _aShape = a.ShapeArray;
    private readonly int[] _bShape = b.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsGrad(0) ? Tensor.SumToShape(grad.Mul(SavedRight()), _aShape) : null,
        NeedsGrad(1) ? Tensor.SumToShape(grad.Mul(SavedLeft()), _bShape) : null,
    ];
}
