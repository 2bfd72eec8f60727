using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Inlining;

/// <summary>
/// Puts the statements of each callee that writes its arguments' elements in place of the call: <c>Layer(w, x, h);</c>
/// becomes Layer's statements on the caller's <c>h</c>. The callee's writes are then the caller's own, so the caller's
/// reverse sweep saves what they overwrite and differentiates through them like any other store. Unlike
/// <see cref="CallInliner"/>, which only saves the cost of a gradient entry, this is how such calls are differentiated at
/// all: a method with a call it cannot inline is not emitted, and the analyzer reports why at the call.
/// </summary>
/// <remarks>
/// The parser accepts such a call only as a statement of its own or as the whole value of a declaration, an assignment
/// to a local or a return, so the callee's statements can run just before that statement. A callee's statements may call
/// other writers; those are taken in too, up to <see cref="DepthLimit"/> deep, and a callee reached again is recursion.
/// </remarks>
internal sealed class WriterInliner
{
    /// <summary>Why the call to <paramref name="CalleeKey"/> (a call the caller itself makes) could not be inlined; no reason when that callee has errors of its own, reported on it.</summary>
    public sealed record Failure(string CalleeKey, string? Reason);

    /// <summary>How deep writers calling writers may nest.</summary>
    public const int DepthLimit = 16;

    private readonly MethodModel _caller;
    private readonly Func<string, MethodModel?> _models;
    private readonly FreshNames _names;
    private readonly List<InlinedBody> _chain = new();
    private string _outermost = "";
    private Failure? _failure;

    // How many loops of the caller (its own, or inlined writers') enclose the statement being rewritten.
    private int _loopDepth;

    // The local arrays of writers inlined inside the outermost loop being rewritten, to be declared before it.
    private readonly List<HoistedArray> _hoisted = new();

    /// <summary>A writer's local array made in a loop of the caller: its declaration in the caller's names, and for a refusal, the call that brought it and how to name the array there.</summary>
    private sealed record HoistedArray(LocalArray Declaration, string CallKey, string Described);

    private WriterInliner(MethodModel caller, Func<string, MethodModel?> models)
    {
        _caller = caller;
        _models = models;
        _names = new FreshNames(caller);
    }

    /// <summary>
    /// <paramref name="caller"/> with every call to a writer replaced by the writer's statements (itself when it makes none),
    /// or null with <paramref name="failure"/> saying which of its calls could not be.
    /// </summary>
    public static MethodModel? Inline(MethodModel caller, Func<string, MethodModel?> models, out Failure? failure)
    {
        failure = null;
        if (!HasWriterCalls(caller.Body))
        {
            return caller;
        }

        var inliner = new WriterInliner(caller, models);
        Block body = inliner.RewriteBlock(caller.Body);
        failure = inliner._failure;
        return failure is null ? caller with { Body = body } : null;
    }

    /// <summary>Whether <paramref name="body"/> calls a method that writes its arguments' elements.</summary>
    public static bool HasWriterCalls(Stmt body) =>
        StmtChildren.AllOf(body).SelectMany(StmtChildren.ExpressionsOf).SelectMany(ExprChildren.AllOf).Any(e => e is UserCall { Callee.WritesArguments: true });

    private Block RewriteBlock(Block block) => block with { Statements = block.Statements.SelectMany(Rewrite).ToEquatableArray() };

    private IEnumerable<Stmt> Rewrite(Stmt statement) => statement switch
    {
        CallStatement c => Expand(c.Call, c.Source, finish: null),
        LocalDeclaration { Initializer: { } init } d when WriterCall(init) is { } call =>
            Expand(call, d.Source, result => d with { Initializer = Replaced(init, result) }),
        Assignment a when WriterCall(a.Value) is { } call => Expand(call, a.Source, result => a with { Value = Replaced(a.Value, result) }),
        Return r when WriterCall(r.Value) is { } call => Expand(call, r.Source, result => r with { Value = Replaced(r.Value, result) }),
        Block b => new[] { RewriteBlock(b) },
        If i => new[] { i with { Then = RewriteBlock(i.Then), Else = i.Else is null ? null : RewriteBlock(i.Else) } },
        Switch s => new[] { s with { Sections = s.Sections.Select(section => section with { Body = RewriteBlock(section.Body) }).ToEquatableArray() } },
        While w => InLoop(() => w with { Body = RewriteBlock(w.Body) }),
        DoWhile d => InLoop(() => d with { Body = RewriteBlock(d.Body) }),
        For f => InLoop(() => f with { Body = RewriteBlock(f.Body) }),
        ForEach fe => InLoop(() => fe with { Body = RewriteBlock(fe.Body) }),
        // A caller's own arrays in loops were moved before them by its parser: an array here came with a writer.
        LocalArray array when _loopDepth > 0 && _chain.Count > 0 => new[] { Hoisted(array) },
        _ => new[] { statement },
    };

