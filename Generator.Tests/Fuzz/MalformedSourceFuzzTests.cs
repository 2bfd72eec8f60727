using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Half-written and damaged code, as an editor feeds it to the generator on every keystroke: every
/// prefix of the sample and snippet sources, and random token deletions and insertions. Nothing may
/// throw, nothing may report an internal error, and generated code must compile.
/// </summary>
public sealed class MalformedSourceFuzzTests(ITestOutputHelper output)
{
    /// <summary>Mutants per compilation: independent files, so one generator run checks many.</summary>
    private const int BatchSize = 120;

    private const int MutantsPerSource = 120;

    public static IEnumerable<object[]> SourceNames() => RobustnessSources.All().Select(s => new object[] { s.Name });

    [Fact]
    public void EveryIntactSourceGeneratesCodeThatCompiles()
    {
        // Otherwise the mutants below would be damaging something that never worked.
        foreach ((string name, string text) in RobustnessSources.All())
        {
            Infrastructure.GeneratorRun run = Infrastructure.GeneratorHarness.Run(text);
            Assert.True(run.GeneratedSources.Count > 0, $"{name} generated nothing.");
            Assert.True(!run.CompilerErrors.Any(), $"{name} does not compile:\n" + run.DescribeFailure(run.CompilerDiagnostics));
        }
    }

    [Theory]
    [MemberData(nameof(SourceNames))]
    public void EveryPrefixTruncation(string sourceName)
    {
        string source = RobustnessSources.All().Single(s => s.Name == sourceName).Text;
        // Cut after every character of the CurveFit sample (what a user sees while typing it);
        // the longer snippets at every token boundary, where a cut changes what the parser sees.
        IEnumerable<int> cuts = sourceName == "CurveFitSample"
            ? Enumerable.Range(0, source.Length)
            : TokenBoundaries(source);
        string[] prefixes = cuts.Select(n => source.Substring(0, n)).ToArray();
        AssertNoProblems(prefixes, $"prefixes of {sourceName}");
    }

    [Theory]
    [MemberData(nameof(SourceNames))]
    public void RandomTokenDeletionsAndInsertions(string sourceName)
    {
        string source = RobustnessSources.All().Single(s => s.Name == sourceName).Text;
        var random = new Random(sourceName.Length * 7919 + 17);
        string[] mutants = Enumerable.Range(0, MutantsPerSource).Select(_ => TokenMutator.Mutate(source, random)).ToArray();
        AssertNoProblems(mutants, $"token mutants of {sourceName}");
    }

    private void AssertNoProblems(string[] sources, string what)
    {
        var problems = new List<string>();
        foreach (string[] batch in sources.Chunk(BatchSize))
        {
            problems.AddRange(MalformedSourceChecker.Check(batch));
        }

        output.WriteLine($"{sources.Length} {what}: {problems.Count} problems.");
        Assert.True(problems.Count == 0, $"{problems.Count} of {sources.Length} {what} misbehaved. First ones:\n\n" + string.Join("\n\n", problems.Take(3)));
    }

    private static IEnumerable<int> TokenBoundaries(string source)
    {
        int position = 0;
        foreach (string token in TokenMutator.Tokens(source))
        {
            position += token.Length;
            yield return position;
        }
    }
}
