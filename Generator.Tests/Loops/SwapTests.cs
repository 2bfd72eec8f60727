using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every swap case once for the class.</summary>
public sealed class SwapCasesFixture : CompiledCases
{
    public SwapCasesFixture() : base(SwapCases.All) { }
}

public sealed class SwapTests : IClassFixture<SwapCasesFixture>
{
    private readonly SwapCasesFixture _compiled;

    public SwapTests(SwapCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(SwapCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, SwapCases.All.Single(c => c.Name == name));
}
