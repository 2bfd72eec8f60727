using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every view case once for the class.</summary>
public sealed class ViewCasesFixture : CompiledCases
{
    public ViewCasesFixture() : base(ViewCases.All) { }
}

public sealed class ViewTests : IClassFixture<ViewCasesFixture>
{
    private readonly ViewCasesFixture _compiled;

    public ViewTests(ViewCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(ViewCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, ViewCases.All.Single(c => c.Name == name));

    /// <summary>
    /// A read through a view keeps the view's bounds check (an index past the view but inside the span must throw, not
    /// read on) except where a loop counts from 0 to the view's own length; the view's declaration checks its range.
    /// </summary>
    [Fact]
    public void Reads_keep_the_views_checks_except_where_the_loop_bounds_the_index()
    {
        NumericCase c = ViewCases.All.Single(x => x.Name == "RangesOfASpan");
        GeneratorRun run = GeneratorHarness.Run(new[] { (c.FileName, CaseSourceBuilder.Build(c)) });
        string generated = string.Join("\n", run.GeneratedSources.Where(s => s.Key.Contains(".F.")).Select(s => s.Value));
        Assert.Contains("x[tailStart + i]", generated);
        Assert.Contains("x[headStart + global::AutoDiffGen.CompilerServices.SpanViews.ViewIndex(i, headLength)]", generated);
        Assert.Contains("x[middleStart + global::AutoDiffGen.CompilerServices.SpanViews.ViewIndex(middleLength - 1, middleLength)]", generated);
        Assert.Matches(new Regex(@"tailLength = global::AutoDiffGen\.CompilerServices\.SpanViews\.ViewLength\(x\.Length, tailStart, x\.Length - 1\);"), generated);
        Assert.DoesNotContain(".Slice(", generated);
    }
}
