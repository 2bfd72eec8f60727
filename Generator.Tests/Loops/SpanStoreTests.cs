using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every span-store case once for the class.</summary>
public sealed class SpanStoreCasesFixture : CompiledCases
{
    public SpanStoreCasesFixture() : base(SpanStoreCases.All) { }
}

public sealed class SpanStoreTests : IClassFixture<SpanStoreCasesFixture>
{
    private readonly SpanStoreCasesFixture _compiled;

    public SpanStoreTests(SpanStoreCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(SpanStoreCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, SpanStoreCases.All.Single(c => c.Name == name));
}
