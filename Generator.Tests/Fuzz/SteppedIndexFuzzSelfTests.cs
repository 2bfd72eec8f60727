using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.SteppedIndices"/>: over the default seeds the generator steps int locals in
/// element reads and stores every way (prefix and postfix, up and down, plain and compound stores, a loop pushing onto an
/// array), never reads a stepped local anywhere else, and programs with them pass; without the flag no program has one.
/// </summary>
public sealed class SteppedIndexFuzzSelfTests
{
    private static readonly FuzzProgram[] Programs = NewConstructFuzzSelfTests.DefaultPrograms.Where(FuzzProgramWalk.UsesSteppedIndices).ToArray();

    private static IEnumerable<FuzzStatement> Statements(FuzzProgram program) => program.Methods.SelectMany(m => FuzzProgramWalk.Statements(m.Body));

    [Fact]
    public void Default_programs_step_indices_every_way_in_reads_and_stores_and_push_in_loops()
    {
        List<SteppedWrite> writes = Programs.SelectMany(Statements).OfType<SteppedWrite>().ToList();
        List<SteppedRead> reads = Programs.SelectMany(p => p.Methods).SelectMany(FuzzProgramWalk.Expressions).OfType<SteppedRead>().ToList();

        foreach ((bool up, bool prefix) in new[] { (true, false), (false, false), (true, true), (false, true) })
        {
            Assert.Contains(reads, r => r.Step.Up == up && r.Step.Prefix == prefix);
            Assert.Contains(writes, w => w.Step.Up == up && w.Step.Prefix == prefix);
        }

        Assert.Contains(writes, w => w.Op != "=");
        Assert.Contains(Programs.SelectMany(Statements).OfType<For>(), loop => loop.Body is [SteppedWrite { Step: { Up: true, Prefix: false } }]);
        Assert.Matches(@"\w+\[n\d+\+\+\] = ", string.Join("\n", Programs.Select(p => ProgramPrinter.ToCSharp(p, "P"))));
    }

    [Fact]
    public void A_stepped_local_is_read_only_where_it_steps()
    {
        foreach (FuzzProgram program in Programs)
        {
            foreach (FuzzMethod method in program.Methods)
            {
                // Locals are numbered per method: each is printed alone.
                string text = ProgramPrinter.ToCSharp(program with { Methods = System.Collections.Immutable.ImmutableArray.Create(method) }, "P");
                foreach (string name in FuzzProgramWalk.Expressions(method).OfType<SteppedRead>().Select(r => r.Step.Name)
                             .Concat(FuzzProgramWalk.Statements(method.Body).OfType<SteppedWrite>().Select(w => w.Step.Name)).Distinct())
                {
                    int steps = Regex.Matches(text, $@"(\+\+|--){name}\b|\b{name}(\+\+|--)").Count;
                    // Its declaration and its steps, nothing else.
                    Assert.Equal(steps + 1, Regex.Matches(text, $@"\b{name}\b").Count);
                }
            }
        }
    }

    [Fact]
    public void Default_programs_with_stepped_indices_pass_the_checker()
    {
        FuzzProgram[] stepping = Programs.Take(16).ToArray();
        Assert.Equal(16, stepping.Length);

        IReadOnlyList<FuzzResult> results = DifferentialChecker.CheckBatch(stepping);

        Assert.All(results, r => Assert.False(r.Outcome.IsBug() || r.Outcome is FuzzOutcome.InvalidProgram or FuzzOutcome.Rejected, $"seed {r.Program.Seed}: {r.Outcome}\n{r.Detail}"));
        Assert.True(results.Count(r => r.Outcome == FuzzOutcome.Passed) >= 13, string.Join(", ", results.Select(r => r.Outcome)));
    }

    [Fact]
    public void Without_the_flag_no_program_steps_an_index()
    {
        Assert.DoesNotContain(Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.All & ~FuzzFeatures.SteppedIndices)),
            FuzzProgramWalk.UsesSteppedIndices);
    }
}
