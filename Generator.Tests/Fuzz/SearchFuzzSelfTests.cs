using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.Searches"/>: the generator writes searches of every shape the rewrite
/// (LastWriteLoops) takes and the near misses it must leave alone, prints for and foreach loops and int side results as a
/// user would and the twin the same, and a hand-made search and near miss go the way they should and pass.
/// </summary>
public sealed class SearchFuzzSelfTests
{
    private static FuzzProgram[] DefaultPrograms => NewConstructFuzzSelfTests.DefaultPrograms;

    /// <summary>Every search loop of the default programs (its variable is the one its if writes first), with what encloses it.</summary>
    private static readonly List<(FuzzStatement Loop, ImmutableArray<FuzzStatement> Body, If Branch, string Target, bool InLoop)> Searches =
        DefaultPrograms.SelectMany(p => p.Methods).SelectMany(m => SearchesIn(m.Body, inLoop: false)).ToList();

    // The searched variable is the first double the branch writes that is not a near miss's second double (w…).
    private static IEnumerable<(FuzzStatement, ImmutableArray<FuzzStatement>, If, string, bool)> SearchesIn(IEnumerable<FuzzStatement> block, bool inLoop)
    {
        foreach (FuzzStatement statement in block)
        {
            (ImmutableArray<FuzzStatement> body, bool isLoop) = statement switch
            {
                For f => (f.Body, true),
                ForEach f => (f.Body, true),
                If f => (f.Then.AddRange(f.Else), false),
                _ => (ImmutableArray<FuzzStatement>.Empty, false),
            };
            if (isLoop && body.OfType<If>().FirstOrDefault(b => b.Then.OfType<Assign>().Any(a => a.Name.StartsWith("best", StringComparison.Ordinal)) ||
                    b.Then.OfType<IntSet>().Any() || (b.Then.FirstOrDefault() is Assign first && IsSearchTest(b.Condition, first.Name))) is { } branch &&
                branch.Then.OfType<Assign>().FirstOrDefault(a => !a.Name.StartsWith('w')) is { } write)
            {
                yield return (statement, body, branch, write.Name, inLoop);
            }

            foreach (var inner in SearchesIn(body, inLoop || isLoop))
            {
                yield return inner;
            }
        }
    }

    private static bool IsSearchTest(FuzzCondition condition, string target) =>
        condition is DoubleComparison { Right: Var v } && v.Name == target ||
        condition is DoubleComparison { Right: Unary { Function: "Abs", Arg: Var a } } && a.Name == target;

    private static bool Reads(FuzzExpr e, string name) => FuzzProgramWalk.Flatten(e).OfType<Var>().Any(v => v.Name == name);

    [Fact]
    public void Default_programs_write_searches_over_for_and_foreach_with_every_kind_of_test_and_write()
    {
        var exact = Searches.Where(s => s.Body.Length == 1 && s.Branch.Else.IsEmpty && s.Branch.Then.OfType<Assign>().Count() == 1 &&
            !Reads(s.Branch.Then.OfType<Assign>().Single().Value, s.Target)).ToList();

        Assert.Contains(exact, s => s.Loop is For { LengthOf: null });
        Assert.Contains(exact, s => s.Loop is For { LengthOf: not null });
        Assert.Contains(exact, s => s.Loop is For { Start: 1 });
        Assert.Contains(exact, s => s.Loop is ForEach);
        Assert.Contains(exact, s => s.Branch.Then.OfType<IntSet>().Any());
        Assert.Contains(exact, s => s.Branch.Condition is DoubleComparison { Op: ">" } c && Reads(c.Right, s.Target));
        Assert.Contains(exact, s => s.Branch.Condition is DoubleComparison { Op: ">=" } c && Reads(c.Right, s.Target));
        Assert.Contains(exact, s => s.Branch.Condition is DoubleComparison { Op: "<", Left: Unary { Function: "Abs" } } c && Reads(c.Right, s.Target));
        // The last element that passes a test that does not read the variable.
        Assert.Contains(exact, s => !FuzzProgramWalk.ConditionExprs(s.Branch.Condition).Any(e => Reads(e, s.Target)));
        Assert.Contains(exact, s => s.Branch.Then.OfType<Assign>().Single().Value is ArrayRead or Var);
        Assert.Contains(exact, s => s.Branch.Then.OfType<Assign>().Single().Value is Binary);
        Assert.Contains(exact, s => s.InLoop);
        // Inside a sum loop: the enclosing loop's last statement adds to its sum.
        Assert.Contains(DefaultPrograms.SelectMany(p => p.Methods).SelectMany(m => FuzzProgramWalk.Statements(m.Body)).OfType<For>(), loop =>
            loop.Body.LastOrDefault() is CompoundAssign { Name: var sum } && sum.StartsWith('s') &&
            FuzzProgramWalk.Statements(loop.Body).Any(s => s is For or ForEach && exact.Any(e => ReferenceEquals(e.Loop, s))));
    }

