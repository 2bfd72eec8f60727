using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.Inlining"/>: the generator writes helpers of every shape CallInliner takes in
/// and the near misses it must leave as calls, call sites of them in loops of each kind it inlines and of each it must not,
/// prints them as a user would (the tensor twin meaning the same), and draws nothing new for feature sets without the flag.
/// </summary>
public sealed class InlineFuzzSelfTests
{
    private static FuzzProgram[] DefaultPrograms => NewConstructFuzzSelfTests.DefaultPrograms;

    private static readonly List<FuzzMethod> Helpers = DefaultPrograms.SelectMany(p => p.Methods).Where(m => m.Name.StartsWith('L')).ToList();

    private static readonly List<FuzzMethod> Entries = DefaultPrograms.Select(p => p.Entry).ToList();

    private static bool CallsHelper(FuzzExpr e) => e is Call { Method: ['L', ..] };

    private static bool HasHelperCall(FuzzExpr e) => FuzzProgramWalk.Flatten(e).Any(CallsHelper);

    private static bool HasHelperCall(FuzzCondition c) => FuzzProgramWalk.ConditionExprs(c).Any(HasHelperCall);

    /// <summary>Every statement of F that stands in a loop's body (at any depth), and every one that does not.</summary>
    private static IEnumerable<(FuzzStatement Statement, bool InLoop)> Placed(IEnumerable<FuzzStatement> block, bool inLoop) =>
        block.SelectMany(s => new[] { (s, inLoop) }.Concat(s switch
        {
            If f => Placed(f.Then, inLoop).Concat(Placed(f.Else, inLoop)),
            For f => Placed(f.Body, true),
            ForEach f => Placed(f.Body, true),
            While w => Placed(w.Body, true),
            SwitchOn w => w.Cases.SelectMany(c => Placed(c, inLoop)).Concat(Placed(w.Default, inLoop)),
            _ => Enumerable.Empty<(FuzzStatement, bool)>(),
        }));

    private static readonly List<(FuzzStatement Statement, bool InLoop)> EntryStatements = Entries.SelectMany(f => Placed(f.Body, false)).ToList();

    private static IEnumerable<FuzzStatement> InLoops => EntryStatements.Where(s => s.InLoop).Select(s => s.Statement);

    [Fact]
    public void Default_programs_write_helpers_with_loops_branches_switches_and_assigned_parameters()
    {
        Assert.True(Helpers.Count >= 300, $"only {Helpers.Count} inlining helpers in {DefaultPrograms.Length} programs");
        var statements = Helpers.Select(h => (Helper: h, All: FuzzProgramWalk.Statements(h.Body).ToList())).ToList();

        Assert.Contains(statements, h => h.All.OfType<For>().Any(f => f.Body.Any(s => s is ContinueIf) && f.Body.Any(s => s is BreakIf)));
        Assert.Contains(statements, h => h.All.OfType<For>().Any(f => f.LengthOf is not null));
        Assert.Contains(statements, h => h.All.OfType<While>().Any(w => w.Body.Any(s => s is ContinueIf) && w.Body.Any(s => s is BreakIf)));
        Assert.Contains(statements, h => h.All.OfType<ForEach>().Any(f => h.Helper.Parameters.Contains(f.Collection)));
        Assert.Contains(statements, h => h.All.OfType<If>().Any(f => f.Else.Length > 0));
        Assert.Contains(statements, h => h.All.OfType<SwitchOn>().Any(s => h.Helper.Parameters.Contains(s.Subject)));
        Assert.Contains(statements, h => h.All.OfType<SwitchOn>().Any(s => s.Cases.Any(c => c.Any(x => x is DeclareDouble)) && s.Default.Length > 0));
        Assert.Contains(statements, h => h.All.OfType<Assign>().Any(a => h.Helper.Parameters.Contains(a.Name)));
        Assert.Contains(statements, h => h.All.OfType<CompoundAssign>().Any(a => h.Helper.Parameters.Contains(a.Name)));
    }

