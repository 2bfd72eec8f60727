using System;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Stress;

/// <summary>
/// NaN and infinity go through ops and their gradients as IEEE 754 and PyTorch say: never clamped,
/// never turned into a finite number that would hide a diverged training run. Expected values are
/// PyTorch 1.13's (tools/fuzz/ieee_oracle.py prints them).
/// </summary>
public sealed class IeeePropagationTests
{
    private const double Nan = double.NaN;
    private const double Inf = double.PositiveInfinity;

    public static TheoryData<string, double, double, double> Cases() => new()
    {
        { "mul_self", Inf, Inf, Inf },
        { "mul_zero", Inf, Nan, 0.0 },
        { "div_zero", 1.0, Inf, Inf },
        { "sqrt", 0.0, 0.0, Inf },
        { "sqrt_neg", -1.0, Nan, Nan },
        { "log", 0.0, double.NegativeInfinity, Inf },
        { "log_neg", -1.0, Nan, -1.0 },
        { "exp", Inf, Inf, Inf },
        { "exp_ninf", double.NegativeInfinity, 0.0, 0.0 },
        { "tanh", Inf, 1.0, 0.0 },
        { "sigmoid", double.NegativeInfinity, 0.0, 0.0 },
        { "relu", Nan, Nan, 1.0 },           // PyTorch lets the gradient through at NaN (NaN <= 0 is false): RB-1, fixed
        { "relu_ninf", -Inf, 0.0, 0.0 },
        { "abs", Nan, Nan, 0.0 },
        { "sin", Inf, Nan, Nan },
        { "sin_nan", Nan, Nan, Nan },
        { "pow2", Nan, Nan, Nan },
        { "sum", Nan, Nan, 1.0 },
        { "max", Nan, Nan, 1.0 },
        { "mean", Inf, Inf, 0.5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_and_gradient_are_what_PyTorch_gives(string op, double input, double value, double gradient)
    {
        var x = Tensor.Scalar(input, DType.Float64, requiresGrad: true);
        Tensor one = Tensor.Scalar(1.0, DType.Float64);
        Tensor y = op switch
        {
            "mul_self" => x * x,
            "mul_zero" => x * 0.0,
            "div_zero" => x / 0.0,
            "sqrt" or "sqrt_neg" => x.Sqrt(),
            "log" or "log_neg" => x.Log(),
            "exp" or "exp_ninf" => x.Exp(),
            "tanh" => x.Tanh(),
            "sigmoid" => x.Sigmoid(),
            "relu" or "relu_ninf" => x.Relu(),
            "abs" => x.Abs(),
            "sin" or "sin_nan" => x.Sin(),
            "pow2" => x.Pow(2.0),
            "sum" => Tensor.Cat(new[] { x.Unsqueeze(0), one.Unsqueeze(0) }).Sum(),
            "max" => Tensor.Cat(new[] { x.Unsqueeze(0), one.Unsqueeze(0) }).Max(),
            "mean" => Tensor.Cat(new[] { x.Unsqueeze(0), one.Unsqueeze(0) }).Mean(),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "no such case"),
        };
        y.Backward();

        // Assert.Equal on doubles treats NaN as equal to NaN and distinguishes +inf from -inf.
        Assert.Equal(value, y.Item());
        Assert.Equal(gradient, x.Grad!.Item());
    }
}
