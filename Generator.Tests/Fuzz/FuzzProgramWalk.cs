using System;
using System.Collections.Generic;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>Walks a generated program's statements and expressions, for the self-tests that count what the fuzzer writes.</summary>
internal static class FuzzProgramWalk
{
    public static IEnumerable<FuzzStatement> Statements(IEnumerable<FuzzStatement> block) =>
        block.SelectMany(s => s switch
        {
            If f => new[] { s }.Concat(Statements(f.Then)).Concat(Statements(f.Else)),
            For f => new[] { s }.Concat(Statements(f.Body)),
            ForEach f => new[] { s }.Concat(Statements(f.Body)),
            While w => new[] { s }.Concat(Statements(w.Body)),
            SwitchOn w => new[] { s }.Concat(w.Cases.SelectMany(c => Statements(c))).Concat(Statements(w.Default)),
            Fill f => f.Second is null ? new[] { s } : new[] { s }.Concat(Statements(new[] { f.Second })),
            DeclareLocalFunction f => new[] { s }.Concat(Statements(f.Body)),
            _ => new[] { s },
        });

    public static IEnumerable<Call> CallsIn(FuzzMethod method) => Expressions(method).OfType<Call>();

    /// <summary>Whether the program swaps two local arrays (<see cref="FuzzFeatures.Swaps"/>).</summary>
    public static bool SwapsArrays(FuzzProgram program) => program.Methods.Any(m => Statements(m.Body).OfType<SwapArrays>().Any());

    /// <summary>Whether F gives a variable of its own to a writer's ref parameter (<see cref="FuzzFeatures.RefScalars"/>).</summary>
    public static bool PassesRefScalars(FuzzProgram program) => CallsIn(program.Entry).Any(c => c.Arguments.OfType<RefArg>().Any());

    /// <summary>Whether the program clears, fills or copies with span methods (<see cref="FuzzFeatures.SpanStores"/>).</summary>
    public static bool UsesSpanStores(FuzzProgram program) => program.Methods.Any(m => Statements(m.Body).OfType<SpanStore>().Any());

    /// <summary>Whether the program declares a span view or passes one to a helper (<see cref="FuzzFeatures.Views"/>).</summary>
    public static bool UsesViews(FuzzProgram program) =>
        program.Methods.Any(m => Statements(m.Body).OfType<DeclareView>().Any() || Expressions(m).OfType<CollectionArg>().Any(c => c.ViewText is not null));

    /// <summary>
    /// Whether the entry F calls a writer (<see cref="FuzzFeatures.Writers"/>), so that the gradient goes through one: writers
    /// are called only by F and by one another, and a void writer nobody calls has no code at all.
    /// </summary>
    public static bool CallsWriters(FuzzProgram program)
    {
        var writers = program.Methods.Where(m => m.IsWriter).Select(m => m.Name).ToHashSet();
        return writers.Count > 0 && CallsIn(program.Entry).Any(c => writers.Contains(c.Method));
    }

    /// <summary>
    /// Whether F calls, in one of its loops, a writer that makes local arrays (<see cref="FuzzFeatures.WriterArrays"/>), itself
    /// or through the writers it calls: the arrays are then made once before the loop and cleared each time round.
    /// </summary>
    public static bool CallsWritersWithArraysInLoops(FuzzProgram program)
    {
        var withArrays = new HashSet<string>();
        foreach (FuzzMethod writer in program.Methods.Where(m => m.IsWriter))
        {
            // A writer calls only earlier ones, so one pass in order sees each callee settled.
            if (Statements(writer.Body).OfType<DeclareArray>().Any() || CallsIn(writer).Any(c => withArrays.Contains(c.Method)))
            {
                withArrays.Add(writer.Name);
            }
        }

        return Statements(program.Entry.Body).Where(s => s is For or ForEach or While)
            .Any(loop => Expressions(new[] { loop }).OfType<Call>().Any(c => withArrays.Contains(c.Method)));
    }

    /// <summary>Whether the program calls a TensorPrimitives reduction (<see cref="FuzzFeatures.Reductions"/>).</summary>
    public static bool UsesReductions(FuzzProgram program) => program.Methods.Any(m => Expressions(m).OfType<Reduction>().Any());

    /// <summary>Whether the program steps an int local inside an element access (<see cref="FuzzFeatures.SteppedIndices"/>).</summary>
    public static bool UsesSteppedIndices(FuzzProgram program) =>
        program.Methods.Any(m => Statements(m.Body).OfType<SteppedWrite>().Any() || Expressions(m).OfType<SteppedRead>().Any());

    /// <summary>Whether the program makes a 2-D array or F takes one (<see cref="FuzzFeatures.Matrices"/>).</summary>
    public static bool UsesMatrices(FuzzProgram program) =>
        program.Methods.Any(m => Statements(m.Body).OfType<DeclareMatrix>().Any() || (!m.Kinds.IsDefault && m.Kinds.Contains(FuzzParameterKind.Matrix)));

