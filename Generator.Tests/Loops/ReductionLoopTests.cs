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
}
