using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>Compiles every language-construct case once for the class (one generator run, one emit).</summary>
public sealed class LanguageCasesFixture : CompiledCases
{
    public LanguageCasesFixture() : base(LanguageCases.All) { }
}

public sealed class LanguageConstructGradientTests : IClassFixture<LanguageCasesFixture>
{
    private readonly LanguageCasesFixture _compiled;

    public LanguageConstructGradientTests(LanguageCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(LanguageCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, LanguageCases.All.Single(c => c.Name == name));
}