    [Fact]
    public void Default_programs_give_helpers_the_callers_names_ints_collections_and_near_misses()
    {
        Assert.Contains(Helpers, h => h.Parameters.Contains("x") && h.Parameters.Contains("v0"));
        Assert.Contains(Helpers, h => h.Parameters.Contains("i1") && h.Kinds[h.Parameters.IndexOf("i1")] == FuzzParameterKind.Int);
        Assert.Contains(Helpers, h => h.Parameters.Contains("p") && h.KindOf(h.Parameters.IndexOf("p")) == FuzzParameterKind.ReadOnlySpan);
        Assert.Contains(Helpers, h => Enumerable.Range(0, h.Parameters.Length).Count(i => h.KindOf(i).IsCollection()) == 2);
        // The near misses: an early return, a [NoDerivative] parameter, a call of its own.
        Assert.Contains(Helpers, h => h.Body.Any(s => s is ReturnIf));
        Assert.Contains(Helpers, h => !h.Passive.IsDefaultOrEmpty);
        Assert.Contains(Helpers, h => FuzzProgramWalk.Flatten(h.Result).Any(e => e is Call));
        // The others make no call at all: a call would keep them from being inlined.
        Assert.Contains(Helpers, h => !FuzzProgramWalk.Expressions(h).Any(e => e is Call) && h.Passive.IsDefault && !h.Body.Any(s => s is ReturnIf));
    }

    [Fact]
    public void Default_programs_call_helpers_in_loops_where_CallInliner_inlines()
    {
        Assert.Contains(InLoops, s => s is DeclareDouble d && CallsHelper(d.Value));
        Assert.Contains(InLoops, s => s is CompoundAssign { Op: '+' } c && HasHelperCall(c.Value));
        Assert.Contains(InLoops, s => s is Assign a && HasHelperCall(a.Value));
        Assert.Contains(InLoops, s => s is ArrayWrite w && HasHelperCall(w.Value));
        Assert.Contains(InLoops, s => s is If { Condition: DoubleComparison c } && HasHelperCall(c.Left));
        Assert.Contains(InLoops, s => s is ReturnIf r && HasHelperCall(r.Value));
        Assert.Contains(InLoops, s => s is ReturnIf r && HasHelperCall(r.Condition));
        var calls = Entries.SelectMany(f => FuzzProgramWalk.Expressions(f)).ToList();
        // A call as another call's argument, and one helper twice in one expression.
        Assert.Contains(calls, e => CallsHelper(e) && ((Call)e).Arguments.Any(CallsHelper));
        Assert.Contains(calls, e => e is Binary { Left: Call { Method: ['L', ..] } left, Right: Call right } && left.Method == right.Method);
        // Collections passed on: a local array, the entry's own collection, and one collection twice.
        var collectionArguments = calls.Where(CallsHelper).Select(e => ((Call)e).Arguments.OfType<CollectionArg>().Select(c => c.Name).ToList()).ToList();
        Assert.Contains(collectionArguments, names => names.Any(n => n.StartsWith("arr", StringComparison.Ordinal)));
        Assert.Contains(collectionArguments, names => names.Any(n => n is "p" or "q"));
        Assert.Contains(collectionArguments, names => names.Count > names.Distinct().Count());
        Assert.Contains(InLoops, s => s is While);
    }

    [Fact]
    public void Default_programs_call_helpers_where_CallInliner_must_not_inline()
    {
        Assert.Contains(EntryStatements, s => s.InLoop && FuzzProgramWalk.Expressions(new[] { s.Statement }).Any(e => e is Conditional c && (HasHelperCall(c.WhenTrue) || HasHelperCall(c.WhenFalse))));
        Assert.Contains(EntryStatements, s => s.InLoop && s.Statement is If { Condition: FuzzLogical { IsOr: true } l } && HasHelperCall(l.Right));
        Assert.Contains(EntryStatements, s => s.InLoop && s.Statement is If { Condition: FuzzLogical { IsOr: false } l } && HasHelperCall(l.Right));
        Assert.Contains(EntryStatements, s => s.Statement is While { Extra: { } extra } && HasHelperCall(extra));
        Assert.Contains(EntryStatements, s => !s.InLoop && s.Statement is DeclareDouble d && HasHelperCall(d.Value));
    }

