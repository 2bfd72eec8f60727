using System;
using System.Linq;
using System.Threading;
using AutoDiffGen.CodeFixes;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CodeFixes;

/// <summary>
/// End to end, as in the IDE: the real analyzer reports, each fix is applied to the diagnostics it
/// reports (repeatedly, one at a time), and afterwards the analyzer reports that rule no more and
/// the generator produces code that compiles (for the scaffold: once the user writes the body).
/// </summary>
public sealed class CodeFixesWithAnalyzerTests
{
    /// <summary>Applies the fix to the analyzer's first diagnostic with <paramref name="id"/> until there is none.</summary>
    private static string FixUntilClean(CodeFixProvider provider, string id, string source)
    {
        for (int round = 0; round < 10; round++)
        {
            Diagnostic? diagnostic = GeneratorHarness.Run(source).AnalyzerDiagnostics.FirstOrDefault(d => d.Id == id);
            if (diagnostic is null)
            {
                return source;
            }

            if (CodeFixRunner.Actions(provider, diagnostic, source).Count == 0)
            {
                throw new Xunit.Sdk.XunitException(
                    $"The analyzer still reports {diagnostic} after the fix was applied; the fix is not offered again:\n{source}");
            }

            source = CodeFixRunner.Apply(provider, diagnostic, source);
        }

        throw new Xunit.Sdk.XunitException($"{id} was still reported after 10 fixes:\n{source}");
    }

    [Fact]
    public void Making_types_partial_clears_ADG0001_and_the_derivative_is_generated()
    {
        string source = FixUntilClean(new MakeTypePartialCodeFix(), "ADG0001", """
            using AutoDiffGen;

            public class Outer
            {
                public static class Inner
                {
                    [Differentiable]
                    public static double F(double x) => x * x;
                }
            }
            """);

        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Empty(run.CompilerErrors);
        Assert.Contains(run.GeneratedSources.Keys, k => k.Contains("Inner.F", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Moving_local_functions_out_clears_ADG0005_and_both_methods_are_generated()
    {
        // Local functions are taken in where they are called; these two do what only a method may (return early, throw),
        // and ADG0005, reported inside their bodies, names them for the fix.
        string source = FixUntilClean(new MoveLocalFunctionOutCodeFix(), "ADG0005", """
            using System;
            using AutoDiffGen;

            public static partial class Physics
            {
                [Differentiable]
                public static double Energy(ReadOnlySpan<double> x)
                {
                    static double Pair(double a, double b)
                    {
                        if (a == b) return 1.0;
                        return 1.0 / (1.0 + (a - b) * (a - b));
                    }

                    double Spring(double a)
                    {
                        if (double.IsNaN(a)) throw new ArgumentException("not a number", nameof(a));
                        return a * a;
                    }

                    double e = 0;
                    for (int i = 1; i < x.Length; i++) e += Pair(x[i - 1], x[i]) + Spring(x[i]);
                    return e;
                }
            }
            """);

        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Empty(run.CompilerErrors);
        Assert.Contains(run.GeneratedSources.Keys, k => k.Contains("Physics.Energy", System.StringComparison.Ordinal));
        Assert.Contains(run.GeneratedSources.Keys, k => k.Contains("Physics.Pair", System.StringComparison.Ordinal));
        Assert.Contains(run.GeneratedSources.Keys, k => k.Contains("Physics.Spring", System.StringComparison.Ordinal));
    }

    // DESIGN.md §1 and ADG0002's own message: a [NoDerivative] parameter is not differentiated, whatever its type.
    [Fact]
    public void Adding_NoDerivative_clears_ADG0002()
    {
        string source = FixUntilClean(new AddNoDerivativeCodeFix(), "ADG0002", """
            public static partial class Model
            {
                [AutoDiffGen.Differentiable]
                public static double F(double x, string label, decimal rate) => x * x;
            }
            """);

        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.DoesNotContain(run.AnalyzerDiagnostics, d => d.Id == "ADG0002");
        Assert.Contains("[NoDerivative] string label, [NoDerivative] decimal rate", source);
    }

    [Fact]
    public void The_scaffold_is_a_valid_rule_once_its_body_is_written()
    {
        string source = FixUntilClean(new ScaffoldCustomDerivativeCodeFix(), "ADG0004", """
            using System;
            using AutoDiffGen;

            public static class Special
            {
                public static double Softplus(double v) => Math.Log(1.0 + Math.Exp(v));
            }

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => Special.Softplus(x) * x;
            }
            """);

        GeneratorRun scaffolded = GeneratorHarness.Run(source);
        Assert.Empty(scaffolded.AnalyzerDiagnostics);

        string completed = source.Replace(
            "throw new System.NotImplementedException(\"Write the partial derivatives of Special.Softplus\");",
            "dv = 1.0 / (1.0 + Math.Exp(-v)); return Special.Softplus(v);");
        Assert.NotEqual(source, completed);
        GeneratorRun run = GeneratorHarness.Run(completed);
        Assert.Empty(run.CompilerErrors);
        using CompiledAssembly assembly = run.EmitAndLoad();
        object[] arguments = { 0.5, 0.0 };
        double value = (double)assembly.GetType("Model").GetMethod("FValueAndGradient")!.Invoke(null, arguments)!;
        double softplus = Math.Log(1 + Math.Exp(0.5));
        Assert.Equal(softplus * 0.5, value, 12);
        Assert.Equal(softplus + 0.5 / (1 + Math.Exp(-0.5)), (double)arguments[1], 12);
    }
}
