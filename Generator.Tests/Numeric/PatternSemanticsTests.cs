using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>Patterns mean in the generated entries what they mean in C#, where a gradient check cannot reach (NaN).</summary>
public sealed class PatternSemanticsTests
{
    [Fact]
    public void A_NaN_constant_pattern_matches_NaN_in_switches_and_is_patterns_on_both_paths()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using System;
            using AutoDiffGen;
            public static partial class Patterns
            {
                [Differentiable]
                public static double Is(double x) => x is double.NaN ? 1.0 : x * x;

                [Differentiable]
                public static double Switch(double x) => x switch { double.NaN => 2.0, < 0 => -x, _ => x * 3 };

                [Differentiable]
                public static double InLoop(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    foreach (double v in x) s += v is not double.NaN ? v : 10.0;
                    return s;
                }
            }

            public static class Probe
            {
                public static double[] Run()
                {
                    double[] nan = { double.NaN, 1.0 };
                    return new[]
                    {
                        Patterns.IsValueAndGradient(double.NaN, out _), Patterns.Is(double.NaN),
                        Patterns.SwitchValueAndGradient(double.NaN, out _), Patterns.Switch(double.NaN),
                        Patterns.InLoopValueAndGradient(nan, new double[2]), Patterns.InLoop(nan),
                    };
                }
            }
            """);
        Assert.Empty(run.CompilerErrors);
        using CompiledAssembly assembly = run.EmitAndLoad();
        double[] values = (double[])assembly.InvokeStatic("Probe", "Run")!;
        Assert.Equal(new[] { 1.0, 1.0, 2.0, 2.0, 11.0, 11.0 }, values);
    }
}
