using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>Compiles every Math-function case once for the class (one generator run, one emit).</summary>
public sealed class MathFunctionCasesFixture : CompiledCases
{
    public MathFunctionCasesFixture() : base(MathFunctionCases.All) { }
}

public sealed class MathFunctionGradientTests : IClassFixture<MathFunctionCasesFixture>
{
    private readonly MathFunctionCasesFixture _compiled;

    public MathFunctionGradientTests(MathFunctionCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(MathFunctionCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, MathFunctionCases.All.Single(c => c.Name == name));
}
