using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.SpanStores"/>: over the default seeds the generator writes Clear, Fill and
/// CopyTo of every shape, prints them so that both printings mean the same, and programs using them pass; without the flag
/// no program has one.
/// </summary>
public sealed class SpanStoreFuzzSelfTests
{
    private static readonly FuzzProgram[] Programs = NewConstructFuzzSelfTests.DefaultPrograms;

    private static readonly List<(FuzzMethod Method, SpanStore Store)> Stores = Programs
        .SelectMany(p => p.Methods.SelectMany(m => FuzzProgramWalk.Statements(m.Body).OfType<SpanStore>().Select(s => (m, s))))
        .ToList();

    [Fact]
    public void Default_programs_clear_fill_and_copy_whole_and_partial_regions_overlapping_ones_and_in_writers_too()
    {
        Assert.Contains(Stores, s => s.Store.Method == "Clear");
        Assert.Contains(Stores, s => s.Store.Method == "Fill");
        Assert.Contains(Stores, s => s.Store.Method == "CopyTo");
        Assert.Contains(Stores, s => s.Store.Target.Whole && s.Store.Target.IsArray);
        Assert.Contains(Stores, s => s.Store.Target.Whole && !s.Store.Target.IsArray);
        Assert.Contains(Stores, s => !s.Store.Target.Whole);
        // A copy within one collection, towards the start and towards the end.
        Assert.Contains(Stores, s => s.Store.Source is { } from && from.Collection == s.Store.Target.Collection && from.Start > s.Store.Target.Start);
        Assert.Contains(Stores, s => s.Store.Source is { } from && from.Collection == s.Store.Target.Collection && from.Start < s.Store.Target.Start);
        Assert.Contains(Stores, s => s.Store.Source is { } from && from.Collection != s.Store.Target.Collection);
        // In a writer too, rarer: over more seeds.
        Assert.Contains(Enumerable.Range(400, 1600).Select(seed => ProgramGenerator.Generate(seed)).SelectMany(p => p.Methods),
            m => m.IsWriter && FuzzProgramWalk.Statements(m.Body).OfType<SpanStore>().Any());
        Assert.All(Stores, s => Assert.True(s.Store.Target.Start + s.Store.Target.Length <= FuzzIndex.ArrayLength &&
                                            (s.Store.Source is null || s.Store.Source.Length == s.Store.Target.Length)));
    }

    [Fact]
    public void A_span_store_prints_as_the_span_method_and_as_the_twins_loop_or_Array_Copy()
    {
        (FuzzMethod method, SpanStore copy) = Stores.First(s => s.Store.Method == "CopyTo" && !s.Store.Target.Whole && s.Store.Target.IsArray &&
                                                               !ProgramPrinter.SpelledWithArrayMethods(s.Store));
        FuzzProgram program = Programs.First(p => p.Methods.Contains(method));
        string user = ProgramPrinter.ToCSharp(program, "P");
        string tensor = ProgramPrinter.ToTensor(program, "T");

        FuzzRegion to = copy.Target;
        Assert.Contains($".CopyTo({to.Collection}.AsSpan({to.Start}, {to.Length}));", user, StringComparison.Ordinal);
        Assert.Contains($"System.Array.Copy({copy.Source!.Collection}, {copy.Source.Start}, {to.Collection}, {to.Start}, {to.Length});", tensor, StringComparison.Ordinal);
    }

    [Fact]
    public void About_half_the_stores_on_arrays_print_as_Array_methods_of_every_form()
    {
        // The programs this was written against: the constructs added later draw in between, and with them the first 400
        // default seeds happen to have no CopyTo(array, index).
        FuzzProgram[] programs = Enumerable.Range(0, 400).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.BeforeReductions)).ToArray();
        var stores = programs.SelectMany(p => p.Methods.SelectMany(m => FuzzProgramWalk.Statements(m.Body).OfType<SpanStore>().Select(s => (Method: m, Store: s)))).ToList();
        var onArrays = stores.Where(s => s.Store.Target.IsArray && s.Store.Source is not { IsArray: false }).ToList();
        var spelled = onArrays.Where(s => ProgramPrinter.SpelledWithArrayMethods(s.Store)).ToList();
        Assert.InRange(spelled.Count, onArrays.Count / 4, onArrays.Count * 3 / 4);
        string printed = string.Join("\n", programs.Where(p => p.Methods.Any(m => spelled.Any(s => s.Method == m))).Select(p => ProgramPrinter.ToCSharp(p, "P")));
        Assert.Matches(@"Array\.Clear\(\w+\);", printed);
        Assert.Matches(@"Array\.Clear\(\w+, \d, \d\);", printed);
        Assert.Matches(@"Array\.Fill\(\w+, [^;]+, \d, \d\);", printed);
        Assert.Matches(@"Array\.Copy\(\w+, \d, \w+, \d, \d\);", printed);
        Assert.Matches(@"\w+\.CopyTo\(\w+, \d\);", printed);
    }

    [Fact]
    public void Default_programs_with_span_stores_pass_the_checker()
    {
        FuzzProgram[] storing = Programs.Where(FuzzProgramWalk.UsesSpanStores).Take(16).ToArray();
        Assert.Equal(16, storing.Length);

        IReadOnlyList<FuzzResult> results = DifferentialChecker.CheckBatch(storing);

        Assert.All(results, r => Assert.False(r.Outcome.IsBug() || r.Outcome == FuzzOutcome.InvalidProgram, $"seed {r.Program.Seed}: {r.Outcome}\n{r.Detail}"));
        Assert.True(results.Count(r => r.Outcome == FuzzOutcome.Passed) >= 14, string.Join(", ", results.Select(r => r.Outcome)));
    }

    [Fact]
    public void Without_the_flag_no_program_has_a_span_store()
    {
        FuzzProgram[] before = Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.BeforeSpanStores)).ToArray();
        Assert.DoesNotContain(before, FuzzProgramWalk.UsesSpanStores);
    }
}
