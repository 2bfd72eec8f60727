using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every 2-D array case once for the class.</summary>
public sealed class Array2DCasesFixture : CompiledCases
{
    public Array2DCasesFixture() : base(Array2DCases.All) { }
}

public sealed class Array2DTests : IClassFixture<Array2DCasesFixture>
{
    private readonly Array2DCasesFixture _compiled;

    public Array2DTests(Array2DCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(Array2DCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, Array2DCases.All.Single(c => c.Name == name));
}
