using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every local-function case once for the class.</summary>
public sealed class LocalFunctionCasesFixture : CompiledCases
{
    public LocalFunctionCasesFixture() : base(LocalFunctionCases.All) { }
}

public sealed class LocalFunctionTests : IClassFixture<LocalFunctionCasesFixture>
{
    private readonly LocalFunctionCasesFixture _compiled;

    public LocalFunctionTests(LocalFunctionCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(LocalFunctionCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, LocalFunctionCases.All.Single(c => c.Name == name));
}
