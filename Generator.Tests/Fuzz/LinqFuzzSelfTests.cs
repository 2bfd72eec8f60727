using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.LinqReductions"/>: over the default seeds every reduction is called in both forms
/// on every kind of array, never in a ?: branch, the twin gives a tied maximum's gradient to the first element as LINQ's loop
/// does, and the programs pass; without the flag no program calls LINQ.
/// </summary>
public sealed class LinqFuzzSelfTests
{
    private static readonly FuzzProgram[] Programs = NewConstructFuzzSelfTests.DefaultPrograms;

    private static readonly List<LinqReduction> Calls = Programs.SelectMany(p => p.Methods).SelectMany(FuzzProgramWalk.Expressions).OfType<LinqReduction>().ToList();

    [Fact]
    public void Default_programs_call_every_reduction_in_both_forms_on_every_kind_of_array()
    {
        foreach (string method in LinqReduction.Methods)
        {
            Assert.Contains(Calls, c => c.Method == method && c.Static);
            Assert.Contains(Calls, c => c.Method == method && !c.Static);
        }

        Assert.Contains(Calls, c => c.Collection.StartsWith("arr", StringComparison.Ordinal));
        Assert.Contains(Calls, c => c.Collection is "p" or "q" or "u" or "v" or "w");
        Assert.Contains(Calls, c => c.Collection.StartsWith("J[", StringComparison.Ordinal));
        Assert.True(Programs.Count(FuzzProgramWalk.UsesLinq) >= Programs.Length / 5, $"{Programs.Count(FuzzProgramWalk.UsesLinq)} of {Programs.Length}");
    }

    /// <summary>The generator runs LINQ's loop before the calling statement: a ?: branch might not run it.</summary>
    [Fact]
    public void LINQ_is_never_called_in_a_branch_of_a_conditional()
    {
        IEnumerable<FuzzExpr> inBranches = Programs.SelectMany(p => p.Methods).SelectMany(FuzzProgramWalk.Expressions).OfType<Conditional>()
            .SelectMany(c => FuzzProgramWalk.Flatten(c.WhenTrue).Concat(FuzzProgramWalk.Flatten(c.WhenFalse)));
        Assert.DoesNotContain(inBranches, e => e is LinqReduction);
    }

    [Fact]
    public void A_LINQ_call_prints_with_its_using_and_as_the_twins_loop()
    {
        FuzzProgram program = Programs.First(p => FuzzProgramWalk.Expressions(p.Entry).OfType<LinqReduction>().Any(c => !c.Static));
        LinqReduction call = FuzzProgramWalk.Expressions(program.Entry).OfType<LinqReduction>().First(c => !c.Static);
        string user = BatchSources.For(program, 0).First().Text;

        Assert.Contains("using System.Linq;", user, StringComparison.Ordinal);
        Assert.Contains($"{call.Collection}.{call.Method}()", user, StringComparison.Ordinal);
        Assert.Contains($"L{call.Method}({call.Collection})", ProgramPrinter.ToTensor(program, "T"), StringComparison.Ordinal);
        Assert.DoesNotContain("System.Linq", BatchSources.For(Programs.First(p => !FuzzProgramWalk.UsesLinq(p)), 0).First().Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// At x = y the maximum of {x, y, 0} is tied: LINQ's loop keeps the first, so the generated gradient is all x's. A twin that
    /// split the tie as the TensorPrimitives reductions do would disagree with it there, where differences cannot judge.
    /// </summary>
    [Fact]
    public void At_a_tie_the_twin_gives_the_gradient_to_the_first_element_as_LINQ_does()
    {
        FuzzStatement Store(int at, string name) => new ArrayWrite("a", new FuzzIndex(null, at), "=", new Var(name));
        var body = ImmutableArray.Create<FuzzStatement>(new DeclareArray("a"), Store(0, "x"), Store(1, "y"));
        FuzzExpr result = new Binary('+', new LinqReduction("Max", "a", Static: false), new LinqReduction("Average", "a", Static: true));
        var entry = new FuzzMethod("F", ImmutableArray.Create("x", "y"), body, result);
        var program = new FuzzProgram(1, ImmutableArray.Create(entry), ImmutableArray.Create(0.5, 0.5));

        FuzzResult checkedProgram = DifferentialChecker.CheckBatch(new[] { program }).Single();

        Assert.True(checkedProgram.Outcome == FuzzOutcome.Passed, $"{checkedProgram.Outcome}: {checkedProgram.Detail}");
    }

    [Fact]
    public void Default_programs_that_call_LINQ_pass_the_checker()
    {
        FuzzProgram[] calling = Programs.Where(FuzzProgramWalk.UsesLinq).Take(16).ToArray();
        Assert.Equal(16, calling.Length);

        IReadOnlyList<FuzzResult> results = DifferentialChecker.CheckBatch(calling);

        Assert.All(results, r => Assert.False(r.Outcome.IsBug() || r.Outcome is FuzzOutcome.InvalidProgram or FuzzOutcome.Rejected, $"seed {r.Program.Seed}: {r.Outcome}\n{r.Detail}"));
        Assert.True(results.Count(r => r.Outcome == FuzzOutcome.Passed) >= 13, string.Join(", ", results.Select(r => r.Outcome)));
    }

    [Fact]
    public void Without_the_flag_no_program_calls_LINQ()
    {
        Assert.DoesNotContain(Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.All & ~FuzzFeatures.LinqReductions)), FuzzProgramWalk.UsesLinq);
    }
}
