using System;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

/// <summary>GradFn names are a public contract: each expected name is what PyTorch 1.13 reports for the same call.</summary>
public class NodeNameTests
{
    private static readonly Tensor X = Tensor.Randn([2, 3], new Random(1), DType.Float64, requiresGrad: true);
    private static readonly Tensor V = Tensor.Randn([3], new Random(2), DType.Float64, requiresGrad: true);
    private static readonly Tensor B = Tensor.Randn([2, 2, 3], new Random(3), DType.Float64, requiresGrad: true);

    [Theory]
    [InlineData("add", "AddBackward0")]
    [InlineData("sub", "SubBackward0")]
    [InlineData("mul", "MulBackward0")]
    [InlineData("div", "DivBackward0")]
    [InlineData("neg", "NegBackward0")]
    [InlineData("pow", "PowBackward0")]
    [InlineData("powTensor", "PowBackward1")]
    [InlineData("exp", "ExpBackward0")]
    [InlineData("log", "LogBackward0")]
    [InlineData("sqrt", "SqrtBackward0")]
    [InlineData("abs", "AbsBackward0")]
    [InlineData("sin", "SinBackward0")]
    [InlineData("cos", "CosBackward0")]
    [InlineData("tanh", "TanhBackward0")]
    [InlineData("sigmoid", "SigmoidBackward0")]
    [InlineData("relu", "ReluBackward0")]
    [InlineData("softmax", "SoftmaxBackward0")]
    [InlineData("logSoftmax", "LogSoftmaxBackward0")]
    [InlineData("mm", "MmBackward0")]
    [InlineData("mv", "MvBackward0")]
    [InlineData("dot", "DotBackward0")]
    [InlineData("sum", "SumBackward0")]
    [InlineData("sumDim", "SumBackward1")]
    [InlineData("mean", "MeanBackward0")]
    [InlineData("meanDim", "MeanBackward1")]
    [InlineData("max", "MaxBackward1")]
    [InlineData("maxDim", "MaxBackward0")]
    [InlineData("view", "ViewBackward0")]
    [InlineData("transpose", "TransposeBackward0")]
    [InlineData("unsqueeze", "UnsqueezeBackward0")]
    [InlineData("squeeze", "SqueezeBackward0")]
    [InlineData("squeezeDim", "SqueezeBackward1")]
    [InlineData("select", "SelectBackward0")]
    [InlineData("slice", "SliceBackward0")]
    [InlineData("cat", "CatBackward0")]
    [InlineData("mse", "MseLossBackward0")]
    [InlineData("crossEntropy", "NllLossBackward0")]
    [InlineData("expand", "ExpandBackward0")]
    [InlineData("clone", "CloneBackward0")]
    [InlineData("to", "ToCopyBackward0")]
    [InlineData("contiguous", "CloneBackward0")]
    public void GradFnIsNamedAsInPyTorch(string operation, string expected)
    {
        Tensor result = operation switch
        {
            "add" => X + X,
            "sub" => X - X,
            "mul" => X * X,
            "div" => X / X,
            "neg" => -X,
            "pow" => X.Pow(2),
            "powTensor" => X.Pow(X),
            "exp" => X.Exp(),
            "log" => X.Log(),
            "sqrt" => X.Sqrt(),
            "abs" => X.Abs(),
            "sin" => X.Sin(),
            "cos" => X.Cos(),
            "tanh" => X.Tanh(),
            "sigmoid" => X.Sigmoid(),
            "relu" => X.Relu(),
            "softmax" => X.Softmax(1),
            "logSoftmax" => X.LogSoftmax(1),
            "mm" => X.MatMul(X.Transpose(0, 1)),
            "mv" => X.MatMul(V),
            "dot" => V.MatMul(V),
            "sum" => X.Sum(),
            "sumDim" => X.Sum(1),
            "mean" => X.Mean(),
            "meanDim" => X.Mean(1),
            "max" => X.Max(),
            "maxDim" => X.Max(1).Values,
            "view" => X.View(6),
            "transpose" => X.Transpose(0, 1),
            "unsqueeze" => X.Unsqueeze(0),
            "squeeze" => X.Unsqueeze(0).Squeeze(),
            "squeezeDim" => X.Unsqueeze(0).Squeeze(0),
            "select" => X[0],
            "slice" => X.Slice(1, 1, 3),
            "cat" => Tensor.Cat([X, X]),
            "mse" => Losses.Mse(X, X.Detach()),
            "crossEntropy" => Losses.CrossEntropy(X, [0, 1]),
            "expand" => V.Expand(2, 3),
            "clone" => X.Clone(),
            "to" => X.To(DType.Float32),
            "contiguous" => X.Transpose(0, 1).Contiguous(),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };

        Assert.Equal(expected, result.GradFn!.Name);
    }

    [Fact]
    public void LeafGradientSinkIsAccumulateGrad()
    {
        var y = X * 2.0;

        var edge = y.GradFn!.NextEdges[0];

        Assert.Equal("AccumulateGrad", edge.Node!.Name);
        Assert.Same(X, ((AccumulateGrad)edge.Node).Variable);
        Assert.Null(y.GradFn.NextEdges[1].Node);
    }
}
