using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>this / other elementwise, broadcasting.</summary>
    public Tensor Div(Tensor other)
    {
        var result = BinaryForward<DivideKernel>("div", this, other);
        return ShouldRecord(this, other) ? result.WithGradFn(new DivBackward0(this, other)) : result;
    }

    public Tensor Div(double other) => Div(ScalarOf(other, DType));
}

/// <summary>d(a / b) = (g / b, -g·a / b²).</summary>
internal sealed class DivBackward0 : Node
{
    private readonly int[] _aShape;
    private readonly int[] _bShape;
    private SavedTensor? _a;
    private SavedTensor _b;

    public DivBackward0(Tensor a, Tensor b)
        : base(a, b)
    {
        _aShape = a.ShapeArray;
        _bShape = b.ShapeArray;
        _a = NeedsGrad(1) ? new SavedTensor(a) : null;
        _b = new SavedTensor(b);
    }

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var b = _b.Unpack();
        return
        [
            NeedsGrad(0) ? Tensor.SumToShape(grad.Div(b), _aShape) : null,
            NeedsGrad(1) ? Tensor.SumToShape(grad.Neg().Mul(_a!.Unpack()).Div(b.Mul(b)), _bShape) : null,
        ];
    }

    internal override void ReleaseVariables()
    {
        _a?.Release();
        _b.Release();
    }
}
