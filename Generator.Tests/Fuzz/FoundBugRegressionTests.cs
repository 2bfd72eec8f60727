using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Regression tests for the generator bugs the robustness fuzz found (FoundBugs.md, FB-1 to FB-3): half-typed
/// code whose containing type the compiler made up, or whose type name is missing.
/// </summary>
public sealed class FoundBugRegressionTests
{
    private const string Elsewhere = """
        using AutoDiffGen;
        namespace Other;
        public static partial class Intact
        {
            [Differentiable]
            public static double Cube(double v) => v * v * v;
        }
        """;

    [Fact]
    public void FB1_a_method_outside_any_type_does_not_throw_and_other_methods_keep_their_code()
    {
        const string halfTyped = """
            using AutoDiffGen;
            namespace Demo;
            public static partial class Functions
                [Differentiable]
                public static double Square(double v) => v * v;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(halfTyped, Elsewhere);   // fails the test if the generator throws

        Assert.DoesNotContain(run.GeneratedSources.Keys, name => name.Contains("Square"));
        Assert.Contains(run.GeneratedSources.Keys, name => name.EndsWith("Other.Intact.Cube.g.cs"));
        AssertNoErrorsInGeneratedCode(run);
        Assert.DoesNotContain(run.AnalyzerDiagnostics, d => d.Id == "ADG0099");
    }

    [Fact]
    public void FB2_a_type_without_a_name_gets_no_generated_code()
    {
        const string nameless = """
            using AutoDiffGen;
            namespace Demo;
            public partial class
            {
                [Differentiable]
                public static double Square(double v) => v * v;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(nameless, Elsewhere);

        Assert.DoesNotContain(run.GeneratedSources.Keys, name => name.Contains("Square"));
        Assert.Contains(run.GeneratedSources.Keys, name => name.EndsWith("Other.Intact.Cube.g.cs"));
        AssertNoErrorsInGeneratedCode(run);
    }

    [Fact]
    public void FB3_a_custom_derivative_in_a_type_without_a_name_is_not_used()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            namespace Demo;
            public static class Special { public static double Softplus(double x) => Math.Log(1 + Math.Exp(x)); }
            public static class
            {
                [DerivativeOf(typeof(Special), nameof(Special.Softplus))]
                public static double D(double x, out double dx) { dx = 1 / (1 + Math.Exp(-x)); return Special.Softplus(x); }
            }
            public static partial class P
            {
                [Differentiable]
                public static double F(double x) => Special.Softplus(x);
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        AssertNoErrorsInGeneratedCode(run);
        Assert.DoesNotContain(run.GeneratedSources.Keys, name => name.Contains(".P.F"));
        Assert.Contains(run.AnalyzerDiagnostics, d => d.Id == "ADG0004");   // without a usable rule, F names the missing derivative
    }

    private static void AssertNoErrorsInGeneratedCode(GeneratorRun run)
    {
        var generatedTrees = run.RunResult.GeneratedTrees.ToHashSet();
        var errors = run.CompilerErrors.Where(d => d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)).ToList();
        Assert.True(errors.Count == 0, "errors in generated code:\n" + string.Join("\n", errors));
    }
}