    /// <summary>Whether a method of the program passes a 2-D or jagged array to a helper taking one.</summary>
    public static bool PassesShapedArrays(FuzzProgram program) =>
        program.Methods.SelectMany(CallsIn).Any(c => program.Methods.FirstOrDefault(m => m.Name == c.Method) is { } callee &&
            Enumerable.Range(0, callee.Parameters.Length).Any(i => callee.KindOf(i) is FuzzParameterKind.Matrix or FuzzParameterKind.Jagged));

    /// <summary>Whether F takes a jagged parameter (<see cref="FuzzFeatures.JaggedParameters"/>).</summary>
    public static bool TakesJagged(FuzzProgram program) => TakesKind(program, FuzzParameterKind.Jagged);

    private static bool TakesKind(FuzzProgram program, FuzzParameterKind kind) =>
        Enumerable.Range(0, program.Entry.Parameters.Length).Any(i => program.Entry.KindOf(i) == kind);

    /// <summary>Whether F calls a local function of its own (<see cref="FuzzFeatures.LocalFunctions"/>).</summary>
    public static bool CallsLocalFunctions(FuzzProgram program) => Expressions(program.Entry).OfType<LocalCall>().Any();

    /// <summary>Whether a method of the program takes an <c>in</c> or <c>ref readonly</c> double (<see cref="FuzzFeatures.InParameters"/>).</summary>
    public static bool TakesInParameters(FuzzProgram program) =>
        program.Methods.Any(m => !m.InParameters.IsDefaultOrEmpty || !m.RefReadOnlyParameters.IsDefaultOrEmpty);

    /// <summary>Whether the program calls LINQ's Sum, Average, Max or Min (<see cref="FuzzFeatures.LinqReductions"/>).</summary>
    public static bool UsesLinq(FuzzProgram program) => program.Methods.Any(m => Expressions(m).OfType<LinqReduction>().Any());

    /// <summary>Whether the program calls an elementwise TensorPrimitives method (<see cref="FuzzFeatures.TensorElementwise"/>).</summary>
    public static bool UsesElementwise(FuzzProgram program) => program.Methods.Any(m => Statements(m.Body).OfType<ElementwiseCall>().Any());

    /// <summary>Every expression of the method, subexpressions included (conditions' too).</summary>
    public static IEnumerable<FuzzExpr> Expressions(FuzzMethod method) =>
        method.ReturnsVoid ? Expressions(method.Body) : Expressions(method.Body).Concat(Flatten(method.Result));

    /// <summary>Every expression of the statements and those nested in them, subexpressions included.</summary>
    public static IEnumerable<FuzzExpr> Expressions(IEnumerable<FuzzStatement> block) =>
        Statements(block).SelectMany(s => s switch
        {
            DeclareDouble d => new[] { d.Value },
            Assign a => new[] { a.Value },
            CompoundAssign c => new[] { c.Value },
            ArrayWrite w => new[] { w.Value },
            ElementWrite w => new[] { w.Value },
            SteppedWrite w => new[] { w.Value },
            SpanStore { Value: { } filled } => new[] { filled },
            CallStatement c => new FuzzExpr[] { c.Call },
            DeclareLocalFunction f => new[] { f.Result },
            ElementwiseCall e => e.Operands.Select(o => o.Value).OfType<FuzzExpr>(),
            Fill f => new[] { f.Value },
            ReturnIf r => ConditionExprs(r.Condition).Append(r.Value),
            If f => ConditionExprs(f.Condition),
            BreakIf b => ConditionExprs(b.Condition),
            ContinueIf c => ConditionExprs(c.Condition),
            While { Extra: { } extra } => ConditionExprs(extra),
            _ => Array.Empty<FuzzExpr>(),
        }).SelectMany(Flatten);

    public static IEnumerable<FuzzExpr> ConditionExprs(FuzzCondition condition) => condition switch
    {
        DoubleComparison c => new[] { c.Left, c.Right },
        DoublePatternTest p => new[] { p.Subject },
        FuzzLogical l => ConditionExprs(l.Left).Concat(ConditionExprs(l.Right)),
        _ => Array.Empty<FuzzExpr>(),
    };

    public static IEnumerable<FuzzExpr> Flatten(FuzzExpr e) => new[] { e }.Concat(e switch
    {
        Call c => c.Arguments.SelectMany(Flatten),
        LocalCall c => c.Arguments.SelectMany(Flatten),
        Neg n => Flatten(n.Operand),
        Binary b => Flatten(b.Left).Concat(Flatten(b.Right)),
        SafeDiv d => Flatten(d.Numerator).Concat(Flatten(d.Den)),
        Unary u => Flatten(u.Arg),
        PowInt p => Flatten(p.Base),
        PowVar p => Flatten(p.Base).Concat(Flatten(p.Exponent)),
        MinMax m => Flatten(m.Left).Concat(Flatten(m.Right)),
        // A condition's operands are flattened too: a ?: in a comparison inside a ?: (seed 45) holds expressions of its own.
        Conditional c => ConditionExprs(c.Condition).SelectMany(Flatten).Concat(Flatten(c.WhenTrue)).Concat(Flatten(c.WhenFalse)),
        _ => Enumerable.Empty<FuzzExpr>(),
    });
}
