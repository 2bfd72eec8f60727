using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with the constructs added last: arrays declared inside loops, <c>is</c> patterns, extension helpers and
/// instance helpers of a model object. The generator writes each shape (over a few hundred default seeds), the C# printing
/// is what a user would write, the tensor twin means the same thing, and the checker catches a twin that does not.
/// </summary>
public sealed class NewConstructFuzzSelfTests
{
    /// <summary>The programs of the first 400 seeds with the default features, which the self-tests of new constructs look through.</summary>
    internal static readonly FuzzProgram[] DefaultPrograms = Enumerable.Range(0, 400).Select(seed => ProgramGenerator.Generate(seed)).ToArray();

    /// <summary>
    /// The same seeds with the flags before local functions: the programs the 2-D and jagged self-tests were written against
    /// (the newer flags draw too, which moves the rarer shapes those tests look for to other seeds).
    /// </summary>
    internal static readonly FuzzProgram[] BeforeLocalFunctionsPrograms =
        Enumerable.Range(0, 400).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.BeforeLocalFunctions)).ToArray();

    [Fact]
    public void Default_programs_declare_arrays_inside_loops_and_write_them_in_sum_loops()
    {
        var inLoops = DefaultPrograms.SelectMany(p => p.Methods).SelectMany(m => LoopBodies(m.Body))
            .SelectMany(body => FuzzProgramWalk.Statements(body).OfType<DeclareArray>()).ToList();

        Assert.NotEmpty(inLoops);
        Assert.Contains(inLoops, d => d.LengthOf is not null);
        // A sum loop (its last statement adds to the sum) whose body writes an array it declares: the per-iteration path's shape.
        Assert.Contains(DefaultPrograms.SelectMany(p => p.Methods).SelectMany(m => FuzzProgramWalk.Statements(m.Body)).OfType<For>(), loop =>
            loop.Body.LastOrDefault() is CompoundAssign { Name: var sum } && sum.StartsWith('s') &&
            loop.Body.OfType<DeclareArray>().Any(d => loop.Body.OfType<ArrayWrite>().Any(w => w.Array == d.Name)));
    }

    [Fact]
    public void Default_programs_test_is_patterns_on_doubles_array_elements_counters_and_int_locals()
    {
        var conditions = DefaultPrograms.SelectMany(p => p.Methods).SelectMany(m => Conditions(m)).ToList();
        var doubles = conditions.OfType<DoublePatternTest>().ToList();
        var ints = conditions.OfType<IntPatternTest>().ToList();

        Assert.Contains(doubles, p => p.Pattern is FuzzAndOr { IsOr: false });
        Assert.Contains(doubles, p => p.Pattern is FuzzAndOr { IsOr: true });
        Assert.Contains(doubles, p => p.Pattern is FuzzNot);
        Assert.Contains(doubles, p => p.Subject is ArrayRead);
        Assert.Contains(ints, p => p.IntLocal.StartsWith('i') && p.Pattern is FuzzAndOr { IsOr: true, Left: FuzzConstant, Right: FuzzConstant });
        Assert.Contains(ints, p => p.IntLocal.StartsWith('n'));
        Assert.DoesNotContain(doubles, p => p.Subject is Num);
    }

    [Fact]
    public void Default_programs_call_extension_helpers_on_doubles_and_collections_and_instance_helpers_through_field_property_and_this()
    {
        var calls = DefaultPrograms.SelectMany(p => p.Methods.SelectMany(m => FuzzProgramWalk.CallsIn(m).Select(c => (Program: p, Caller: m, Call: c)))).ToList();

        Assert.Contains(calls, c => c.Call.Style == CallStyle.Extension && c.Call.Arguments[0] is not CollectionArg);
        Assert.Contains(calls, c => c.Call.Style == CallStyle.Extension && c.Call.Arguments[0] is CollectionArg);
        Assert.Contains(calls, c => c.Call.Style == CallStyle.ThroughStaticField);
        Assert.Contains(calls, c => c.Call.Style == CallStyle.ThroughStaticProperty);
        Assert.Contains(calls, c => c.Call.Style == CallStyle.Plain && c.Caller.Role == FuzzMethodRole.Instance);
        Assert.Contains(DefaultPrograms.SelectMany(p => p.Methods), m => m.Role == FuzzMethodRole.Instance && FuzzProgramWalk.Expressions(m).OfType<FieldRead>().Any());
        foreach ((FuzzProgram program, FuzzMethod caller, Call call) in calls)
        {
            FuzzMethod callee = program.Methods.Single(m => m.Name == call.Method);
            // Who may call whom follows from where C# lets each be named without qualification.
            Assert.True(callee.Role != FuzzMethodRole.Static || caller.Role == FuzzMethodRole.Static, $"{caller.Name} ({caller.Role}) calls static {callee.Name}");
            Assert.True(callee.Role != FuzzMethodRole.Instance || caller.Role != FuzzMethodRole.Extension, $"{caller.Name} (extension) calls instance {callee.Name}");
            Assert.Equal(callee.Role == FuzzMethodRole.Extension, call.Style == CallStyle.Extension);
            if (call.Style == CallStyle.Extension && call.Arguments[0] is CollectionArg receiver)
            {
                // A receiver gets no conversion: double[] for this double[], a span for this span (a view local is one too).
                int declared = caller.Parameters.IndexOf(receiver.Name);
                DeclareView? view = FuzzProgramWalk.Statements(caller.Body).OfType<DeclareView>().FirstOrDefault(v => v.Name == receiver.Name);
                FuzzParameterKind kind = declared >= 0 ? caller.KindOf(declared)
                    : view is null ? FuzzParameterKind.Array
                    : view.Writable ? FuzzParameterKind.Span : FuzzParameterKind.ReadOnlySpan;
                Assert.Equal(callee.KindOf(0), kind);
            }
        }
    }

    // H0(this double a, ReadOnlySpan<double> u) on the extension class, M1(b) => Scale·b + H0 on the model;
    // F(x, y) sums over a loop that declares a fresh array each iteration and tests the counter with a pattern.
    private static FuzzProgram Program(bool fieldConstantInTwin)
    {
        var h0 = new FuzzMethod("H0", ImmutableArray.Create("a", "u"), ImmutableArray<FuzzStatement>.Empty,
            new Binary('*', new Var("a"), new ArrayRead("u", new FuzzIndex(null, 1))))
        {
            Kinds = ImmutableArray.Create(FuzzParameterKind.Double, FuzzParameterKind.ReadOnlySpan),
            Role = FuzzMethodRole.Extension,
        };
        var m1 = new FuzzMethod("M1", ImmutableArray.Create("b"), ImmutableArray<FuzzStatement>.Empty,
            new Binary('*', fieldConstantInTwin ? new FieldRead("Scale") : new Num(1.0), new Var("b")))
        {
            Role = FuzzMethodRole.Instance,
        };
        var loop = new For("i0", 3, ImmutableArray.Create<FuzzStatement>(
            new DeclareArray("arr1"),
            new If(new IntPatternTest("i0", new FuzzAndOr(true, new FuzzConstant(0), new FuzzConstant(2))),
                ImmutableArray.Create<FuzzStatement>(new ArrayWrite("arr1", new FuzzIndex("i0", 0), "+=", new Var("x"))),
                ImmutableArray<FuzzStatement>.Empty),
            new CompoundAssign("s2", '+', new Binary('*', new ArrayRead("arr1", new FuzzIndex("i0", 0)), new Var("y")))));
        var f = new FuzzMethod("F", ImmutableArray.Create("x", "y"), ImmutableArray.Create<FuzzStatement>(new DeclareDouble("s2", new Num(0.0)), loop),
            new Conditional(new DoublePatternTest(new Var("s2"), new FuzzAndOr(false, new FuzzRelational(">", -1.0), new FuzzNot(new FuzzConstant(0.5)))),
                new Call("M1", ImmutableArray.Create<FuzzExpr>(new Var("s2"))) { Style = CallStyle.ThroughStaticProperty },
                new Var("y")));
        return new FuzzProgram(0, ImmutableArray.Create(h0, m1, f), ImmutableArray.Create(0.3, 0.8));
    }

    [Fact]
    public void The_user_program_declares_the_new_constructs_as_a_user_would_and_the_twin_as_plain_calls()
    {
        FuzzProgram program = Program(fieldConstantInTwin: true);
        string user = ProgramPrinter.ToCSharp(program, "P");
        string tensor = ProgramPrinter.ToTensor(program, "T");

        Assert.Contains("public static partial class P_Ext", user, StringComparison.Ordinal);
        Assert.Contains("public static double H0(this double a, ReadOnlySpan<double> u)", user, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class Model", user, StringComparison.Ordinal);
        Assert.Contains("public static Model Shared { get; } = new Model();", user, StringComparison.Ordinal);
        Assert.Contains("return (Scale * b);", user, StringComparison.Ordinal);
        Assert.Contains("Model.Shared.M1(s2)", user, StringComparison.Ordinal);
        Assert.Contains("if ((i0 is 0 or 2))", user, StringComparison.Ordinal);
        Assert.Contains("(s2 is > -1.0 and (not 0.5))", user, StringComparison.Ordinal);
        Assert.Contains("        double[] arr1 = new double[3];", user, StringComparison.Ordinal);

        Assert.Contains("M1(s2)", tensor, StringComparison.Ordinal);
        Assert.DoesNotContain("Model.", tensor, StringComparison.Ordinal);
        Assert.Contains("return (K(1.25) * b);", tensor, StringComparison.Ordinal);
        Assert.Contains("(s2.Item() is > -1.0 and (not 0.5))", tensor, StringComparison.Ordinal);
    }

    [Fact]
    public void Extension_receivers_print_as_receivers_and_a_number_gets_parentheses()
    {
        FuzzProgram program = Program(fieldConstantInTwin: true);
        FuzzMethod f = program.Entry with
        {
            Result = new Call("H0", ImmutableArray.Create<FuzzExpr>(new Num(1.5), new CollectionArg("p"))) { Style = CallStyle.Extension },
            Parameters = ImmutableArray.Create("x", "p"),
            Kinds = ImmutableArray.Create(FuzzParameterKind.Double, FuzzParameterKind.ReadOnlySpan),
            Body = ImmutableArray<FuzzStatement>.Empty,
        };
        string user = ProgramPrinter.ToCSharp(program with { Methods = program.Methods.SetItem(2, f) }, "P");
        string tensor = ProgramPrinter.ToTensor(program with { Methods = program.Methods.SetItem(2, f) }, "T");

        Assert.Contains("return (1.5).H0(p);", user, StringComparison.Ordinal);
        Assert.Contains("return H0(K(1.5), p);", tensor, StringComparison.Ordinal);
    }

    [Fact]
    public void The_new_constructs_pass_and_a_twin_that_ignores_the_model_field_is_a_mismatch()
    {
        FuzzProgram program = Program(fieldConstantInTwin: true);
        FuzzResult honest = DifferentialChecker.CheckBatch(new[] { program })[0];
        FuzzResult wrong = DifferentialChecker.CheckBatch(new[] { program }, _ => Program(fieldConstantInTwin: false))[0];

        Assert.True(honest.Outcome == FuzzOutcome.Passed, honest.Detail);
        // s2 = x·y at counters 0 and 2 only (a fresh zeroed array at 1): 0.48, and F = 1.25·s2 = 0.6; the twin's 1·s2 is off in value.
        Assert.Equal(FuzzOutcome.ValueMismatch, wrong.Outcome);
        Assert.StartsWith("F 0.6", wrong.Detail, StringComparison.Ordinal);
        Assert.Contains("graph 0.48", wrong.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// A sum loop that declares an array and calls a helper: the array is zero-filled in place each iteration, and the loop
    /// must still be differentiated per iteration (its iterations share nothing but the sum), with the right gradient.
    /// </summary>
    [Fact]
    public void A_sum_loop_declaring_an_array_and_calling_a_helper_takes_the_per_iteration_path_and_passes()
    {
        var square = new FuzzMethod("H0", ImmutableArray.Create("b"), ImmutableArray<FuzzStatement>.Empty, new Binary('*', new Var("b"), new Var("b")));
        var loop = new For("i0", 3, ImmutableArray.Create<FuzzStatement>(
            new DeclareArray("arr1"),
            new ArrayWrite("arr1", new FuzzIndex("i0", 0), "+=", new Binary('*', new Var("x"), new Var("y"))),
            new DeclareDouble("v2", new Call("H0", ImmutableArray.Create<FuzzExpr>(new ArrayRead("arr1", new FuzzIndex(null, 0))))),
            new CompoundAssign("s3", '+', new Binary('+', new Var("v2"), new ArrayRead("arr1", new FuzzIndex("i0", 1))))));
        var f = new FuzzMethod("F", ImmutableArray.Create("x", "y"), ImmutableArray.Create<FuzzStatement>(new DeclareDouble("s3", new Var("x")), loop), new Var("s3"));
        var program = new FuzzProgram(0, ImmutableArray.Create(square, f), ImmutableArray.Create(0.4, -1.1));

        GeneratorRun run = GeneratorHarness.Run(BatchSources.For(program, 0));
        string generated = string.Join("\n", run.GeneratedSources.Where(g => g.Key.Contains(".F.", StringComparison.Ordinal)).Select(g => g.Value));
        FuzzResult result = DifferentialChecker.CheckBatch(new[] { program })[0];

        Assert.Contains("Iteration(", generated, StringComparison.Ordinal);
        Assert.True(result.Outcome == FuzzOutcome.Passed, result.Detail);
    }

    /// <summary>The bodies of every loop, nested ones too.</summary>
    private static IEnumerable<ImmutableArray<FuzzStatement>> LoopBodies(IEnumerable<FuzzStatement> block) =>
        FuzzProgramWalk.Statements(block).OfType<For>().Select(f => f.Body);

    private static IEnumerable<FuzzCondition> Conditions(FuzzMethod method) =>
        FuzzProgramWalk.Statements(method.Body).SelectMany(s => s switch
        {
            If f => new[] { f.Condition },
            ReturnIf r => new[] { r.Condition },
            BreakIf b => new[] { b.Condition },
            _ => Array.Empty<FuzzCondition>(),
        }).Concat(FuzzProgramWalk.Expressions(method).OfType<Conditional>().Select(c => c.Condition));
}
