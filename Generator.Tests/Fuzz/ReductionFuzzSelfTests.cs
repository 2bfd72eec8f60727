using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.Reductions"/>: over the default seeds the generator calls every reduction on
/// every kind of operand and region, prints them as C# takes them and as the twin's loops over 0-d tensors, the twin gives
/// ties and zero norms the runtime's gradients, and programs that reduce pass; without the flag no program reduces.
/// </summary>
public sealed class ReductionFuzzSelfTests
{
    private static readonly FuzzProgram[] Programs = NewConstructFuzzSelfTests.DefaultPrograms;

    private static readonly List<Reduction> Reductions =
        Programs.SelectMany(p => p.Methods).SelectMany(FuzzProgramWalk.Expressions).OfType<Reduction>().ToList();

    [Fact]
    public void Default_programs_call_every_reduction_on_whole_collections_regions_and_jagged_rows()
    {
        foreach (string method in Reduction.Unary.Concat(Reduction.Binary))
        {
            Assert.Contains(Reductions, r => r.Method == method);
        }

        List<ReductionOperand> operands = Reductions.SelectMany(r => r.Second is null ? new[] { r.First } : new[] { r.First, r.Second }).ToList();
        foreach (string form in new[] { ".AsSpan(", ".Slice(", "[..]", "..", "J[" })
        {
            Assert.Contains(operands, o => o.Text.Contains(form, StringComparison.Ordinal));
        }

        Assert.Contains(operands, o => o.Text == o.Collection);
        Assert.Contains(operands, o => o.Length == 0);
        Assert.Contains(Reductions, r => r.Second is { } second && second.Collection == r.First.Collection);
        Assert.Contains(Reductions, r => !r.TypeArgument);
        Assert.All(Reductions.Where(r => Reduction.NeedsElements(r.Method)), r => Assert.True(r.First.Length > 0));
        Assert.All(Reductions.Where(r => r.Second is not null), r => Assert.Equal(r.First.Length, r.Second!.Length));
        // C# infers T from ReadOnlySpan arguments only: anything else is written with <double>.
        Assert.All(Reductions.Where(r => !r.First.ReadOnly || r.Second is { ReadOnly: false }), r => Assert.True(r.TypeArgument));
    }

    [Fact]
    public void A_reduction_prints_as_TensorPrimitives_with_its_using_and_as_the_twins_loop()
    {
        FuzzProgram program = Programs.First(p => FuzzProgramWalk.UsesReductions(p) && p.Methods.SelectMany(FuzzProgramWalk.Expressions).OfType<Reduction>().Any(r => r.TypeArgument));
        Reduction reduction = program.Methods.SelectMany(FuzzProgramWalk.Expressions).OfType<Reduction>().First(r => r.TypeArgument);
        string user = BatchSources.For(program, 0).First().Text;

        Assert.Contains("using System.Numerics.Tensors;", user, StringComparison.Ordinal);
        Assert.Contains($"TensorPrimitives.{reduction.Method}<double>({reduction.First.Text}", user, StringComparison.Ordinal);
        Assert.Contains(TwinReductions.Call(reduction), ProgramPrinter.ToTensor(program, "T"), StringComparison.Ordinal);
        Assert.DoesNotContain("System.Numerics.Tensors", BatchSources.For(Programs.First(p => !FuzzProgramWalk.UsesReductions(p) && !FuzzProgramWalk.UsesElementwise(p)), 0).First().Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// x = y = z: the maximum and minimum of {x, y, z} are tied three ways, and the norm and the magnitudes of {x − y, 0} are
    /// at 0. The twin must split and zero the gradients as the runtime does, or the graph comparison fails there, where
    /// central differences cannot judge (their slope check skips kinks).
    /// </summary>
    [Fact]
    public void At_ties_and_zero_norms_the_twin_gives_the_runtimes_gradients()
    {
        ReductionOperand Whole(string array) => new(array, 0, FuzzIndex.ArrayLength, array, ReadOnly: false);
        FuzzStatement Store(string array, int at, FuzzExpr value) => new ArrayWrite(array, new FuzzIndex(null, at), "=", value);
        var body = ImmutableArray.Create<FuzzStatement>(
            new DeclareArray("a"), Store("a", 0, new Var("x")), Store("a", 1, new Var("y")), Store("a", 2, new Var("z")),
            new DeclareArray("d"), Store("d", 0, new Binary('-', new Var("x"), new Var("y"))));
        FuzzExpr result = new Binary('+',
            new Binary('*', new Reduction("Max", Whole("a"), null), new Reduction("Min", Whole("a"), null)),
            new Binary('+', new Reduction("Norm", Whole("d"), null), new Reduction("SumOfMagnitudes", Whole("d"), null)));
        var entry = new FuzzMethod("F", ImmutableArray.Create("x", "y", "z"), body, result);
        var program = new FuzzProgram(1, ImmutableArray.Create(entry), ImmutableArray.Create(0.5, 0.5, 0.5));

        FuzzResult checkedProgram = DifferentialChecker.CheckBatch(new[] { program }).Single();

        Assert.True(checkedProgram.Outcome == FuzzOutcome.Passed, $"{checkedProgram.Outcome}: {checkedProgram.Detail}");
        Assert.False(checkedProgram.GraphSkippedIllConditioned);
    }

    [Fact]
    public void Default_programs_that_reduce_pass_the_checker()
    {
        FuzzProgram[] reducing = Programs.Where(FuzzProgramWalk.UsesReductions).Take(16).ToArray();
        Assert.Equal(16, reducing.Length);

        IReadOnlyList<FuzzResult> results = DifferentialChecker.CheckBatch(reducing);

        Assert.All(results, r => Assert.False(r.Outcome.IsBug() || r.Outcome is FuzzOutcome.InvalidProgram or FuzzOutcome.Rejected, $"seed {r.Program.Seed}: {r.Outcome}\n{r.Detail}"));
        Assert.True(results.Count(r => r.Outcome == FuzzOutcome.Passed) >= 13, string.Join(", ", results.Select(r => r.Outcome)));
    }

    [Fact]
    public void Without_the_flag_no_program_reduces()
    {
        FuzzProgram[] before = Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.BeforeReductions)).ToArray();
        Assert.DoesNotContain(before, FuzzProgramWalk.UsesReductions);
        Assert.DoesNotContain(Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.All & ~FuzzFeatures.Reductions)),
            FuzzProgramWalk.UsesReductions);
    }
}
