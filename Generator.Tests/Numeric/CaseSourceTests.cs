using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>
/// Guards the numeric cases themselves: without the generator, the only errors must be the missing
/// generated members, so a failing gradient test always points at the generator, not at a typo here.
/// </summary>
public sealed class CaseSourceTests
{
    private sealed class NoOpGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) { }
    }

    [Fact]
    public void Cases_compile_except_for_the_members_the_generator_must_add()
    {
        var all = MathFunctionCases.All.Concat(LanguageCases.All).ToArray();
        Assert.Equal(all.Length, all.Select(c => c.Name).Distinct().Count());
        Assert.True(all.Length >= 40, $"Only {all.Length} numeric cases.");

        GeneratorRun run = GeneratorHarness.Run(
            all.Select(c => (c.FileName, CaseSourceBuilder.Build(c))),
            generator: new NoOpGenerator(),
            analyzers: System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>.Empty);

        string[] generatedNames = { "FValueAndGradient", "FForward", "FBackward" };
        Diagnostic[] unexpected = run.CompilerErrors
            .Where(e => !(e.Id is "CS0117" or "CS1061" && generatedNames.Any(n => e.GetMessage().Contains($"'{n}'"))))
            .Where(e => e.Id != "CS8754" && e.Id != "CS8130" && e.Id != "CS0165") // follow-on errors of the missing members
            .ToArray();
        Assert.True(unexpected.Length == 0, string.Join("\n", unexpected.Select(e => e.ToString())));
    }
}
