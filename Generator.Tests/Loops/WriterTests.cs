using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every writer case once for the class.</summary>
public sealed class WriterCasesFixture : CompiledCases
{
    public WriterCasesFixture() : base(WriterCases.All) { }
}

public sealed class WriterTests : IClassFixture<WriterCasesFixture>
{
    private readonly WriterCasesFixture _compiled;

    public WriterTests(WriterCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(WriterCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, WriterCases.All.Single(c => c.Name == name));
}
