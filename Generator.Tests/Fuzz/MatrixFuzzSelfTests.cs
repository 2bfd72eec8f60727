using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.Matrices"/>: over the default seeds the generator makes 2-D arrays, writes and
/// reads their elements, walks them with loops bounded every way and with foreach, gives F a 2-D parameter, and programs
/// with them pass; without the flag no program has one.
/// </summary>
public sealed class MatrixFuzzSelfTests
{
    private static readonly FuzzProgram[] Programs = NewConstructFuzzSelfTests.BeforeLocalFunctionsPrograms.Where(FuzzProgramWalk.UsesMatrices).ToArray();

    private static readonly List<FuzzStatement> Statements =
        Programs.SelectMany(p => p.Methods).SelectMany(m => FuzzProgramWalk.Statements(m.Body)).ToList();

    [Fact]
    public void Default_programs_make_write_read_and_walk_2D_arrays()
    {
        List<DeclareMatrix> declared = Statements.OfType<DeclareMatrix>().ToList();
        Assert.Contains(declared, d => d.ExtentsText == $"{FuzzShapes.MatrixRows}, {FuzzShapes.MatrixColumns}");
        Assert.Contains(declared, d => d.ExtentsText.Contains(".GetLength(0)", StringComparison.Ordinal));

        List<ElementWrite> writes = Statements.OfType<ElementWrite>().ToList();
        foreach (string op in new[] { "=", "+=", "*=" })
        {
            Assert.Contains(writes, w => w.Op == op);
        }

        Assert.Contains(writes, w => w.Collection == "M");
        Assert.Contains(writes, w => w.Index.Contains("% 2", StringComparison.Ordinal));
        List<ElementAt> reads = Programs.SelectMany(p => p.Methods).SelectMany(FuzzProgramWalk.Expressions).OfType<ElementAt>().Where(e => e.Index.Contains(',')).ToList();
        Assert.Contains(reads, r => r.Collection == "M");
        Assert.Contains(reads, r => r.Collection != "M");

        List<For> loops = Statements.OfType<For>().ToList();
        foreach (string bound in new[] { ".GetLength(0)", ".GetLength(1)", ".Length / " })
        {
            Assert.Contains(loops, l => l.Bound?.Contains(bound, StringComparison.Ordinal) == true);
        }

        Assert.Contains(Statements.OfType<ForEach>(), f => declared.Any(d => d.Name == f.Collection) || f.Collection == "M");

        // Helpers take 2-D arrays too, which F's own and local ones are passed to by name.
        Assert.Contains(Programs.SelectMany(p => p.Methods), m => m.Name != "F" && !m.Kinds.IsDefault && m.Kinds.Contains(FuzzParameterKind.Matrix));
        Assert.Contains(Programs.SelectMany(p => FuzzProgramWalk.CallsIn(p.Entry)).SelectMany(c => c.Arguments).OfType<CollectionArg>(), a => a.Name == "M");
        Assert.Contains(Programs.SelectMany(p => p.Methods.SelectMany(FuzzProgramWalk.CallsIn)).SelectMany(c => c.Arguments).OfType<CollectionArg>(),
            a => declared.Any(d => d.Name == a.Name));
    }

    [Fact]
    public void A_2D_parameter_is_six_coordinates_passed_as_a_2D_array_to_every_entry()
    {
        FuzzProgram program = Programs.First(p => FuzzProgramWalk.Statements(p.Entry.Body).OfType<ElementWrite>().Any(w => w.Collection == "M"));
        string driver = BatchSources.For(program, 0).Last().Text;

        Assert.Contains("M[1, 2]", program.CoordinateNames);
        Assert.Equal(program.CoordinateNames.Length, program.Point.Length);
        Assert.Contains("new double[,] { { a[", driver, StringComparison.Ordinal);
        Assert.Contains("(Tensor[,])p", driver, StringComparison.Ordinal);
        Assert.Contains("double[,] M", ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_programs_with_2D_arrays_pass_the_checker()
    {
        // A third of them with the 2-D parameter, which fewer programs have.
        FuzzProgram[] taking = Programs.Where(p => p.CoordinateNames.Any(c => c.StartsWith("M[", StringComparison.Ordinal))).Take(6).ToArray();
        FuzzProgram[] checkedPrograms = taking.Concat(Programs.Except(taking).Take(16 - taking.Length)).ToArray();
        Assert.Equal(6, taking.Length);

        IReadOnlyList<FuzzResult> results = DifferentialChecker.CheckBatch(checkedPrograms);

        Assert.All(results, r => Assert.False(r.Outcome.IsBug() || r.Outcome is FuzzOutcome.InvalidProgram or FuzzOutcome.Rejected, $"seed {r.Program.Seed}: {r.Outcome}\n{r.Detail}"));
        Assert.True(results.Count(r => r.Outcome == FuzzOutcome.Passed) >= 13, string.Join(", ", results.Select(r => r.Outcome)));
    }

    [Fact]
    public void Without_the_flag_no_program_has_a_2D_array()
    {
        Assert.DoesNotContain(Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.All & ~FuzzFeatures.Matrices)),
            FuzzProgramWalk.UsesMatrices);
    }
}
