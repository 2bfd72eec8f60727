using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every reduction-loop case once for the class.</summary>
public sealed class ReductionLoopCasesFixture : CompiledCases
{
    public ReductionLoopCasesFixture() : base(ReductionLoopCases.All) { }
}

public sealed class ReductionLoopTests : IClassFixture<ReductionLoopCasesFixture>
{
    private readonly ReductionLoopCasesFixture _compiled;

    public ReductionLoopTests(ReductionLoopCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(ReductionLoopCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, ReductionLoopCases.All.Single(c => c.Name == name));

    /// <summary>
    /// A loop runs through an iteration method exactly when its iterations share nothing but the sum: the near misses
    /// (a value carried to the next iteration, the sum read in the loop, two sums, an early exit, a value read after
    /// the loop) must keep the ordinary reverse loop, or their gradients would silently be wrong for other inputs.
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Only_loops_whose_iterations_share_nothing_but_the_sum_are_differentiated_per_iteration(string name)
    {
        NumericCase c = ReductionLoopCases.All.Single(x => x.Name == name);
        GeneratorRun run = GeneratorHarness.Run(new[] { (c.FileName, CaseSourceBuilder.Build(c)) });
        string generated = string.Join("\n", run.GeneratedSources.Where(s => s.Key.Contains(".F.")).Select(s => s.Value));
        Assert.NotEmpty(generated);
        bool perIteration = generated.Contains("Iteration(");
        Assert.True(ReductionLoopCases.Preaccumulated.Contains(name) == perIteration,
            $"case '{name}': expected {(ReductionLoopCases.Preaccumulated.Contains(name) ? "an iteration method" : "the ordinary reverse loop")}, got {(perIteration ? "an iteration method" : "the ordinary reverse loop")}.");
    }

    /// <summary>Overloads each get an iteration method of their own, and an instance method calls its own through <c>this</c>.</summary>
    [Fact]
    public void Iteration_methods_of_overloads_and_instance_methods_compile()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using System;
            using AutoDiffGen;
            namespace Demo;
            public partial class Model
            {
                private readonly double _bias = 0.5;

                [Differentiable]
                public double Loss(ReadOnlySpan<double> x) => Loss(x, 1.0);

                [Differentiable]
                public double Loss(ReadOnlySpan<double> x, double w)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double t = 0;
                        for (int j = 0; j < x.Length; j++) t += Math.Exp(x[i] * x[j] * w + _bias);
                        s += Math.Log(t);
                    }

                    return s;
                }

                [Differentiable]
                public double Loss(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double t = 0;
                        for (int j = 0; j < y.Length; j++) t += Math.Exp(x[i] * y[j] + _bias);
                        s += Math.Log(t);
                    }

                    return s;
                }
            }
            """);
        Assert.True(!run.CompilerErrors.Any(), run.DescribeFailure(run.CompilerDiagnostics));
        string generated = string.Join("\n", run.GeneratedSources.Values);
        Assert.Contains("this.LossLoop", generated);
        Assert.Equal(2, generated.Split("private double LossLoop").Length - 1);
    }
}
