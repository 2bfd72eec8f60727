using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every array-initializer case once for the class.</summary>
public sealed class ArrayInitializerCasesFixture : CompiledCases
{
    public ArrayInitializerCasesFixture() : base(ArrayInitializerCases.All) { }
}

public sealed class ArrayInitializerTests : IClassFixture<ArrayInitializerCasesFixture>
{
    private readonly ArrayInitializerCasesFixture _compiled;

    public ArrayInitializerTests(ArrayInitializerCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(ArrayInitializerCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, ArrayInitializerCases.All.Single(c => c.Name == name));
}
