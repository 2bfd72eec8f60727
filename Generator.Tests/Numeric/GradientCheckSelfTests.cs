using System;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Sdk;
using static AutoDiffGen.Generator.Tests.Numeric.Cases;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>
/// Tests the numeric checking machinery with hand-written "generated" code for F(x, y) = sin(x)·y,
/// so it is known to accept a correct derivative and to reject wrong ones before it judges the generator.
/// </summary>
public sealed class GradientCheckSelfTests
{
    private static readonly NumericCase SinTimesY = Binary("SinTimesY", "Math.Sin(x) * y", (0.3, 1.2), (-1.1, 0.7));

    /// <summary>Emits the generated API for Case_SinTimesY with a chosen ∂F/∂x formula and backward body.</summary>
    private sealed class HandWrittenGenerator : IIncrementalGenerator
    {
        private readonly string _dxFormula;
        private readonly bool _accumulates;

        public HandWrittenGenerator(string dxFormula, bool accumulates)
        {
            _dxFormula = dxFormula;
            _accumulates = accumulates;
        }

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            string assign = _accumulates ? "+=" : "=";
            context.RegisterPostInitializationOutput(post => post.AddSource("Case_SinTimesY.F.g.cs", $$"""
                namespace NumericCases;
                partial class Case_SinTimesY
                {
                    public readonly struct FTape { public readonly double X, Y; public FTape(double x, double y) { X = x; Y = y; } }
                    public static double FForward(double x, double y, out FTape tape) { tape = new FTape(x, y); return System.Math.Sin(x) * y; }
                    public static void FBackward(in FTape tape, double seed, ref double dx, ref double dy)
                    {
                        double x = tape.X, y = tape.Y;
                        dx {{assign}} seed * ({{_dxFormula}});
                        dy {{assign}} seed * System.Math.Sin(x);
                    }
                    public static double FValueAndGradient(double x, double y, out double dx, out double dy)
                    {
                        dx = {{_dxFormula}};
                        dy = System.Math.Sin(x);
                        return System.Math.Sin(x) * y;
                    }
                }
                """));
        }
    }

    private static void Check(string dxFormula, bool accumulates)
    {
        using var compiled = new CompiledCases(new[] { SinTimesY }, new HandWrittenGenerator(dxFormula, accumulates));
        GradientCheck.Run(compiled, SinTimesY);
    }

    [Fact]
    public void A_correct_derivative_passes() => Check("System.Math.Cos(x) * y", accumulates: true);

    [Fact]
    public void A_wrong_derivative_fails_naming_the_parameter_and_point()
    {
        var failure = Assert.Throws<XunitException>(() => Check("System.Math.Cos(x) * y * 1.001", accumulates: true));
        Assert.Contains("∂F/∂x", failure.Message);
        Assert.Contains("(0.3, 1.2)", failure.Message);
    }

    [Fact]
    public void A_backward_that_overwrites_instead_of_accumulating_fails()
    {
        var failure = Assert.Throws<XunitException>(() => Check("System.Math.Cos(x) * y", accumulates: false));
        Assert.Contains("accumulate", failure.Message);
    }

    [Fact]
    public void A_case_that_does_not_compile_fails_with_its_errors_and_generated_code()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Check("UndefinedThing", accumulates: true));
        Assert.Contains("CS0103", failure.Message);
        Assert.Contains("==== Case_SinTimesY.F.g.cs ====", failure.Message);
    }
}