    /// <summary>
    /// A loop rewritten; an outermost one is preceded by the declarations of the writers' arrays made in it. C# makes a fresh
    /// zero-filled array at each call; one array declared before the loop and cleared where the writer declared it is the
    /// same, provided its length is the same every time round (the parser moves a caller's own arrays the same way).
    /// </summary>
    private IEnumerable<Stmt> InLoop(Func<Stmt> rewrite)
    {
        _loopDepth++;
        Stmt loop;
        try
        {
            loop = rewrite();
        }
        finally
        {
            _loopDepth--;
        }

        if (_loopDepth > 0 || _hoisted.Count == 0)
        {
            return new[] { loop };
        }

        var lengths = new LoopInvariantLength(loop);
        var statements = new List<Stmt>();
        foreach (HoistedArray array in _hoisted)
        {
            if (lengths.Before(array.Declaration.Length, out string? changing) is { } length)
            {
                statements.Add(array.Declaration with { Length = length });
            }
            else
            {
                _failure ??= new Failure(array.CallKey, $"{array.Described} would be made in a loop of the caller with a length " +
                    $"the loop may change (it reads {changing}): " + (array.Declaration.MadeFor is null
                        ? "let the caller make the array before the loop and pass it in"
                        : "give that call operands whose length the loop leaves alone (the whole span, or a view taken before the loop)"));
            }
        }

        statements.Add(loop);
        _hoisted.Clear();
        return statements;
    }

    // A writer's array made inside a loop of the caller: declared before the outermost loop, zero-filled here.
    private Stmt Hoisted(LocalArray array)
    {
        InlinedBody writer = _chain[_chain.Count - 1];
        string name = writer.NameInCallee(array.Name);
        string described = array.MadeFor is { } madeFor
            ? _chain.Count == 1 ? $"the array of its {madeFor}" : $"the array of the {madeFor} in '{writer.Callee.Name}', a writer it calls,"
            : _chain.Count == 1 ? $"its local array '{name}'" : $"the local array '{name}' of '{writer.Callee.Name}', a writer it calls,";
        _hoisted.Add(new HoistedArray(array, _outermost, described));
        // The fill refers to the array as the writer's statements do (an array, or a span for stackalloc).
        ValueShape shape = StmtChildren.AllOf(writer.Callee.Body).SelectMany(StmtChildren.ExpressionsOf).SelectMany(ExprChildren.AllOf)
            .OfType<CollectionRef>().FirstOrDefault(c => c.Name == name)?.Shape ?? ValueShape.Array;
        var counter = new VariableRef(ScalarKind.Int, _names.Fresh("clear" + NameStems.Capitalized(array.Name), null));
        return LocalArray.ZeroFill(array.Source, new CollectionRef(array.Kind, shape, array.Name), counter);
    }

    // The parser allows a writer call only as the whole value (converted, perhaps, to the variable's type), or as the right
    // operand of a compound assignment to a local (s += W(…) is s = s + W(…), and W cannot change s).
    private static UserCall? WriterCall(Expr value) => value switch
    {
        UserCall { Callee.WritesArguments: true } call => call,
        Conversion c => WriterCall(c.Operand),
        Binary { Left: VariableRef or Conversion { Operand: VariableRef } } b => WriterCall(b.Right),
        _ => null,
    };

    private static Expr Replaced(Expr value, VariableRef result) => value switch
    {
        Conversion c => c with { Operand = Replaced(c.Operand, result) },
        Binary b => b with { Right = Replaced(b.Right, result) },
        _ => result,
    };

    private IEnumerable<Stmt> Expand(UserCall call, SourceInfo site, Func<VariableRef, Stmt>? finish)
    {
        if (_chain.Count == 0)
        {
            _outermost = call.Callee.Key;
        }

        MethodModel? callee = _models(call.Callee.Key);
        string? why = callee is null ? null
            : callee.Key == _caller.Key || _chain.Any(c => c.Callee.Key == callee.Key) ? "it calls itself, through the writers it calls: write the recursion as a loop"
            : _chain.Count >= DepthLimit ? $"the writers it calls nest more than {DepthLimit} deep"
            : WriterCallee.WhyNotInlinable(callee, _caller, _models);
        if (callee is null || why is not null)
        {
            _failure ??= new Failure(_outermost, callee is null || why is null ? null
                : _chain.Count == 0 ? why : $"it calls '{callee.Name}', whose statements cannot stand in for the call either: {why}");
            return Array.Empty<Stmt>();
        }

        var inlined = new InlinedBody(callee, site, _names.Fresh);
        _chain.Add(inlined);
        var statements = inlined.Bind(call.Arguments).SelectMany(Rewrite).ToList();
        _chain.RemoveAt(_chain.Count - 1);
        if (finish is not null)
        {
            statements.Add(finish(inlined.Result!));
        }

        return statements;
    }
}
