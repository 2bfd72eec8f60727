using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Incremental;

/// <summary>
/// The generator must do no work when nothing it depends on changed: running it again on the same
/// input, or after an edit to an unrelated file, must leave every named step Cached or Unchanged,
/// and no step may hold a Roslyn object (which would make that impossible).
/// </summary>
public sealed class IncrementalCachingTests
{
    private const string Differentiable = """
        using System;
        using AutoDiffGen;

        namespace Physics;

        public static partial class Oscillator
        {
            [Differentiable]
            public static double Displacement(double amplitude, double damping, double omega, [NoDerivative] double t) =>
                amplitude * Math.Exp(-damping * t) * Math.Cos(omega * t);

            [Differentiable]
            public static double Loss(double amplitude, double damping, double omega, [NoDerivative] double t, [NoDerivative] double observed)
            {
                var residual = Displacement(amplitude, damping, omega, t) - observed;
                return residual * residual;
            }

            [Differentiable]
            public static double Power(double x, int n) => n == 0 ? 1.0 : x * Power(x, n - 1);
        }

        public partial class Model
        {
            public partial class Inner
            {
                [Differentiable]
                public float Scaled(float x, float y)
                {
                    var s = x * y;
                    if (s > 1f) s = MathF.Sqrt(s);
                    return s;
                }
            }
        }

        public static class Special
        {
            public static double Softplus(double v) => Math.Log(1.0 + Math.Exp(v));
        }

        public static partial class Rules
        {
            [DerivativeOf(typeof(Special), nameof(Special.Softplus))]
            public static double SoftplusDerivative(double v, out double dv)
            {
                dv = 1.0 / (1.0 + Math.Exp(-v));
                return Special.Softplus(v);
            }

            [Differentiable]
            public static double UsesRule(double x) => Special.Softplus(x * x);

            // A 2-D array parameter: its model holds the extents' names, which must compare equal from one run to the next.
            [Differentiable]
            public static double Energy(double[,] w, ReadOnlySpan<double> x)
            {
                double e = 0;
                for (int i = 0; i < w.GetLength(0); i++)
                {
                    for (int j = 0; j < w.GetLength(1); j++) e += w[i, j] * x[j];
                }

                return e * e;
            }
        }
        """;

    private const string Unrelated = """
        namespace Elsewhere;

        public static class Helpers
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    private const string UnrelatedEdited = """
        namespace Elsewhere;

        public static class Helpers
        {
            public static int Twice(int value) => value * 2;

            public static int Thrice(int value) => value * 3;
        }
        """;

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { ("Differentiable.cs", Differentiable), ("Unrelated.cs", Unrelated) });
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.NotEmpty(first.GeneratedSources);
        return (driver, compilation);
    }

    [Fact]
    public void Every_named_step_runs_on_the_first_pass()
    {
        (GeneratorDriver driver, _) = FirstRun();
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        string[] missing = TrackingNamesReader.Read().Where(name => !result.TrackedSteps.ContainsKey(name)).ToArray();
        Assert.True(missing.Length == 0, "Steps named in TrackingNames never ran, so this test could not check them: " + string.Join(", ", missing));
    }

    [Fact]
    public void Rerunning_on_identical_input_leaves_every_step_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        GeneratorDriver second = driver.RunGenerators(compilation.Clone());

        AssertAllStepsCachedOrUnchanged(second);
    }

    [Fact]
    public void An_edit_to_an_unrelated_file_leaves_every_step_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        SyntaxTree oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs");
        SyntaxTree newTree = CSharpSyntaxTree.ParseText(UnrelatedEdited, GeneratorHarness.ParseOptions, "Unrelated.cs");

        GeneratorDriver second = driver.RunGenerators(compilation.ReplaceSyntaxTree(oldTree, newTree));

        AssertAllStepsCachedOrUnchanged(second);
    }

    [Fact]
    public void Editing_one_method_redoes_the_work_for_that_method_only()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        SyntaxTree oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Differentiable.cs");
        // Same line count, so no other method's source-line comments move.
        string edited = Differentiable.Replace("if (s > 1f) s = MathF.Sqrt(s);", "if (s > 2f) s = MathF.Sqrt(s);");
        Assert.NotEqual(Differentiable, edited);
        SyntaxTree newTree = CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, "Differentiable.cs");

        GeneratorDriver second = driver.RunGenerators(compilation.ReplaceSyntaxTree(oldTree, newTree));

        GeneratorRunResult result = second.GetRunResult().Results.Single();
        var redone = result.TrackedSteps[TrackingNames.ResolvedMethods]
            .SelectMany(step => step.Outputs)
            .Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .Select(output => $"{output.Reason}: {output.Value}")
            .ToArray();
        Assert.True(redone.Length == 1 && redone[0].Contains("Scaled", StringComparison.Ordinal),
            "Expected only the edited method 'Scaled' to be redone, got:\n" + string.Join("\n", redone));
    }

    [Fact]
    public void Editing_a_writer_in_another_file_changes_the_code_of_its_caller()
    {
        const string writer = """
            using System;
            using AutoDiffGen;

