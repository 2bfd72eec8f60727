using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>The generator never throws, never duplicates the analyzer's diagnostics, and never emits code that does not compile.</summary>
public sealed class GeneratorRobustnessTests
{
    [Fact]
    public void InvalidMethodAndItsCallersGetNoCode()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using AutoDiffGen;
            public static partial class Functions
            {
                [Differentiable] public static double Bad(double x) { lock (typeof(Functions)) { x = x * x; } return x; }
                [Differentiable] public static double CallsBad(double x) => Bad(x) + 1;
                [Differentiable] public static double CallsCallsBad(double x) => CallsBad(x) * 2;
                [Differentiable] public static double Good(double x) => x * 3;
            }
            """);
        Assert.Equal(new[] { "Functions.Good.g.cs" }, run.GeneratedSources.Keys);
        Assert.Empty(run.CompilerErrors);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(new[] { "ADG0005" }, run.AnalyzerDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void CallWithoutRuleSkipsOnlyThatMethod()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using AutoDiffGen;
            public static class Plain { public static double Twice(double x) => 2 * x; }
            public static partial class Functions
            {
                [Differentiable] public static double UsesPlain(double x) => Plain.Twice(x);
                [Differentiable] public static double Fine(double x) => x * x;
            }
            """);
        Assert.Equal(new[] { "Functions.Fine.g.cs" }, run.GeneratedSources.Keys);
        Assert.Empty(run.CompilerErrors);
        Assert.Equal(new[] { "ADG0004" }, run.AnalyzerDiagnostics.Select(d => d.Id));
    }

    [Theory]
    [InlineData("[Differentiable] public static double F(double x) => x * ;")]
    [InlineData("[Differentiable] public static double F(double x) => Unknown(x);")]
    [InlineData("[Differentiable] public static double F(Missing x) => x;")]
    [InlineData("[Differentiable] public static Missing F(double x) => x;")]
    [InlineData("[Differentiable] public static double F(double x) { double y; return y; }")]
    [InlineData("[Differentiable] public static double F(double x) { if (x > 0) return x; }")]
    [InlineData("[Differentiable] public static double F(double x) => x switch { > 0 => x };")]
    [InlineData("[Differentiable] public static double F(double x) { var y = x +")]
    [InlineData("[Differentiable] public static double F(System.ReadOnlySpan<double> p, double x) { for (int i = 0; i < p.Length; i++) { double[] = new double[3]; x -= p[i]; } return x; }")]
    [InlineData("[Differentiable] public static double F(System.ReadOnlySpan<double> p, double x) { for (int i = 0; i < p.Length; i++) { double t = i switch { }; x -= p[i] * t; } return x; }")]
    [InlineData("[Differentiable] public double P => 1;")]
    [InlineData("[Differentiable] public static double F(double x) => F(x, 2);")]
    [InlineData("[Differentiable] public static extern double F(double x);")]
    [InlineData("[Differentiable] public static double F<T>(double x) => x;")]
    [InlineData("[Differentiable] public static double F(double x) => x * this.x;")]
    [InlineData("[Differentiable] public static double F(double x) => x; [Differentiable] public static double F(double x) => x * 2;")]
    [InlineData("[DerivativeOf(typeof(Nope), \"X\")] public static double R(double x, out double dx) { dx = 1; return x; }")]
    [InlineData("[DerivativeOf(null, null)] public static double R(double x, out double dx) { dx = 1; return x; }")]
    public void HalfTypedCodeDoesNotThrowAndGeneratesNothingBroken(string member)
    {
        // The harness fails on any generator or analyzer exception.
        GeneratorRun run = GeneratorHarness.Run("using AutoDiffGen;\npublic static partial class Functions\n{\n    " + member + "\n}\n");
        Assert.DoesNotContain(run.AnalyzerDiagnostics, d => d.Id == "ADG0099");
        foreach (SyntaxTree generated in run.OutputCompilation.SyntaxTrees.Skip(1))
        {
            Assert.DoesNotContain(run.CompilerErrors, e => e.Location.SourceTree == generated);
        }
    }

    [Fact]
    public void NoDerivativeParameterOfAnyTypeIsPassedThrough()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using AutoDiffGen;
            public static partial class Functions
            {
                [Differentiable] public static double F(double x, [NoDerivative] string? label, [NoDerivative] decimal rate) => x * x;
            }
            """);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Empty(run.CompilerErrors);
        Assert.Contains("FValueAndGradient(double x, string? label, decimal rate, out double dx)", run.GeneratedSource("Functions.F.g.cs"));
    }

    [Fact]
    public void OverloadsWithAnyParameterTypesGetValidNames()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using AutoDiffGen;
            public static partial class Functions
            {
                [Differentiable] public static double F(double x, [NoDerivative] int[]? table) => x;
                [Differentiable] public static double F(double x, [NoDerivative] System.Collections.Generic.List<string?> names) => x * x;
            }
            """);
        Assert.Empty(run.CompilerErrors);
        Assert.Equal(2, run.GeneratedSources.Count);
        string text = run.GeneratedSource("Functions.F_double_int___.g.cs");
        Assert.True(text.Contains("struct FTape_double_int___", System.StringComparison.Ordinal), text);
    }

    [Fact]
    public void GeneratedCodeIsDeterministic()
    {
        const string source = """
            using AutoDiffGen;
            namespace N;
            public static partial class Functions
            {
                [Differentiable] public static double F(double x, double y) => x > y ? System.Math.Sin(x * y) : y / x;
            }
            """;
        string first = GeneratorHarness.Run(source).GeneratedSource("N.Functions.F.g.cs");
        string second = GeneratorHarness.Run(source).GeneratedSource("N.Functions.F.g.cs");
        Assert.Equal(first, second);
        Assert.StartsWith("// <auto-generated/>\n", first);
        Assert.Contains("#nullable enable", first);
    }
}
