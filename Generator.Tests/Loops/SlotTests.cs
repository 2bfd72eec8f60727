using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every slot and search case once for the class.</summary>
public sealed class SlotCasesFixture : CompiledCases
{
    public SlotCasesFixture() : base(SlotCases.All) { }
}

public sealed class SlotTests : IClassFixture<SlotCasesFixture>
{
    private readonly SlotCasesFixture _compiled;

    public SlotTests(SlotCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(SlotCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, SlotCases.All.Single(c => c.Name == name));

    /// <summary>
    /// Slots and flagless searches apply exactly where the case says: one that missed its case would cost speed, one applied
    /// to a near miss could give a wrong gradient for inputs the numeric check does not try.
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Slots_and_flagless_searches_apply_exactly_where_they_may(string name)
    {
        string generated = GeneratedF(name);
        bool slotted = Regex.IsMatch(generated, @"\bloop\d+Saves\[");
        bool search = generated.Contains("A search on");
        bool flagless = search && !Regex.IsMatch(generated, @"\bmWritten\b");
        Assert.True(SlotCases.Slotted.Contains(name) == slotted, $"case '{name}': slotted is {slotted}");
        Assert.True(SlotCases.Unflagged.Contains(name) == flagless, $"case '{name}': flagless search is {flagless}");
        Assert.True(!name.StartsWith("Search", System.StringComparison.Ordinal) || search, $"case '{name}' should still be a search");
    }

    /// <summary>Slots are a fused sweep's: Forward and Backward, which a tape joins, keep pushing and popping.</summary>
    [Fact]
    public void Only_the_fused_entry_uses_slots()
    {
        string generated = GeneratedF("KeptExponentialAndDestroyedValue");
        string forward = Between(generated, "FForward(", "FBackward(");
        string fused = Between(generated, "FValueAndGradient(", "/// <summary>");
        Assert.DoesNotContain("Saves[", forward);
        Assert.Contains("PushInto(", forward);
        // Two slots an iteration: the exponential, then the value of s the statement destroys.
        Assert.Matches(@"loop\d+Saves\[i \* 2\] = t\d+;", fused);
        Assert.Matches(@"loop\d+Saves\[i \* 2 \+ 1\] = s;", fused);
        Assert.Matches(@"s = loop\d+Saves\[i \* 2 \+ 1\];", fused);
        Assert.DoesNotContain("PushInto(", fused);
    }

    private static string GeneratedF(string name)
    {
        NumericCase c = SlotCases.All.Single(x => x.Name == name);
        GeneratorRun run = GeneratorHarness.Run(new[] { (c.FileName, CaseSourceBuilder.Build(c)) });
        string generated = string.Join("\n", run.GeneratedSources.Where(s => s.Key.Contains(".F.")).Select(s => s.Value));
        Assert.NotEmpty(generated);
        return generated;
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, System.StringComparison.Ordinal);
        Assert.True(from >= 0, $"no '{start}' in the generated code");
        int to = text.IndexOf(end, from + start.Length, System.StringComparison.Ordinal);
        return to < 0 ? text.Substring(from) : text.Substring(from, to - from);
    }
}
