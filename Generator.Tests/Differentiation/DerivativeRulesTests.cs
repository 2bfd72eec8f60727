using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Ir;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Differentiation;

/// <summary>Every entry of the derivative table against central finite differences in float64 (no Roslyn involved).</summary>
public sealed class DerivativeRulesTests
{
    public static IEnumerable<object[]> SmoothCases() => new List<object[]>
    {
        new object[] { "Sin", new[] { 0.7 } }, new object[] { "Cos", new[] { -1.2 } },
        new object[] { "Tan", new[] { 0.4 } }, new object[] { "Asin", new[] { 0.3 } },
        new object[] { "Acos", new[] { -0.6 } }, new object[] { "Atan", new[] { 2.5 } },
        new object[] { "Atan2", new[] { 0.8, -1.7 } }, new object[] { "Sinh", new[] { 0.9 } },
        new object[] { "Cosh", new[] { -0.5 } }, new object[] { "Tanh", new[] { 0.35 } },
        new object[] { "Exp", new[] { 1.1 } }, new object[] { "Log", new[] { 2.3 } },
        new object[] { "Log", new[] { 5.0, 3.0 } }, new object[] { "Log10", new[] { 0.7 } },
        new object[] { "Log2", new[] { 9.0 } }, new object[] { "Sqrt", new[] { 3.2 } },
        new object[] { "Cbrt", new[] { -2.0 } }, new object[] { "Pow", new[] { 1.7, 2.6 } },
        new object[] { "Pow", new[] { 0.4, -1.5 } }, new object[] { "Abs", new[] { -0.8 } },
        new object[] { "Abs", new[] { 1.3 } }, new object[] { "Min", new[] { 0.2, 0.9 } },
        new object[] { "Max", new[] { 0.2, 0.9 } }, new object[] { "Clamp", new[] { 0.5, 0.0, 1.0 } },
        new object[] { "Clamp", new[] { -0.5, 0.0, 1.0 } }, new object[] { "Clamp", new[] { 1.5, 0.0, 1.0 } },
        new object[] { "FusedMultiplyAdd", new[] { 1.5, -2.0, 0.25 } }, new object[] { "Hypot", new[] { 3.0, -4.0 } },
        new object[] { "Floor", new[] { 1.4 } }, new object[] { "Ceiling", new[] { 1.4 } },
        new object[] { "Round", new[] { 1.4 } }, new object[] { "Truncate", new[] { -1.4 } },
        new object[] { "Sign", new[] { -1.4 } },
        new object[] { "Asinh", new[] { -0.7 } }, new object[] { "Acosh", new[] { 2.0 } },
        new object[] { "Atanh", new[] { 0.45 } }, new object[] { "LogP1", new[] { -0.3 } },
        new object[] { "ExpM1", new[] { 0.8 } }, new object[] { "Exp2", new[] { 1.3 } },
        new object[] { "Exp10", new[] { -0.4 } }, new object[] { "SinPi", new[] { 0.3 } },
        new object[] { "CosPi", new[] { 1.2 } }, new object[] { "TanPi", new[] { 0.2 } },
        new object[] { "Lerp", new[] { 1.5, -2.0, 0.3 } }, new object[] { "CopySign", new[] { 1.5, -2.0 } },
        new object[] { "CopySign", new[] { -1.5, -2.0 } }, new object[] { "DegreesToRadians", new[] { 30.0 } },
        new object[] { "RadiansToDegrees", new[] { 1.1 } }, new object[] { "ScaleB", new[] { -1.25, 3.5 } },
    };

    [Theory]
    [MemberData(nameof(SmoothCases))]
    public void PartialsMatchCentralDifferences(string name, double[] point)
    {
        var function = Enum.Parse<MathFunction>(name);
        Expr?[] partials = Partials(function, point, out Dictionary<string, double> env);
        Assert.Equal(point.Length, partials.Length);
        for (int i = 0; i < point.Length; i++)
        {
            const double h = 1e-6;
            double[] up = (double[])point.Clone(), down = (double[])point.Clone();
            up[i] += h;
            down[i] -= h;
            double expected = (PlanInterpreter.MathValue(function, up) - PlanInterpreter.MathValue(function, down)) / (2 * h);
            double actual = partials[i] is { } p ? PlanInterpreter.Evaluate(p, env) : 0;
            Assert.True(Math.Abs(expected - actual) <= 1e-6 * (1 + Math.Abs(expected)),
                $"{function} ∂/∂a{i} at ({string.Join(", ", point)}): finite differences {expected}, rule {actual}");
        }
    }

