using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.TensorElementwise"/>: over the default seeds every overload is called, in place
/// and on regions clear of the destination, into local arrays, views and F's parameters, the twin stores the same elements,
/// and the programs pass; without the flag no program calls one.
/// </summary>
public sealed class ElementwiseFuzzSelfTests
{
    private static readonly FuzzProgram[] Programs = NewConstructFuzzSelfTests.DefaultPrograms;

    private static readonly List<ElementwiseCall> Calls =
        Programs.SelectMany(p => p.Methods).SelectMany(m => FuzzProgramWalk.Statements(m.Body)).OfType<ElementwiseCall>().ToList();

    [Fact]
    public void Default_programs_call_every_overload_in_place_clear_of_the_destination_and_into_every_kind_of_destination()
    {
        foreach ((string method, string[] overloads) in ElementwiseCall.Overloads)
        {
            foreach (string overload in overloads)
            {
                Assert.Contains(Calls, c => c.Method == method && string.Concat(c.Operands.Select(o => o.Span is null ? 'V' : 'S')) == overload);
            }
        }

        Assert.Contains(Calls, c => c.Operands.Any(o => o.Span is { } s && s.Collection == c.Destination.Collection && s.Start == c.Destination.Start));
        Assert.Contains(Calls, c => c.Operands.Any(o => o.Span is { } s && s.Collection == c.Destination.Collection && s.Start >= c.Destination.Start + c.Destination.Length));
        Assert.Contains(Calls, c => c.Destination.Length > c.Length);
        Assert.Contains(Calls, c => c.Destination.Collection.StartsWith("view", StringComparison.Ordinal));
        Assert.Contains(Calls, c => c.Destination.Collection is "p" or "q");
        Assert.Contains(Calls, c => c.Destination.Collection is "u" or "v");
        Assert.True(Programs.Count(FuzzProgramWalk.UsesElementwise) >= Programs.Length / 5, $"{Programs.Count(FuzzProgramWalk.UsesElementwise)} of {Programs.Length}");
    }

    [Fact]
    public void An_elementwise_call_prints_as_TensorPrimitives_and_as_the_twins_loop_of_stores()
    {
        FuzzProgram program = Programs.First(FuzzProgramWalk.UsesElementwise);
        ElementwiseCall call = program.Methods.SelectMany(m => FuzzProgramWalk.Statements(m.Body)).OfType<ElementwiseCall>().First();
        string user = BatchSources.For(program, 0).First().Text;

        Assert.Contains("using System.Numerics.Tensors;", user, StringComparison.Ordinal);
        Assert.Contains($"TensorPrimitives.{call.Method}<double>(", user, StringComparison.Ordinal);
        Assert.Contains($"for (int ewAt = 0; ewAt < {call.Length}; ewAt++) {call.Destination.Collection}[{call.Destination.Start} + ewAt] = ",
            ProgramPrinter.ToTensor(program, "T"), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_programs_that_call_elementwise_methods_pass_the_checker()
    {
        FuzzProgram[] calling = Programs.Where(FuzzProgramWalk.UsesElementwise).Take(16).ToArray();
        Assert.Equal(16, calling.Length);

        IReadOnlyList<FuzzResult> results = DifferentialChecker.CheckBatch(calling);

        Assert.All(results, r => Assert.False(r.Outcome.IsBug() || r.Outcome is FuzzOutcome.InvalidProgram or FuzzOutcome.Rejected, $"seed {r.Program.Seed}: {r.Outcome}\n{r.Detail}"));
        Assert.True(results.Count(r => r.Outcome == FuzzOutcome.Passed) >= 13, string.Join(", ", results.Select(r => r.Outcome)));
    }

    [Fact]
    public void Default_programs_call_every_transcendental_overload_and_those_programs_pass_the_checker()
    {
        foreach ((string method, string[] overloads) in ElementwiseCall.TranscendentalOverloads)
        {
            foreach (string overload in overloads)
            {
                Assert.Contains(Calls, c => c.Method == method && string.Concat(c.Operands.Select(o => o.Span is null ? 'V' : 'S')) == overload);
            }
        }

        bool transcendental(FuzzProgram p) => p.Methods.SelectMany(m => FuzzProgramWalk.Statements(m.Body)).OfType<ElementwiseCall>()
            .Any(c => ElementwiseCall.TranscendentalOverloads.ContainsKey(c.Method));
        FuzzProgram[] calling = Programs.Where(transcendental).Take(12).ToArray();
        Assert.Equal(12, calling.Length);
        IReadOnlyList<FuzzResult> results = DifferentialChecker.CheckBatch(calling);
        Assert.All(results, r => Assert.False(r.Outcome.IsBug() || r.Outcome is FuzzOutcome.InvalidProgram or FuzzOutcome.Rejected, $"seed {r.Program.Seed}: {r.Outcome}\n{r.Detail}"));
        Assert.True(results.Count(r => r.Outcome == FuzzOutcome.Passed) >= 9, string.Join(", ", results.Select(r => r.Outcome)));

        // Without the flag, the exact methods only.
        Assert.DoesNotContain(Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.All & ~FuzzFeatures.TensorTranscendental)), transcendental);
    }

    [Fact]
    public void Without_the_flag_no_program_calls_an_elementwise_method()
    {
        Assert.DoesNotContain(Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.All & ~FuzzFeatures.TensorElementwise)),
            FuzzProgramWalk.UsesElementwise);
    }
}
