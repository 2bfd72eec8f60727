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

/// <summary>d(a·b) = (g·b, g·a); each factor is saved only if the other side needs its gradient.</summary>
internal sealed class MulBackward0 : Node
{
    private readonly int[] _aShape;
    private readonly int[] _bShape;
    private SavedTensor? _a;
    private SavedTensor? _b;

    public MulBackward0(Tensor a, Tensor b)
        : base(a, b)
    {
        _aShape = a.ShapeArray;
        _bShape = b.ShapeArray;
        _a = NeedsGrad(1) ? new SavedTensor(a) : null;
        _b = NeedsGrad(0) ? new SavedTensor(b) : null;
    }

    private protected override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsGrad(0) ? Tensor.SumToShape(grad.Mul(_b!.Unpack()), _aShape) : null,
        NeedsGrad(1) ? Tensor.SumToShape(grad.Mul(_a!.Unpack()), _bShape) : null,
    ];

    internal override void ReleaseVariables()
    {
        _a?.Release();
        _b?.Release();
    }
}
