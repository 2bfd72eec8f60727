using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.Fills"/>: the generator writes fills of every shape the FillLoops rewrites
/// take (bounds, linear and non-linear values, where they stand, how they are read) and the near misses they must leave
/// alone, prints them as a user would, and draws nothing new for feature sets without the flag.
/// </summary>
public sealed class FillFuzzSelfTests
{
    private static FuzzProgram[] DefaultPrograms => NewConstructFuzzSelfTests.DefaultPrograms;

    /// <summary>Every fill of the default programs, with the block it is a statement of, its position there, and the loops around it.</summary>
    private static readonly List<(Fill Fill, ImmutableArray<FuzzStatement> Block, int Position, ImmutableArray<FuzzStatement> Outer, FuzzStatement? Owner)> Fills =
        DefaultPrograms.SelectMany(p => p.Methods).SelectMany(m => FillsIn(m.Body, ImmutableArray<FuzzStatement>.Empty, owner: null)).ToList();

    private static IEnumerable<(Fill, ImmutableArray<FuzzStatement>, int, ImmutableArray<FuzzStatement>, FuzzStatement?)> FillsIn(
        ImmutableArray<FuzzStatement> block, ImmutableArray<FuzzStatement> outer, FuzzStatement? owner)
    {
        for (int i = 0; i < block.Length; i++)
        {
            switch (block[i])
            {
                case Fill fill:
                    yield return (fill, block, i, outer, owner);
                    break;
                case For loop:
                    foreach (var inner in FillsIn(loop.Body, block, loop)) yield return inner;
                    break;
                case ForEach loop:
                    foreach (var inner in FillsIn(loop.Body, block, loop)) yield return inner;
                    break;
                case If branch:
                    foreach (var inner in FillsIn(branch.Then, block, branch)) yield return inner;
                    foreach (var inner in FillsIn(branch.Else, block, branch)) yield return inner;
                    break;
            }
        }
    }

    private static bool ReadsArray(FuzzStatement statement, string array) =>
        FuzzProgramWalk.Expressions(new[] { statement }).Any(e => e is ArrayRead r && r.Array == array);

    private static IEnumerable<FuzzStatement> After((Fill Fill, ImmutableArray<FuzzStatement> Block, int Position, ImmutableArray<FuzzStatement>, FuzzStatement?) f) =>
        f.Block.Skip(f.Position + 1);

    [Fact]
    public void Default_programs_fill_arrays_by_each_bound_with_linear_and_non_linear_values()
    {
        Assert.True(Fills.Count >= 40, $"only {Fills.Count} fills in {DefaultPrograms.Length} programs");
        Assert.Contains(Fills, f => f.Fill.Bound == f.Fill.Array + ".Length");
        Assert.Contains(Fills, f => f.Fill.Bound.StartsWith('n'));
        Assert.Contains(Fills, f => f.Fill.Bound.EndsWith(".Length", StringComparison.Ordinal) && !f.Fill.Bound.StartsWith("fill", StringComparison.Ordinal));
        Assert.Contains(Fills, f => f.Fill.Value is Binary { Op: '-', Left: ArrayRead, Right: ArrayRead });
        Assert.Contains(Fills, f => f.Fill.Value is Neg);
        Assert.Contains(Fills, f => f.Fill.Value is Binary { Op: '+', Left: Binary { Op: '*', Left: Num }, Right: Var });
        Assert.Contains(Fills, f => f.Fill.Value is Binary { Op: '*', Left: Var { Name: var factor } } && factor.StartsWith("fac", StringComparison.Ordinal));
        Assert.Contains(Fills, f => f.Fill.Value is Binary { Op: '*', Left: Binary { Op: '-' } });
        Assert.Contains(Fills, f => f.Fill.Value is Unary { Function: "Sin" });
        Assert.Contains(Fills, f => f.Fill.Value is Unary { Function: "Exp" });
        Assert.Contains(Fills, f => f.Fill.Value is Binary { Op: '*', Left: ArrayRead, Right: ArrayRead });
    }

    [Fact]
    public void Default_programs_fill_at_a_blocks_top_in_branches_and_first_or_in_the_middle_of_counted_loops_of_every_kind()
    {
        var inLoops = Fills.Where(f => f.Owner is For).Select(f => (f.Fill, f.Position, Loop: (For)f.Owner!, f.Outer)).ToList();

        Assert.Contains(Fills, f => f.Owner is null);
        Assert.Contains(Fills, f => f.Owner is If);
        Assert.Contains(inLoops, f => f.Position == 0);
        Assert.Contains(inLoops, f => f.Position > 0);
        Assert.Contains(inLoops, f => f.Loop.Bound is null);
        Assert.Contains(inLoops, f => f.Loop.Bound is { } b && b.StartsWith('('));
        Assert.Contains(inLoops, f => f.Loop.Bound is { } b && b.EndsWith(".Length", StringComparison.Ordinal));
        Assert.Contains(inLoops, f => f.Loop.Bound is { } b && b.All(char.IsLetterOrDigit));
        Assert.Contains(inLoops, f => f.Loop.Down);
        Assert.Contains(inLoops, f => f.Loop.Start == 1);
        // Nested in another loop, and a body that calls a helper (so its tape is not lent).
        Assert.Contains(DefaultPrograms.SelectMany(p => p.Methods).SelectMany(m => FuzzProgramWalk.Statements(m.Body)).OfType<For>(),
            outer => outer.Body.Length == 1 && outer.Body[0] is For inner && inLoops.Any(f => ReferenceEquals(f.Loop, inner)));
        Assert.Contains(inLoops, f => f.Loop.Body.Take(f.Position).Any(s => s is CompoundAssign { Value: Call }));
    }