            namespace Kernels;

            public static partial class Steps
            {
                [Differentiable]
                public static void Scale(Span<double> y) { for (int i = 0; i < y.Length; i++) y[i] *= 2.5; }
            }
            """;
        const string caller = """
            using System;
            using AutoDiffGen;

            namespace App;

            public static partial class Model
            {
                [Differentiable]
                public static double Loss(ReadOnlySpan<double> x)
                {
                    double[] h = new double[2];
                    h[0] = x[0];
                    h[1] = x[1];
                    Kernels.Steps.Scale(h);
                    return h[0] * h[1];
                }
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { ("Writer.cs", writer), ("Caller.cs", caller) });
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Contains("* 2.5", CallerCode(driver));

        SyntaxTree oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Writer.cs");
        SyntaxTree newTree = CSharpSyntaxTree.ParseText(writer.Replace("2.5", "3.5"), GeneratorHarness.ParseOptions, "Writer.cs");
        GeneratorDriver second = driver.RunGenerators(compilation.ReplaceSyntaxTree(oldTree, newTree));

        string edited = CallerCode(second);
        Assert.Contains("* 3.5", edited);
        Assert.DoesNotContain("* 2.5", edited);

        static string CallerCode(GeneratorDriver run)
        {
            GeneratorRunResult result = run.GetRunResult().Results.Single();
            Assert.Null(result.Exception);
            return result.GeneratedSources.Single(s => s.HintName == "App.Model.Loss.g.cs").SourceText.ToString();
        }
    }

    [Fact]
    public void No_step_output_holds_a_symbol_syntax_node_compilation_semantic_model_or_location()
    {
        (GeneratorDriver driver, _) = FirstRun();
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        var problems = new List<string>();
        foreach (string name in TrackingNamesReader.Read())
        {
            if (!result.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps))
            {
                continue;
            }

            for (int s = 0; s < steps.Length; s++)
            {
                for (int o = 0; o < steps[s].Outputs.Length; o++)
                {
                    problems.AddRange(ForbiddenReferenceWalker.Find(steps[s].Outputs[o].Value, $"{name}[{s}].Outputs[{o}]"));
                }
            }
        }

        Assert.True(problems.Count == 0, "Step outputs hold Roslyn objects:\n" + string.Join("\n", problems));
    }

    private static void AssertAllStepsCachedOrUnchanged(GeneratorDriver driver)
    {
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        var notCached = new List<string>();
        foreach (string name in TrackingNamesReader.Read())
        {
            if (!result.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps))
            {
                notCached.Add($"{name}: did not run at all");
                continue;
            }

            foreach (IncrementalGeneratorRunStep step in steps)
            {
                foreach ((object value, IncrementalStepRunReason reason) in step.Outputs)
                {
                    if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                    {
                        notCached.Add($"{name}: {reason} ({value})");
                    }
                }
            }
        }

        Assert.True(notCached.Count == 0, "Steps that did work again:\n" + string.Join("\n", notCached));
    }
}
