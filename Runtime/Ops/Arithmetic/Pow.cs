using System;
using AutoDiffGen.Kernels;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>this raised to a constant power, elementwise.</summary>
    public Tensor Pow(double exponent)
    {
        var result = BinaryForward<PowKernel>("pow", this, ScalarOf(exponent, DType));
        return ShouldRecord(this) ? result.WithGradFn(new PowBackward0(this, exponent)) : result;
    }

    /// <summary>this raised to <paramref name="exponent"/> elementwise, broadcasting.</summary>
    public Tensor Pow(Tensor exponent)
    {
        var result = BinaryForward<PowKernel>("pow", this, exponent);
        return ShouldRecord(this, exponent) ? result.WithGradFn(new PowBackward1(this, exponent, result)) : result;
    }
}

/// <summary>d(aᵖ) = g·p·aᵖ⁻¹ (zero for p = 0, as PyTorch).</summary>
internal sealed class PowBackward0(Tensor a, double exponent) : Node(a)
{
    private readonly SavedTensor _a = new(a);

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var a = _a.Unpack();
        return exponent == 0
            ? [grad.Mul(0.0)]
            : [grad.Mul(a.Pow(exponent - 1).Mul(exponent))];
    }

    internal override void ReleaseVariables() => _a.Release();
}

/// <summary>
/// d(aᵇ) = (g·b·aᵇ⁻¹, g·aᵇ·ln a). As in PyTorch the exponent's gradient is taken as 0 where
/// a = 0 and b ≥ 0 (the limit), instead of the NaN that 0·ln 0 would give.
/// </summary>
internal sealed class PowBackward1 : Node
{
    private readonly int[] _aShape;
    private readonly int[] _bShape;
    private readonly SavedTensor _a;
    private readonly SavedTensor _b;
    private readonly SavedTensor? _result;

    public PowBackward1(Tensor a, Tensor b, Tensor result)
        : base(a, b)
    {
        _aShape = a.ShapeArray;
        _bShape = b.ShapeArray;
        _a = new SavedTensor(a);
        _b = new SavedTensor(b);
        _result = NeedsGrad(1) ? new SavedTensor(result, nameof(PowBackward1)) : null;
    }

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var a = _a.Unpack();
        var b = _b.Unpack();
        Tensor? gradA = null, gradB = null;
        if (NeedsGrad(0))
        {
            gradA = Tensor.SumToShape(grad.Mul(b).Mul(a.Pow(b.Sub(1.0))), _aShape);
        }

        if (NeedsGrad(1))
        {
            var (keep, fix) = ZeroBaseMask(a, b);
            gradB = Tensor.SumToShape(grad.Mul(_result!.Unpack()).Mul(a.Add(fix).Log()).Mul(keep), _bShape);
        }

        return [gradA, gradB];
    }

    internal override void ReleaseVariables()
    {
        _a.Release();
        _b.Release();
        _result?.Release();
    }

    /// <summary>Keep is 0 where a = 0 and b ≥ 0; Fix is 1 there, so that log(a + Fix) stays finite.</summary>
    private static (Tensor Keep, Tensor Fix) ZeroBaseMask(Tensor a, Tensor b)
    {
        using var _ = Autograd.NoGrad();
        var shape = Shapes.Broadcast("pow", a.ShapeArray, b.ShapeArray);
        var av = a.Expand(shape).ToDoubleArray();
        var bv = b.Expand(shape).ToDoubleArray();
        var keep = new double[av.Length];
        var fix = new double[av.Length];
        for (int i = 0; i < av.Length; i++)
        {
            bool limit = av[i] == 0 && bv[i] >= 0;
            keep[i] = limit ? 0 : 1;
            fix[i] = limit ? 1 : 0;
        }

        var keepTensor = Tensor.Wrap(keep, shape).To(a.DType);
        var fixTensor = Tensor.Wrap(fix, shape).To(a.DType);
        return (keepTensor, fixTensor);
    }
}