    [Fact]
    public void Inlining_constructs_print_as_a_user_would_write_them_and_the_twin_means_the_same()
    {
        var helper = new FuzzMethod("L0", ImmutableArray.Create("x", "d", "k"), ImmutableArray.Create<FuzzStatement>(
            new DeclareDouble("v3", new Num(0.0)),
            new While("i4", 3, ImmutableArray.Create<FuzzStatement>(new ContinueIf(new IntComparison("i4", "==", 1)), new CompoundAssign("v3", '+', new Var("x")))),
            new SwitchOn("k", ImmutableArray.Create(ImmutableArray.Create<FuzzStatement>(new CompoundAssign("v3", '*', new Var("d")))), ImmutableArray.Create<FuzzStatement>(new Increment("v3", true)))),
            new Var("v3"))
        {
            Kinds = ImmutableArray.Create(FuzzParameterKind.Double, FuzzParameterKind.Double, FuzzParameterKind.Int),
            Passive = ImmutableArray.Create("d"),
        };
        var call = new Call("L0", ImmutableArray.Create<FuzzExpr>(new Var("x"), new Num(0.5), new IntArg(null, 1)));
        var f = new FuzzMethod("F", ImmutableArray.Create("x", "y"), ImmutableArray.Create<FuzzStatement>(
            new If(new FuzzLogical(true, new DoubleComparison(new Var("y"), "<", new Num(0.0)), new DoubleComparison(call, ">", new Num(1.0))),
                ImmutableArray.Create<FuzzStatement>(new Increment("y", true)), ImmutableArray<FuzzStatement>.Empty)), new Var("y"));
        var program = new FuzzProgram(0, ImmutableArray.Create(helper, f), ImmutableArray.Create(0.5, 0.25));
        string user = ProgramPrinter.ToCSharp(program, "P");
        string tensor = ProgramPrinter.ToTensor(program, "T");

        Assert.Contains("public static double L0(double x, [NoDerivative] double d, int k)", user, StringComparison.Ordinal);
        Assert.Contains("int i4 = -1;\n        while (i4 < 2)\n        {\n            i4++;\n            if (i4 == 1)\n            {\n                continue;\n            }", user, StringComparison.Ordinal);
        Assert.Contains("switch (k)\n        {\n            case 0:\n            {\n                v3 *= d;\n                break;\n            }\n            default:\n            {\n                v3++;\n                break;\n            }\n        }", user, StringComparison.Ordinal);
        Assert.Contains("if ((y < 0.0 || L0(x, 0.5, 1) > 1.0))", user, StringComparison.Ordinal);
        // The twin stops the gradient where [NoDerivative] does.
        Assert.Contains("public static Tensor L0(Tensor x, Tensor d, int k)\n    {\n        d = d.Detach();", tensor, StringComparison.Ordinal);
        Assert.Contains("if ((y.Item() < K(0.0).Item() || L0(x, K(0.5), 1).Item() > K(1.0).Item()))", tensor, StringComparison.Ordinal);
    }

    [Fact]
    public void Feature_sets_without_inlining_write_no_helpers_of_it_and_keep_their_programs()
    {
        const FuzzFeatures withoutInlining = FuzzFeatures.BeforeViews & ~FuzzFeatures.Inlining;
        FuzzProgram[] programs = Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, withoutInlining)).ToArray();

        Assert.DoesNotContain(programs.SelectMany(p => p.Methods), m => m.Name.StartsWith('L'));
        Assert.DoesNotContain(programs.SelectMany(p => p.Methods).SelectMany(m => FuzzProgramWalk.Statements(m.Body)), s => s is While or SwitchOn or ContinueIf);
        // Seeds of runs before inlining existed (CheckerSelfTests) still give their programs.
        Assert.Contains("Math.Sin(Math.Abs(x))", ProgramPrinter.ToCSharp(ProgramGenerator.Generate(102000113, withoutInlining & ~FuzzFeatures.Fills), "P"), StringComparison.Ordinal);
        Assert.Contains("Math.Sin(y)", ProgramPrinter.ToCSharp(ProgramGenerator.Generate(105000401, withoutInlining), "P"), StringComparison.Ordinal);
    }
}
