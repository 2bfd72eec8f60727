using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.Writers"/>: over the default seeds the generator writes writers of every
/// shape and calls them every way the generator takes, only where it takes them; the printed writer and its twin mean the
/// same thing, the checker catches a twin that writes elsewhere, and programs with writers pass; without the flag the
/// programs are those of before.
/// </summary>
public sealed class WriterFuzzSelfTests
{
    // The programs these were written against: the constructs added later draw in between, and with them the first 400
    // default seeds happen to miss a few of the rarer shapes asserted here. The default programs' writers are checked by the
    // campaign, and by Default_programs_that_call_writers_pass_the_checker below, which keeps them.
    private static readonly FuzzProgram[] Programs = Enumerable.Range(0, 400).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.BeforeReductions)).ToArray();

    private static readonly List<(FuzzProgram Program, FuzzMethod Caller, Call Call)> WriterCalls = Programs
        .SelectMany(p => p.Methods.SelectMany(m => FuzzProgramWalk.CallsIn(m).Where(c => IsWriter(p, c.Method)).Select(c => (p, m, c))))
        .ToList();

    [Fact]
    public void Default_programs_write_void_and_double_writers_of_one_or_two_collections_in_loops_and_branches()
    {
        List<FuzzMethod> writers = Programs.SelectMany(p => p.Methods).Where(m => m.IsWriter).ToList();

        Assert.Contains(writers, w => w.ReturnsVoid);
        Assert.Contains(writers, w => !w.ReturnsVoid);
        Assert.Contains(writers, w => w.Written.Length == 2);
        Assert.Contains(writers, w => WrittenKinds(w).Contains(FuzzParameterKind.Span));
        Assert.Contains(writers, w => WrittenKinds(w).Contains(FuzzParameterKind.Array));
        // Stores of each kind, in a loop over the written parameter's Length, under an if in a loop, and through a Span view of it.
        List<ArrayWrite> stores = writers.SelectMany(w => FuzzProgramWalk.Statements(w.Body).OfType<ArrayWrite>().Where(s => w.Written.Contains(s.Array))).ToList();
        Assert.Contains(stores, s => s.Op == "=");
        Assert.Contains(stores, s => s.Op == "+=");
        Assert.Contains(stores, s => s.Op == "*=");
        Assert.Contains(writers, w => FuzzProgramWalk.Statements(w.Body).OfType<For>().Any(f => f.LengthOf is { } n && w.Written.Contains(n) && f.Body.OfType<ArrayWrite>().Any()));
        Assert.Contains(writers, w => FuzzProgramWalk.Statements(w.Body).OfType<For>().Any(f => f.Body.OfType<If>().Any(i => i.Then.OfType<ArrayWrite>().Any(s => w.Written.Contains(s.Array)))));
        Assert.Contains(writers, w => FuzzProgramWalk.Statements(w.Body).OfType<DeclareView>().Any(v => v.Writable && w.Written.Contains(v.Base)));
        // What ADG0010 refuses in a writer is never written.
        Assert.DoesNotContain(writers, w => FuzzProgramWalk.Statements(w.Body).Any(s => s is ReturnIf or Fill));
        Assert.All(writers, w => Assert.True(w.Passive.IsDefault && w.Role == FuzzMethodRole.Static));
    }

    [Fact]
    public void Default_writers_make_arrays_of_their_own_which_F_calls_in_its_loops_and_BeforeWriterArrays_leaves_out()
    {
        List<FuzzMethod> writers = Programs.SelectMany(p => p.Methods).Where(m => m.IsWriter).ToList();
        List<DeclareArray> arrays = writers.SelectMany(w => FuzzProgramWalk.Statements(w.Body).OfType<DeclareArray>()).ToList();
        Assert.NotEmpty(arrays);
        Assert.All(arrays, a => Assert.Null(a.LengthOf));
        // Made in the writer's own loops too, written (by element or span store) and read there.
        Assert.Contains(writers, w => FuzzProgramWalk.Statements(w.Body).OfType<For>().Any(f => FuzzProgramWalk.Statements(f.Body).OfType<DeclareArray>().Any()));
        Assert.Contains(writers, w => FuzzProgramWalk.Statements(w.Body).OfType<DeclareArray>().Any(a =>
            FuzzProgramWalk.Statements(w.Body).Any(s => s is ArrayWrite { Array: var written } ? written == a.Name : s is SpanStore store && store.Target.Collection == a.Name)));
        Assert.Contains(writers, w => FuzzProgramWalk.Statements(w.Body).OfType<DeclareArray>().Any(a =>
            FuzzProgramWalk.Expressions(w).OfType<ArrayRead>().Any(r => r.Array == a.Name)));
        Assert.True(Programs.Count(FuzzProgramWalk.CallsWritersWithArraysInLoops) >= 5);

        FuzzProgram[] before = Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.BeforeWriterArrays)).ToArray();
        Assert.DoesNotContain(before.SelectMany(p => p.Methods).Where(m => m.IsWriter), w => FuzzProgramWalk.Statements(w.Body).OfType<DeclareArray>().Any());
    }

    [Fact]
    public void Void_writers_take_ref_doubles_that_callers_give_their_variables_and_BeforeRefScalars_leaves_out()
    {
        List<FuzzMethod> withRef = Programs.SelectMany(p => p.Methods)
            .Where(m => m.IsWriter && Enumerable.Range(0, m.Parameters.Length).Any(i => m.KindOf(i) == FuzzParameterKind.RefDouble)).ToList();
        Assert.NotEmpty(withRef);
        Assert.All(withRef, w => Assert.True(w.ReturnsVoid));
        // The writer assigns its ref parameter somewhere, and callers give it F's variables and a calling writer's own.
        Assert.Contains(withRef, w => FuzzProgramWalk.Statements(w.Body).Any(s => s is Assign { Name: "r" } or CompoundAssign { Name: "r" }));
        List<(FuzzProgram Program, FuzzMethod Caller, Call Call)> refCalls = WriterCalls.Where(c => c.Call.Arguments.OfType<RefArg>().Any()).ToList();
        Assert.Contains(refCalls, c => c.Caller == c.Program.Entry);
        Assert.Contains(refCalls, c => c.Caller.IsWriter);

        FuzzProgram program = refCalls.First(c => c.Caller == c.Program.Entry).Program;
        string user = ProgramPrinter.ToCSharp(program, "P");
        string tensor = ProgramPrinter.ToTensor(program, "T");
        Assert.Contains(", ref double r)", user, StringComparison.Ordinal);
        Assert.Contains(", ref Tensor r)", tensor, StringComparison.Ordinal);
        Assert.Matches(@"W\d\([^;]*ref \w+[^;]*\);", user);

        FuzzProgram[] before = Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.BeforeRefScalars)).ToArray();
        Assert.DoesNotContain(before.SelectMany(p => p.Methods), m => Enumerable.Range(0, m.Parameters.Length).Any(i => m.KindOf(i) == FuzzParameterKind.RefDouble));
    }

    [Fact]
    public void Writers_call_read_only_helpers_and_earlier_writers_never_themselves_or_later_ones()
    {
        foreach (FuzzProgram program in Programs)
        {
            List<string> order = program.Methods.Select(m => m.Name).ToList();
            foreach (FuzzMethod writer in program.Methods.Where(m => m.IsWriter))
            {
                Assert.All(FuzzProgramWalk.CallsIn(writer), c => Assert.True(order.IndexOf(c.Method) < order.IndexOf(writer.Name), $"{writer.Name} calls {c.Method} (seed {program.Seed})"));
            }
        }

        Assert.Contains(WriterCalls, c => c.Caller.IsWriter);
        Assert.Contains(Programs, p => p.Methods.Where(m => m.IsWriter).Any(w => FuzzProgramWalk.CallsIn(w).Any(c => !IsWriter(p, c.Method))));
    }

    [Fact]
    public void F_calls_writers_as_statements_and_whole_values_in_loops_too_and_nowhere_else()
    {
        List<FuzzStatement> inF = Programs.SelectMany(p => FuzzProgramWalk.Statements(p.Entry.Body).Select(s => (p, s)))
            .Where(x => x.s is CallStatement || x.s is DeclareDouble { Value: Call d } && IsWriter(x.p, d.Method) || x.s is Assign { Value: Call a } && IsWriter(x.p, a.Method))
            .Select(x => x.s).ToList();
        Assert.Contains(inF, s => s is CallStatement);
        Assert.Contains(inF, s => s is DeclareDouble);
        Assert.Contains(inF, s => s is Assign);
        Assert.Contains(Programs, p => p.Entry.Result is Call r && IsWriter(p, r.Method));
        Assert.Contains(Programs, p => FuzzProgramWalk.Statements(p.Entry.Body).OfType<For>().Any(f => FuzzProgramWalk.Statements(f.Body).OfType<CallStatement>().Any()));

        // Every call of a writer is the whole of a statement's value (or the statement itself): none stands inside an expression.
        foreach (FuzzProgram program in Programs)
        {
            foreach (FuzzMethod method in program.Methods)
            {
                int whole = FuzzProgramWalk.Statements(method.Body).Count(s => s switch
                {
                    CallStatement => true,
                    DeclareDouble { Value: Call c } => IsWriter(program, c.Method),
                    Assign { Value: Call c } => IsWriter(program, c.Method),
                    _ => false,
                }) + (!method.ReturnsVoid && method.Result is Call r && IsWriter(program, r.Method) ? 1 : 0);
                Assert.Equal(whole, FuzzProgramWalk.CallsIn(method).Count(c => IsWriter(program, c.Method)));
            }
        }
    }

    [Fact]
    public void Writers_are_given_local_arrays_the_callers_own_collections_views_and_one_array_twice()
    {
        List<(FuzzProgram Program, FuzzMethod Caller, Call Call)> fromF = WriterCalls.Where(c => c.Caller.Name == "F").ToList();
        Assert.Contains(fromF, c => WrittenArguments(c).Any(a => a.Name.StartsWith("arr", StringComparison.Ordinal)));
        Assert.Contains(fromF, c => WrittenArguments(c).Any(a => a.Name is "p" or "q"));
        Assert.Contains(WriterCalls, c => c.Caller.IsWriter && WrittenArguments(c).Any(a => c.Caller.Written.Contains(a.Name)));
        Assert.Contains(WriterCalls, c => WrittenArguments(c).Any(a => a.ViewText is not null));
        Assert.Contains(WriterCalls, c => WrittenArguments(c).Any(a => a.Name.StartsWith("view", StringComparison.Ordinal)));
        Assert.Contains(WriterCalls, c => c.Call.Arguments.OfType<CollectionArg>().GroupBy(a => a.Name).Any(g => g.Count() > 1 && g.Any(a => WrittenArguments(c).Contains(a))));
        // One writer called twice by one method, writing a different collection the second time (FB-18's shape).
        Assert.Contains(WriterCalls.GroupBy(c => (c.Program.Seed, c.Caller.Name, c.Call.Method)), calls =>
            calls.Select(c => string.Join(",", WrittenArguments(c).Select(a => a.Name))).Distinct().Count() > 1);

        // What is written is writable: a double[] or a Span, never a ReadOnlySpan parameter of the caller.
        Assert.All(WriterCalls, c =>
        {
            foreach (CollectionArg argument in WrittenArguments(c))
            {
                int declared = c.Caller.Parameters.IndexOf(argument.Name);
                Assert.True(declared < 0 || c.Caller.KindOf(declared) != FuzzParameterKind.ReadOnlySpan, $"{c.Call.Method} writes {argument.Name} (seed {c.Program.Seed})");
            }
        });
    }

    [Fact]
    public void A_writer_prints_as_a_void_method_and_its_twin_writes_the_tensor_array_it_is_given()
    {
        string user = ProgramPrinter.ToCSharp(Program(shift: 0), "P");
        string tensor = ProgramPrinter.ToTensor(Program(shift: 0), "T");

        Assert.Contains("public static void W0(Span<double> u, ReadOnlySpan<double> w, double a)", user, StringComparison.Ordinal);
        Assert.Contains("        W0(arr0, p, x);\n", user, StringComparison.Ordinal);
        Assert.Contains("        double v1 = W1(p, arr0);\n", user, StringComparison.Ordinal);
        Assert.Contains("public static void W0(Tensor[] u, Tensor[] w, Tensor a)", tensor, StringComparison.Ordinal);
        Assert.DoesNotContain("return (0.0)", user, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_with_writers_passes_and_a_twin_that_writes_another_element_is_a_mismatch()
    {
        FuzzResult honest = DifferentialChecker.CheckBatch(new[] { Program(shift: 0) })[0];
        FuzzResult shifted = DifferentialChecker.CheckBatch(new[] { Program(shift: 0) }, _ => Program(shift: 1))[0];

        // F writes its own p through the writers: the graph's gradient is read from the leaves it started with.
        Assert.True(honest.Outcome == FuzzOutcome.Passed, honest.Outcome + ": " + honest.Detail);
        Assert.Equal(FuzzOutcome.ValueMismatch, shifted.Outcome);
    }

    [Fact]
    public void Default_programs_that_call_writers_pass_the_checker()
    {
        FuzzProgram[] calling = NewConstructFuzzSelfTests.DefaultPrograms.Where(FuzzProgramWalk.CallsWriters).Take(40).ToArray();
        Assert.Equal(40, calling.Length);

        IReadOnlyList<FuzzResult> results = DifferentialChecker.CheckBatch(calling);

        Assert.All(results, r => Assert.False(r.Outcome.IsBug() || r.Outcome == FuzzOutcome.InvalidProgram, $"seed {r.Program.Seed}: {r.Outcome}\n{r.Detail}"));
        Assert.True(results.Count(r => r.Outcome == FuzzOutcome.Passed) >= 36, string.Join(", ", results.Select(r => r.Outcome)));
    }

    [Fact]
    public void Without_the_flag_no_writer_is_written_and_the_programs_are_unchanged()
    {
        FuzzProgram[] programs = Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.BeforeWriters)).ToArray();
        Assert.DoesNotContain(programs, p => p.Methods.Any(m => m.IsWriter));
        Assert.DoesNotContain(programs, p => p.Methods.Any(m => FuzzProgramWalk.Statements(m.Body).OfType<CallStatement>().Any()));
        // Seed 126000000 gave this program with the default features before writers existed.
        Assert.Contains(PinnedBeforeWriters, ProgramPrinter.ToCSharp(ProgramGenerator.Generate(126000000, FuzzFeatures.BeforeWriters), "P"), StringComparison.Ordinal);
        Assert.DoesNotContain(PinnedBeforeWriters, ProgramPrinter.ToCSharp(ProgramGenerator.Generate(126000000), "P"), StringComparison.Ordinal);
    }

    // F's last statements of seed 126000000 before writers existed (every program of seeds 126000000–126000002, 20261122, 300
    // and 301 printed the same then, at a030b25, and with BeforeWriters now).
    private const string PinnedBeforeWriters = "        ReadOnlySpan<double> view11 = p.Slice(0);\n        return (((z + z) - ((-0.48) - y)) / (1.0 + Math.Pow((1.0 + y * y), Math.Sin(y))";

    /// <summary>
    /// W0(u, w, a) adds a·w[c] to u[c + shift] for each c; W1(u, w) returns u[0]·w[1] after u[1] = w[2]. F(x, p) makes arr0,
    /// W0(arr0, p, x), v1 = W1(p, arr0) (so F writes its own p), and returns v1 + arr0[1]·p[1] + p[2].
    /// </summary>
    private static FuzzProgram Program(int shift)
    {
        var w0 = new FuzzMethod("W0", ImmutableArray.Create("u", "w", "a"), ImmutableArray.Create<FuzzStatement>(
            new For("i0", FuzzIndex.ArrayLength, ImmutableArray.Create<FuzzStatement>(
                new ArrayWrite("u", new FuzzIndex("i0", shift), "+=", new Binary('*', new Var("a"), new ArrayRead("w", new FuzzIndex("i0", 0))))), "u")), new Num(0))
        {
            Kinds = ImmutableArray.Create(FuzzParameterKind.Span, FuzzParameterKind.ReadOnlySpan, FuzzParameterKind.Double),
            Written = ImmutableArray.Create("u"),
            ReturnsVoid = true,
        };
        var w1 = new FuzzMethod("W1", ImmutableArray.Create("u", "w"), ImmutableArray.Create<FuzzStatement>(
            new ArrayWrite("u", new FuzzIndex(null, 1), "=", new ArrayRead("w", new FuzzIndex(null, 2)))),
            new Binary('*', new ArrayRead("u", new FuzzIndex(null, 0)), new ArrayRead("w", new FuzzIndex(null, 1))))
        {
            Kinds = ImmutableArray.Create(FuzzParameterKind.Array, FuzzParameterKind.ReadOnlySpan),
            Written = ImmutableArray.Create("u"),
        };
        var f = new FuzzMethod("F", ImmutableArray.Create("x", "p"), ImmutableArray.Create<FuzzStatement>(
                new DeclareArray("arr0"),
                new CallStatement(new Call("W0", ImmutableArray.Create<FuzzExpr>(new CollectionArg("arr0"), new CollectionArg("p"), new Var("x")))),
                new DeclareDouble("v1", new Call("W1", ImmutableArray.Create<FuzzExpr>(new CollectionArg("p"), new CollectionArg("arr0"))))),
            new Binary('+', new Var("v1"), new Binary('+', new Binary('*', new ArrayRead("arr0", new FuzzIndex(null, 1)), new ArrayRead("p", new FuzzIndex(null, 1))), new ArrayRead("p", new FuzzIndex(null, 2)))))
        {
            Kinds = ImmutableArray.Create(FuzzParameterKind.Double, FuzzParameterKind.Array),
        };
        return new FuzzProgram(0, ImmutableArray.Create(w0, w1, f), ImmutableArray.Create(0.7, 0.5, -1.2, 0.9));
    }

    private static bool IsWriter(FuzzProgram program, string method) => program.Methods.Any(m => m.Name == method && m.IsWriter);

    private static IEnumerable<FuzzParameterKind> WrittenKinds(FuzzMethod writer) =>
        Enumerable.Range(0, writer.Parameters.Length).Where(writer.Writes).Select(writer.KindOf);

    /// <summary>The arguments a writer's call gives its written parameters.</summary>
    private static List<CollectionArg> WrittenArguments((FuzzProgram Program, FuzzMethod Caller, Call Call) call)
    {
        FuzzMethod callee = call.Program.Methods.Single(m => m.Name == call.Call.Method);
        return Enumerable.Range(0, callee.Parameters.Length).Where(callee.Writes).Select(i => (CollectionArg)call.Call.Arguments[i]).ToList();
    }
}
