using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>this - other, broadcasting.</summary>
    public Tensor Sub(Tensor other)
    {
        var result = BinaryForward<SubtractKernel>("sub", this, other);
        return ShouldRecord(this, other) ? result.WithGradFn(new SubBackward0(this, other)) : result;
    }

    public Tensor Sub(double other) => Sub(ScalarOf(other, DType));
}

/// <summary>d(a - b) = (g, -g), each summed back to its input's shape.</summary>
internal sealed class SubBackward0(Tensor a, Tensor b) : Node(a, b)
{
    private readonly int[] _aShape = a.ShapeArray;
    private readonly int[] _bShape = b.ShapeArray;

    private protected override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsGrad(0) ? Tensor.SumToShape(grad, _aShape) : null,
        NeedsGrad(1) ? Tensor.SumToShape(grad.Neg(), _bShape) : null,
    ];
}
