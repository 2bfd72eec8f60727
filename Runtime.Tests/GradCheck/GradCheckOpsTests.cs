using System;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.GradCheck;

/// <summary>Every differentiable op against central finite differences in float64 (Autograd.GradCheck).</summary>
public class GradCheckOpsTests
{
    private static Tensor Random(int seed, params int[] shape) => Tensor.Randn(shape, new Random(seed), DType.Float64, requiresGrad: true);

    /// <summary>Values in [low, high), away from the kinks and poles of the op under test.</summary>
    private static Tensor Uniform(int seed, double low, double high, params int[] shape) =>
        (Tensor.Rand(shape, new Random(seed), DType.Float64) * (high - low) + low).Detach().RequiresGrad_();

    private static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs) => Assert.True(Autograd.GradCheck(f, inputs));

    [Fact] public void Add() => Check(t => t[0] + t[1], Random(1, 2, 3), Random(2, 2, 3));
    [Fact] public void AddBroadcast() => Check(t => t[0] + t[1], Random(1, 2, 3), Random(2, 3));
    [Fact] public void AddScalar() => Check(t => 2.5 + t[0] + 1.0, Random(1, 4));
    [Fact] public void Sub() => Check(t => t[0] - t[1], Random(1, 2, 1), Random(2, 1, 3));
    [Fact] public void SubScalarOnTheLeft() => Check(t => 1.0 - t[0], Random(1, 3));
    [Fact] public void Mul() => Check(t => t[0] * t[1], Random(1, 2, 3), Random(2, 2, 3));
    [Fact] public void MulBroadcast() => Check(t => t[0] * t[1], Random(1, 4, 1), Random(2, 3));
    [Fact] public void Div() => Check(t => t[0] / t[1], Random(1, 2, 3), Uniform(2, 0.5, 2.0, 3));
    [Fact] public void DivScalarOnTheLeft() => Check(t => 2.0 / t[0], Uniform(1, 0.5, 2.0, 3));
    [Fact] public void Neg() => Check(t => -t[0], Random(1, 3));
    [Fact] public void PowScalar() => Check(t => t[0].Pow(3.0), Random(1, 4));
    [Fact] public void PowFractional() => Check(t => t[0].Pow(1.5), Uniform(1, 0.5, 2.0, 4));
    [Fact] public void PowTensor() => Check(t => t[0].Pow(t[1]), Uniform(1, 0.5, 2.0, 2, 3), Random(2, 3));
    [Fact] public void Exp() => Check(t => t[0].Exp(), Random(1, 2, 3));
    [Fact] public void Log() => Check(t => t[0].Log(), Uniform(1, 0.5, 3.0, 5));
    [Fact] public void Sqrt() => Check(t => t[0].Sqrt(), Uniform(1, 0.5, 3.0, 5));
    [Fact] public void Abs() => Check(t => t[0].Abs(), Tensor.FromArray([-2.0, -0.5, 0.7, 3.0]).RequiresGrad_());
    [Fact] public void Sin() => Check(t => t[0].Sin(), Random(1, 5));
    [Fact] public void Cos() => Check(t => t[0].Cos(), Random(1, 5));
    [Fact] public void Tanh() => Check(t => t[0].Tanh(), Random(1, 2, 3));
    [Fact] public void Sigmoid() => Check(t => t[0].Sigmoid(), Random(1, 2, 3));
    [Fact] public void Relu() => Check(t => t[0].Relu(), Tensor.FromArray([-2.0, -0.5, 0.7, 3.0]).RequiresGrad_());
    [Fact] public void SoftmaxLastDim() => Check(t => t[0].Softmax(-1), Random(1, 2, 4));
    [Fact] public void SoftmaxInnerDim() => Check(t => t[0].Softmax(0), Random(1, 3, 2));
    [Fact] public void LogSoftmax() => Check(t => t[0].LogSoftmax(1), Random(1, 3, 4));
    [Fact] public void LogSoftmaxFirstDim() => Check(t => t[0].LogSoftmax(0), Random(1, 3, 4));
    [Fact] public void MatMulMatrices() => Check(t => t[0].MatMul(t[1]), Random(1, 2, 3), Random(2, 3, 4));
    [Fact] public void MatMulVectors() => Check(t => t[0].MatMul(t[1]), Random(1, 3), Random(2, 3));
    [Fact] public void MatMulMatrixVector() => Check(t => t[0].MatMul(t[1]), Random(1, 2, 3), Random(2, 3));
    [Fact] public void MatMulVectorMatrix() => Check(t => t[0].MatMul(t[1]), Random(1, 3), Random(2, 3, 2));
    [Fact] public void MatMulBatched() => Check(t => t[0].MatMul(t[1]), Random(1, 2, 2, 3), Random(2, 2, 3, 2));
    [Fact] public void MatMulBatchBroadcast() => Check(t => t[0].MatMul(t[1]), Random(1, 2, 2, 3), Random(2, 3, 2));
    [Fact] public void MatMulTransposedOperand() => Check(t => t[0].T.MatMul(t[1]), Random(1, 3, 2), Random(2, 3, 4));
    // Transposed views go to Gemm with transpose flags (no copy); other strided views are gathered first.
    [Fact] public void MatMulBothTransposed() => Check(t => t[0].T.MatMul(t[1].T), Random(1, 9, 7), Random(2, 5, 9));
    [Fact] public void MatMulTransposedMatrixVector() => Check(t => t[0].T.MatMul(t[1]), Random(1, 6, 5), Random(2, 6));
    [Fact] public void MatMulBatchedTransposed() => Check(t => t[0].Transpose(1, 2).MatMul(t[1].Transpose(1, 2)), Random(1, 2, 4, 3), Random(2, 2, 5, 4));
    [Fact] public void MatMulStridedSliceOperand() => Check(t => t[0].Slice(1, 0, 6, 2).MatMul(t[1]), Random(1, 4, 6), Random(2, 3, 5));
    [Fact] public void MatMulLargerThanOneMicroTile() => Check(t => t[0].MatMul(t[1].T), Random(1, 17, 11), Random(2, 19, 11));
    // A single output row or column takes Gemm's small-product path instead of packing.
    [Fact] public void MatMulVectorTransposedMatrix() => Check(t => t[0].MatMul(t[1].T), Random(1, 5), Random(2, 4, 5));
    [Fact] public void MatMulSingleRowMatrix() => Check(t => t[0].MatMul(t[1]), Random(1, 1, 6), Random(2, 6, 3));
    [Fact] public void MatMulSingleColumnMatrix() => Check(t => t[0].T.MatMul(t[1]), Random(1, 6, 4), Random(2, 6, 1));
    [Fact] public void MatMulBatchedSingleRows() => Check(t => t[0].MatMul(t[1].Transpose(1, 2)), Random(1, 3, 1, 4), Random(2, 3, 5, 4));
    [Fact] public void SumAll() => Check(t => t[0].Sum(), Random(1, 2, 3));
    [Fact] public void SumDims() => Check(t => t[0].Sum([0, 2]), Random(1, 2, 3, 2));
    [Fact] public void SumDimKeep() => Check(t => t[0].Sum(1, keepDim: true), Random(1, 2, 3));
    [Fact] public void MeanAll() => Check(t => t[0].Mean(), Random(1, 2, 3));
    [Fact] public void MeanDim() => Check(t => t[0].Mean(-1), Random(1, 2, 3));
    [Fact] public void MeanDimKeep() => Check(t => t[0].Mean(0, keepDim: true), Random(1, 2, 3));
    [Fact] public void MaxAll() => Check(t => t[0].Max(), Random(1, 2, 3));
    [Fact] public void MaxDim() => Check(t => t[0].Max(1).Values, Random(1, 3, 4));
    [Fact] public void MaxDimKeep() => Check(t => t[0].Max(0, keepDim: true).Values, Random(1, 3, 4));
    [Fact] public void Reshape() => Check(t => t[0].Reshape(3, -1) * 2.0, Random(1, 2, 3));
    [Fact] public void ReshapeOfTransposed() => Check(t => t[0].T.Reshape(6), Random(1, 2, 3));
    [Fact] public void View() => Check(t => t[0].View(6), Random(1, 2, 3));
    [Fact] public void Transpose() => Check(t => t[0].Transpose(0, 2) * Tensor.Arange(0, 2, 1, DType.Float64), Random(1, 2, 3, 2));
    [Fact] public void UnsqueezeSqueeze() => Check(t => t[0].Unsqueeze(1).Squeeze(), Random(1, 2, 3));
    [Fact] public void SqueezeDim() => Check(t => t[0].Squeeze(0), Random(1, 1, 3));
    [Fact] public void Select() => Check(t => t[0].Select(1, -1), Random(1, 2, 3));
    [Fact] public void Indexer() => Check(t => t[0][1, 0], Random(1, 2, 3, 2));
    [Fact] public void Slice() => Check(t => t[0].Slice(1, 1, 5, 2), Random(1, 2, 6));
    [Fact] public void Cat() => Check(t => Tensor.Cat([t[0], t[1]], 1), Random(1, 2, 2), Random(2, 2, 3));
    [Fact] public void Expand() => Check(t => t[0].Expand(3, 2, 4), Random(1, 2, 1));
    [Fact] public void Clone() => Check(t => t[0].Clone(), Random(1, 3));
    [Fact] // float32 in the middle: a step of 1e-2 keeps its rounding far below the tolerance
    public void ToFloat32AndBack() => Assert.True(Autograd.GradCheck(
        t => (t[0].To(DType.Float32) * 2.0).To(DType.Float64), [Tensor.FromArray([0.5, 1.25]).RequiresGrad_()], eps: 1e-2));
    [Fact] public void Mse() => Check(t => Losses.Mse(t[0], t[1]), Random(1, 2, 3), Random(2, 2, 3));
    [Fact] public void CrossEntropy() => Check(t => Losses.CrossEntropy(t[0], [2, 0, 1]), Random(1, 3, 4));
    [Fact] public void NllLoss() => Check(t => Losses.NllLoss(t[0], [1, 1]), Random(1, 2, 3));

    [Fact]
    public void InPlaceOnNonLeaf() => Check(
        t =>
        {
            var y = t[0] * 1.0;
            y.Mul_(t[1]);
            y.Add_(t[1]);
            return y;
        },
        Random(1, 3),
        Random(2, 3));

    [Fact]
    public void SecondDerivativesOfEveryElementwiseOp()
    {
        Func<Tensor, Tensor>[] ops =
        [
            x => x.Exp(), x => x.Log(), x => x.Sqrt(), x => x.Sin(), x => x.Cos(), x => x.Tanh(), x => x.Sigmoid(),
            x => x.Pow(3.0), x => x.Pow(x), x => 1.0 / x, x => x.Softmax(0), x => x.LogSoftmax(0), x => x.MatMul(x),
        ];
        foreach (var op in ops)
        {
            Check(t => Autograd.Grad([op(t[0]).Sum()], [t[0]], createGraph: true)[0]!, Uniform(3, 0.5, 2.0, 4));
        }
    }

    [Fact]
    public void GradCheckRejectsAWrongGradient()
    {
        // At its kink relu's gradient is taken as 0, while central differences see (eps − 0) / 2eps = 0.5:
        // a genuine disagreement the checker must report with the element and both values.
        var kink = Tensor.FromArray([1.0, 0.0]).RequiresGrad_();

        var error = Assert.Throws<GradCheckException>(() => Autograd.GradCheck(t => t[0].Relu(), [kink]));

        Assert.Contains("output element 1 with respect to input 0, element 1", error.Message);
        Assert.Contains("numerical 0.5", error.Message);
        Assert.Contains("analytical 0 ", error.Message);
    }

    [Fact]
    public void GradCheckRequiresFloat64Inputs()
    {
        var error = Assert.Throws<ArgumentException>(() => Autograd.GradCheck(t => t[0].Exp(), [Tensor.FromArray([1f]).RequiresGrad_()]));

        Assert.Contains("Float64", error.Message);
    }
}