    [Fact]
    public void Default_programs_read_fills_in_nested_loops_sums_and_calls_and_add_the_reads_to_a_double_in_scope()
    {
        Assert.Contains(Fills, f => After(f).OfType<For>().Any(loop => ReadsArray(loop, f.Fill.Array)));
        Assert.Contains(Fills, f => After(f).OfType<CompoundAssign>().Any(c => c.Value is Binary && ReadsArray(c, f.Fill.Array)));
        Assert.Contains(Fills, f => After(f).OfType<CompoundAssign>().Any(c => c.Value is Call call && call.Arguments.Any(a => a is ArrayRead r && r.Array == f.Fill.Array)));
        foreach (FuzzMethod method in DefaultPrograms.SelectMany(p => p.Methods))
        {
            foreach (DeclareDouble total in FuzzProgramWalk.Statements(method.Body).OfType<DeclareDouble>().Where(d => d.Name.StartsWith('g')))
            {
                Assert.True(FuzzProgramWalk.Statements(method.Body).OfType<CompoundAssign>().Any(c => c.Name != total.Name && c.Value is Var v && v.Name == total.Name),
                    $"{method.Name}: nothing reads {total.Name}");
            }
        }
    }

    [Fact]
    public void Default_programs_write_each_near_miss_of_a_fill()
    {
        Assert.Contains(Fills, f => f.Block.Take(f.Position).Any(s => ReadsArray(s, f.Fill.Array)));
        Assert.Contains(Fills, f => f.Owner is For loop && f.Outer.SkipWhile(s => !ReferenceEquals(s, loop)).Skip(1).Any(s => ReadsArray(s, f.Fill.Array)));
        Assert.Contains(Fills, f => After(f).OfType<ArrayWrite>().Any(w => w.Array == f.Fill.Array));
        Assert.Contains(Fills, f => FuzzProgramWalk.Flatten(f.Fill.Value).Any(e => e is ArrayRead r && r.Array == f.Fill.Array));
        Assert.Contains(Fills, f => f.Fill.Second is not null);
        Assert.Contains(Fills, f => After(f).Any(s => FuzzProgramWalk.Expressions(new[] { s }).Any(e => e is CollectionArg c && c.Name == f.Fill.Array)));
        Assert.Contains(Fills, f => After(f).OfType<Assign>().Any(a => FuzzProgramWalk.Flatten(f.Fill.Value).Any(e => e is Var v && v.Name == a.Name)));
    }

    [Fact]
    public void A_fill_prints_as_a_user_would_write_it_and_the_twin_as_the_same_loop_on_tensors()
    {
        var fill = new Fill("fill0", "c0", "n0", new Binary('-', new ArrayRead("p", new FuzzIndex("c0", 0)), new Var("x")));
        var loop = new For("j0", 3, ImmutableArray.Create<FuzzStatement>(fill, new CompoundAssign("x", '+', new ArrayRead("fill0", new FuzzIndex(null, 1))))) { Bound = "p.Length", Down = true };
        var f = new FuzzMethod("F", ImmutableArray.Create("x", "p"),
            ImmutableArray.Create<FuzzStatement>(new DeclareInt("n0", 3), new DeclareArray("fill0") { SizeLocal = "n0" }, loop), new Var("x"))
        {
            Kinds = ImmutableArray.Create(FuzzParameterKind.Double, FuzzParameterKind.ReadOnlySpan),
        };
        var program = new FuzzProgram(0, ImmutableArray.Create(f), ImmutableArray.Create(0.5, 0.1, 0.2, 0.3));
        string user = ProgramPrinter.ToCSharp(program, "P");
        string tensor = ProgramPrinter.ToTensor(program, "T");

        Assert.Contains("double[] fill0 = new double[n0];", user, StringComparison.Ordinal);
        Assert.Contains("for (int j0 = p.Length - 1; j0 >= 0; j0--)", user, StringComparison.Ordinal);
        Assert.Contains("for (int c0 = 0; c0 < n0; c0++)", user, StringComparison.Ordinal);
        Assert.Contains("fill0[c0] = (p[c0] - x);", user, StringComparison.Ordinal);
        Assert.Contains("for (int j0 = p.Length - 1; j0 >= 0; j0--)", tensor, StringComparison.Ordinal);
        Assert.Contains("fill0[c0] = (p[c0] - x);", tensor, StringComparison.Ordinal);
    }

    [Fact]
    public void Feature_sets_without_fills_write_none_and_keep_their_programs()
    {
        const FuzzFeatures withoutFills = FuzzFeatures.BeforeViews & ~FuzzFeatures.Fills;
        FuzzProgram[] programs = Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, withoutFills)).ToArray();

        Assert.DoesNotContain(programs.SelectMany(p => p.Methods).SelectMany(m => FuzzProgramWalk.Statements(m.Body)), s => s is Fill);
        // Seed 102000113 of a run before fills existed (CheckerSelfTests) still gives its program.
        Assert.Contains("Math.Sin(Math.Abs(x))", ProgramPrinter.ToCSharp(ProgramGenerator.Generate(102000113, withoutFills & ~FuzzFeatures.Inlining), "P"), StringComparison.Ordinal);
    }
}
