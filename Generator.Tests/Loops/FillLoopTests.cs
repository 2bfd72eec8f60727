using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every fill-loop case once for the class.</summary>
public sealed class FillLoopCasesFixture : CompiledCases
{
    public FillLoopCasesFixture() : base(FillLoopCases.All) { }
}

public sealed class FillLoopTests : IClassFixture<FillLoopCasesFixture>
{
    private readonly FillLoopCasesFixture _compiled;

    public FillLoopTests(FillLoopCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(FillLoopCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, FillLoopCases.All.Single(c => c.Name == name));

    /// <summary>
    /// Each rewrite applies exactly where the case says: a rewrite that missed its case would cost speed, one applied to
    /// a near miss would give a wrong gradient for inputs the numeric check does not try.
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Fills_are_forwarded_and_copied_exactly_where_they_may_be(string name)
    {
        NumericCase c = FillLoopCases.All.Single(x => x.Name == name);
        GeneratorRun run = GeneratorHarness.Run(new[] { (c.FileName, CaseSourceBuilder.Build(c)) });
        string generated = string.Join("\n", run.GeneratedSources.Where(s => s.Key.Contains(".F.")).Select(s => s.Value));
        Assert.NotEmpty(generated);
        bool forwarded = !Regex.IsMatch(generated, @"\bd_t\[");
        bool copied = generated.Contains("t is filled whole at the top of each iteration");
        Assert.True(FillLoopCases.Forwarded.Contains(name) == forwarded, $"case '{name}': forwarded is {forwarded}");
        Assert.True(FillLoopCases.Copied.Contains(name) == copied, $"case '{name}': copied is {copied}");
    }
}
