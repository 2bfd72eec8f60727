using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every loop case once for the class (one generator run, one emit).</summary>
public sealed class LoopCasesFixture : CompiledCases
{
    public LoopCasesFixture() : base(LoopCases.All) { }
}

public sealed class LoopGradientTests : IClassFixture<LoopCasesFixture>
{
    private readonly LoopCasesFixture _compiled;

    public LoopGradientTests(LoopCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(LoopCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, LoopCases.All.Single(c => c.Name == name));
}
