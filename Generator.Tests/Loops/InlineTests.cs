using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every inlining case once for the class.</summary>
public sealed class InlineCasesFixture : CompiledCases
{
    public InlineCasesFixture() : base(InlineCases.All) { }
}

public sealed class InlineTests : IClassFixture<InlineCasesFixture>
{
    private readonly InlineCasesFixture _compiled;

    public InlineTests(InlineCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(InlineCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, InlineCases.All.Single(c => c.Name == name));

    /// <summary>
    /// Calls are inlined exactly where the case says: a near miss inlined would run a callee the source does not run, or
    /// differentiate through a [NoDerivative] parameter, or fail to compile; a case missed would pay a call per iteration.
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Calls_are_inlined_exactly_where_they_may_be(string name)
    {
        NumericCase c = InlineCases.All.Single(x => x.Name == name);
        GeneratorRun run = GeneratorHarness.Run(new[] { (c.FileName, CaseSourceBuilder.Build(c)) });
        string generated = string.Join("\n", run.GeneratedSources.Where(s => s.Key.Contains(".F.")).Select(s => s.Value));
        Assert.NotEmpty(generated);
        bool inlined = generated.Contains(", inlined: ");
        Assert.True(InlineCases.Inlined.Contains(name) == inlined, $"case '{name}': inlined is {inlined}");
    }
}
