using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.JaggedParameters"/>: over the default seeds F takes a ragged <c>double[][]</c>
/// and reads it every way the generator takes (elements, loops over rows and within a row, foreach over rows, row locals
/// read and passed on as collections, rows reduced), and programs with one pass; without the flag no F takes one.
/// </summary>
public sealed class JaggedFuzzSelfTests
{
    private static readonly FuzzProgram[] Programs = NewConstructFuzzSelfTests.BeforeLocalFunctionsPrograms.Where(FuzzProgramWalk.TakesJagged).ToArray();

    private static readonly List<FuzzStatement> Statements = Programs.SelectMany(p => FuzzProgramWalk.Statements(p.Entry.Body)).ToList();

    private static readonly List<FuzzExpr> Expressions = Programs.SelectMany(p => FuzzProgramWalk.Expressions(p.Entry)).ToList();

    [Fact]
    public void Default_programs_read_a_jagged_parameter_every_way()
    {
        List<ElementAt> reads = Expressions.OfType<ElementAt>().Where(e => e.Collection.StartsWith("J[", StringComparison.Ordinal)).ToList();
        Assert.Contains(reads, r => r.Collection == "J[1]" && r.Index == "1");
        Assert.Contains(reads, r => r.Index.Contains(".Length - 1", StringComparison.Ordinal));
        Assert.Contains(reads, r => r.Index.StartsWith('j'));

        Assert.Contains(Statements.OfType<For>(), l => l.Bound == "J.Length");
        Assert.Contains(Statements.OfType<For>(), l => l.Bound?.StartsWith("J[", StringComparison.Ordinal) == true);
        List<ForEach> rows = Statements.OfType<ForEach>().Where(f => f.Rows).ToList();
        Assert.Contains(rows, f => f.Var);
        Assert.Contains(rows, f => !f.Var);
        Assert.Contains(Statements.OfType<For>(), l => l.Bound?.StartsWith("row", StringComparison.Ordinal) == true);

        List<DeclareView> rowLocals = Statements.OfType<DeclareView>().Where(v => v.Base.StartsWith("J[", StringComparison.Ordinal)).ToList();
        Assert.Contains(rowLocals, v => v.ArrayType);
        Assert.Contains(rowLocals, v => !v.ArrayType);
        var rowNames = rowLocals.Select(v => v.Name).ToHashSet();
        Assert.Contains(Expressions.OfType<ArrayRead>(), r => rowNames.Contains(r.Array));
        Assert.Contains(Expressions.OfType<CollectionArg>(), c => rowNames.Contains(c.Name));
        Assert.Contains(Expressions.OfType<Reduction>(), r => r.First.Collection.StartsWith("J[", StringComparison.Ordinal));

        // Passed whole to helpers that take one and read it as F does.
        Assert.Contains(Expressions.OfType<CollectionArg>(), a => a.Name == "J");
        Assert.Contains(Programs.SelectMany(p => p.Methods), m => m.Name != "F" && FuzzProgramWalk.Expressions(m).OfType<ElementAt>().Any(e => e.Collection.StartsWith("h[", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_jagged_parameter_is_its_elements_row_by_row_passed_ragged_to_every_entry()
    {
        FuzzProgram program = Programs[0];
        string driver = BatchSources.For(program, 0).Last().Text;

        Assert.Contains("J[1][1]", program.CoordinateNames);
        Assert.DoesNotContain("J[1][2]", program.CoordinateNames);
        Assert.Equal(program.CoordinateNames.Length, program.Point.Length);
        Assert.Contains("new double[][] { new double[] { a[", driver, StringComparison.Ordinal);
        Assert.Contains("double[][] J", ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);
        Assert.Contains("Tensor[][] J", ProgramPrinter.ToTensor(program, "T"), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_programs_with_a_jagged_parameter_pass_the_checker()
    {
        FuzzProgram[] taking = Programs.Take(16).ToArray();
        Assert.Equal(16, taking.Length);

        IReadOnlyList<FuzzResult> results = DifferentialChecker.CheckBatch(taking);

        Assert.All(results, r => Assert.False(r.Outcome.IsBug() || r.Outcome is FuzzOutcome.InvalidProgram or FuzzOutcome.Rejected, $"seed {r.Program.Seed}: {r.Outcome}\n{r.Detail}"));
        Assert.True(results.Count(r => r.Outcome == FuzzOutcome.Passed) >= 13, string.Join(", ", results.Select(r => r.Outcome)));
    }

    [Fact]
    public void Without_the_flag_no_entry_takes_a_jagged_parameter()
    {
        Assert.DoesNotContain(Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.All & ~FuzzFeatures.JaggedParameters)),
            FuzzProgramWalk.TakesJagged);
    }
}