    [Theory]
    [InlineData("Min", 0.5, 0.5)]
    [InlineData("Max", -1.0, -1.0)]
    public void MinAndMaxSplitTiesEvenlyLikePyTorch(string name, double a, double b)
    {
        var function = Enum.Parse<MathFunction>(name);
        Expr?[] partials = Partials(function, new[] { a, b }, out Dictionary<string, double> env);
        Assert.Equal(0.5, PlanInterpreter.Evaluate(partials[0]!, env));
        Assert.Equal(0.5, PlanInterpreter.Evaluate(partials[1]!, env));
    }

    [Fact]
    public void CopySignHasZeroDerivativeAtZeroLikePyTorch()
    {
        // torch.copysign(x, y).backward() gives 0 where x is ±0 (checked with PyTorch 1.13: [0, 0, -1, 1] for x = [0, -0, 2, -3], y = [-1, 1, -1, -2]).
        foreach (double x in new[] { 0.0, -0.0 })
        {
            Expr?[] partials = Partials(MathFunction.CopySign, new[] { x, -1.0 }, out Dictionary<string, double> env);
            Assert.Equal(0.0, PlanInterpreter.Evaluate(partials[0]!, env));
            Assert.Null(partials[1]);
        }
    }

    [Fact]
    public void AbsHasZeroDerivativeAtZero()
    {
        Expr?[] partials = Partials(MathFunction.Abs, new[] { 0.0 }, out Dictionary<string, double> env);
        Assert.Equal(0.0, PlanInterpreter.Evaluate(partials[0]!, env));
    }

    [Fact]
    public void PowMasksLikePyTorchAtZeroBase()
    {
        // d/db 0^b is 0 for b >= 0 (PyTorch), not NaN from 0 * log(0).
        Expr?[] partials = Partials(MathFunction.Pow, new[] { 0.0, 2.0 }, out Dictionary<string, double> env);
        Assert.Equal(0.0, PlanInterpreter.Evaluate(partials[0]!, env));
        Assert.Equal(0.0, PlanInterpreter.Evaluate(partials[1]!, env));
    }

    [Theory]
    [InlineData("Add", 1.5, -0.5)]
    [InlineData("Subtract", 1.5, -0.5)]
    [InlineData("Multiply", 1.5, -0.5)]
    [InlineData("Divide", 1.5, -0.5)]
    [InlineData("Remainder", 7.3, 2.1)]
    public void ArithmeticPartialsMatchCentralDifferences(string name, double a, double b)
    {
        var op = Enum.Parse<BinaryOperator>(name);
        double F(double x, double y) => op switch
        {
            BinaryOperator.Add => x + y,
            BinaryOperator.Subtract => x - y,
            BinaryOperator.Multiply => x * y,
            BinaryOperator.Divide => x / y,
            _ => x % y,
        };
        var env = new Dictionary<string, double> { ["a"] = a, ["b"] = b, ["r"] = F(a, b) };
        Expr?[] partials = DerivativeRules.ForBinary(op, ScalarKind.Double, Var("a"), Var("b"), Var("r"));
        const double h = 1e-6;
        Assert.Equal((F(a + h, b) - F(a - h, b)) / (2 * h), PlanInterpreter.Evaluate(partials[0]!, env), 6);
        Assert.Equal((F(a, b + h) - F(a, b - h)) / (2 * h), PlanInterpreter.Evaluate(partials[1]!, env), 6);
    }

    [Fact]
    public void ConstantExponentFoldsThePyTorchMasks()
    {
        Expr?[] partials = DerivativeRules.ForMath(MathFunction.Pow, ScalarKind.Double, new Expr[] { Var("x"), new Constant(ScalarKind.Double, 3) }, Var("r"));
        Assert.IsNotType<Conditional>(partials[0]);
        Assert.Equal(3 * 1.5 * 1.5, PlanInterpreter.Evaluate(partials[0]!, new Dictionary<string, double> { ["x"] = 1.5, ["r"] = Math.Pow(1.5, 3) }), 12);
    }

    private static VariableRef Var(string name) => new(ScalarKind.Double, name);

    private static Expr?[] Partials(MathFunction function, double[] point, out Dictionary<string, double> env)
    {
        env = point.Select((v, i) => ("a" + i, v)).ToDictionary(p => p.Item1, p => p.v);
        env["r"] = PlanInterpreter.MathValue(function, point);
        return DerivativeRules.ForMath(function, ScalarKind.Double, point.Select((_, i) => (Expr)Var("a" + i)).ToList(), Var("r"));
    }
}