    [Fact]
    public void Default_programs_start_searches_from_constants_expressions_and_existing_variables_and_read_them_after()
    {
        var declarations = DefaultPrograms.SelectMany(p => p.Methods).SelectMany(m => FuzzProgramWalk.Statements(m.Body)).OfType<DeclareDouble>()
            .Where(d => d.Name.StartsWith("best", StringComparison.Ordinal)).ToList();

        Assert.Contains(declarations, d => d.Value is Num);
        Assert.Contains(declarations, d => d.Value is not Num);
        Assert.Contains(Searches, s => !s.Target.StartsWith("best", StringComparison.Ordinal));
        foreach (FuzzMethod method in DefaultPrograms.SelectMany(p => p.Methods))
        {
            foreach (DeclareDouble d in FuzzProgramWalk.Statements(method.Body).OfType<DeclareDouble>().Where(d => d.Name.StartsWith("best", StringComparison.Ordinal)))
            {
                // Read after its loop by an update of another local or by the sum of the enclosing sum loop.
                Assert.True(FuzzProgramWalk.Statements(method.Body).OfType<CompoundAssign>().Any(c => c.Name != d.Name && Reads(c.Value, d.Name)),
                    $"{method.Name}: nothing reads {d.Name}");
            }
        }
    }

    [Fact]
    public void Default_programs_write_each_near_miss_of_a_search()
    {
        Assert.Contains(Searches, s => s.Branch.Then.OfType<Assign>().Any(a => a.Name == s.Target && Reads(a.Value, s.Target)));
        Assert.Contains(Searches, s => s.Branch.Then.OfType<Assign>().Count() == 2);
        Assert.Contains(Searches, s => !s.Branch.Else.IsEmpty);
        Assert.Contains(Searches, s => s.Body.Length == 2 && s.Body.Any(b => b is CompoundAssign));
        Assert.Contains(Searches, s => s.Body.Length == 2 && s.Body[0] is BreakIf);
        Assert.Contains(Searches, s => s.Body.Length == 2 && s.Body[1] is BreakIf);
    }

    // F(x, p) finds the largest of x·p[i] over p[1..] (a start from p[0]), and its index, and returns best + x·best.
    private static FuzzProgram ArgMax(bool nearMiss)
    {
        FuzzExpr value = new Binary('*', new Var("x"), new ArrayRead("p", new FuzzIndex("i1", 0)));
        var then = ImmutableArray.Create<FuzzStatement>(new Assign("best0", nearMiss ? new Binary('+', new Binary('*', new Var("best0"), new Num(0.5)), value) : value), new IntSet("n2", "i1"));
        var loop = new For("i1", 3, ImmutableArray.Create<FuzzStatement>(new If(new DoubleComparison(value, ">=", new Var("best0")), then, ImmutableArray<FuzzStatement>.Empty)), "p") { Start = 1 };
        var f = new FuzzMethod("F", ImmutableArray.Create("x", "p"),
            ImmutableArray.Create<FuzzStatement>(new DeclareDouble("best0", new ArrayRead("p", new FuzzIndex(null, 0))), new DeclareInt("n2", -1), loop),
            new Binary('+', new Var("best0"), new Binary('*', new Var("x"), new Var("best0"))))
        {
            Kinds = ImmutableArray.Create(FuzzParameterKind.Double, FuzzParameterKind.ReadOnlySpan),
        };
        return new FuzzProgram(0, ImmutableArray.Create(f), ImmutableArray.Create(0.7, 0.4, -1.3, 1.1));
    }

    [Fact]
    public void A_search_prints_as_a_user_would_write_it_and_the_twin_as_the_same_loop_on_tensors()
    {
        var foreachLoop = new ForEach("e1", "p", ImmutableArray.Create<FuzzStatement>(
            new If(new DoubleComparison(new Var("e1"), "<", new Var("best0")), ImmutableArray.Create<FuzzStatement>(new Assign("best0", new Var("e1"))), ImmutableArray<FuzzStatement>.Empty)));
        FuzzProgram program = ArgMax(nearMiss: false);
        program = program with { Methods = ImmutableArray.Create(program.Entry with { Body = program.Entry.Body.Add(foreachLoop) }) };
        string user = ProgramPrinter.ToCSharp(program, "P");
        string tensor = ProgramPrinter.ToTensor(program, "T");

        Assert.Contains("for (int i1 = 1; i1 < p.Length; i1++)", user, StringComparison.Ordinal);
        Assert.Contains("if ((x * p[i1]) >= best0)", user, StringComparison.Ordinal);
        Assert.Contains("n2 = i1;", user, StringComparison.Ordinal);
        Assert.Contains("foreach (double e1 in p)", user, StringComparison.Ordinal);
        Assert.Contains("for (int i1 = 1; i1 < p.Length; i1++)", tensor, StringComparison.Ordinal);
        Assert.Contains("if ((x * p[i1]).Item() >= best0.Item())", tensor, StringComparison.Ordinal);
        Assert.Contains("foreach (Tensor e1 in p)", tensor, StringComparison.Ordinal);
        Assert.Contains("n2 = i1;", tensor, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_search_is_rewritten_and_its_near_miss_is_not_and_both_pass(bool nearMiss)
    {
        FuzzProgram program = ArgMax(nearMiss);
        GeneratorRun run = GeneratorHarness.Run(BatchSources.For(program, 0));
        string generated = string.Join("\n", run.GeneratedSources.Where(g => g.Key.Contains(".F.", StringComparison.Ordinal)).Select(g => g.Value));
        FuzzResult result = DifferentialChecker.CheckBatch(new[] { program })[0];

        Assert.Equal(!nearMiss, generated.Contains("A search on", StringComparison.Ordinal));
        Assert.True(result.Outcome == FuzzOutcome.Passed, result.Detail);
    }
}
