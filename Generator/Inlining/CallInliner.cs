using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Inlining;

/// <summary>
/// Takes small [Differentiable] callees into the loops that call them: <c>s += LogSumExp(row);</c> in a loop becomes
/// LogSumExp's statements, on <c>row</c>, then <c>s += logSumExp;</c>. The caller's loop form then differentiates them
/// with everything else, instead of paying the callee's gradient entry on every iteration (its tape, its checks, its
/// partials handed back through a span and multiplied in). The callee keeps its own generated members.
/// </summary>
/// <remarks>
/// Only calls evaluated whenever their statement runs are taken in (not those in a conditional's branch, after
/// <c>&amp;&amp;</c> or <c>||</c>, in a switch arm, or in a loop's condition or step), so the callee's statements can run
/// just before the statement. Expressions are pure in the IR, so this keeps the source's order of evaluation.
/// </remarks>
internal sealed class CallInliner
{
    private readonly MethodModel _caller;
    private readonly IReadOnlyDictionary<string, MethodModel> _models;
    private readonly Dictionary<string, bool> _accepted = new();
    private readonly FreshNames _names;
    private bool _changed;

    private CallInliner(MethodModel caller, IReadOnlyDictionary<string, MethodModel> models)
    {
        _caller = caller;
        _models = models;
        _names = new FreshNames(caller);
    }

    /// <summary>
    /// <paramref name="caller"/> with the calls its loops make to inlinable methods of <paramref name="models"/> replaced by
    /// their statements, or null when there are none.
    /// </summary>
    public static MethodModel? Inline(MethodModel caller, IReadOnlyDictionary<string, MethodModel> models)
    {
        var inliner = new CallInliner(caller, models);
        Block body = inliner.RewriteBlock(caller.Body, inLoop: false);
        return inliner._changed ? caller with { Body = body } : null;
    }

    private Block RewriteBlock(Block block, bool inLoop)
    {
        var statements = new List<Stmt>();
        foreach (Stmt statement in block.Statements)
        {
            statements.AddRange(Rewrite(statement, inLoop));
        }

        return block with { Statements = statements.ToEquatableArray() };
    }

    private IEnumerable<Stmt> Rewrite(Stmt statement, bool inLoop)
    {
        var before = new List<Stmt>();
        Stmt rewritten = statement switch
        {
            LocalDeclaration { Initializer: { } init } d when inLoop => d with { Initializer = Hoist(init, before, d.Source) },
            Assignment a when inLoop => a with { Value = Hoist(a.Value, before, a.Source) },
            ElementAssignment e when inLoop => e with { Index = Hoist(e.Index, before, e.Source), Value = Hoist(e.Value, before, e.Source) },
            Return r when inLoop => r with { Value = Hoist(r.Value, before, r.Source) },
            If i => i with
            {
                Condition = inLoop ? Hoist(i.Condition, before, i.Source) : i.Condition,
                Then = RewriteBlock(i.Then, inLoop),
                Else = i.Else is null ? null : RewriteBlock(i.Else, inLoop),
            },
            Switch s => s with { Sections = s.Sections.Select(section => section with { Body = RewriteBlock(section.Body, inLoop) }).ToEquatableArray() },
            Block b => RewriteBlock(b, inLoop),
            While w => w with { Body = RewriteBlock(w.Body, inLoop: true) },
            DoWhile d => d with { Body = RewriteBlock(d.Body, inLoop: true) },
            For f => f with { Body = RewriteBlock(f.Body, inLoop: true) },
            ForEach fe => fe with { Body = RewriteBlock(fe.Body, inLoop: true) },
            _ => statement,
        };
        return before.Append(rewritten);
    }

    // The calls an expression always evaluates, innermost first, are replaced by their callee's result variable.
    private Expr Hoist(Expr expr, List<Stmt> before, SourceInfo site)
    {
        switch (expr)
        {
            case UserCall call:
                UserCall withArguments = call with { Arguments = call.Arguments.Select(a => Hoist(a, before, site)).ToEquatableArray() };
                return TryInline(withArguments, before, site) ?? withArguments;
            case Unary u:
                return u with { Operand = Hoist(u.Operand, before, site) };
            case Binary { Operator: BinaryOperator.LogicalAnd or BinaryOperator.LogicalOr } b:
                return b with { Left = Hoist(b.Left, before, site) };
            case Binary b:
                return b with { Left = Hoist(b.Left, before, site), Right = Hoist(b.Right, before, site) };
            case Conversion c:
                return c with { Operand = Hoist(c.Operand, before, site) };
            case Conditional c:
                return c with { Condition = Hoist(c.Condition, before, site) };
            case MathCall m:
                return m with { Arguments = m.Arguments.Select(a => Hoist(a, before, site)).ToEquatableArray() };
            case ElementRead e:
                return e with { Index = Hoist(e.Index, before, site) };
            case SwitchExpression s:
                return s with { Governing = Hoist(s.Governing, before, site) };
            default:
                return expr;
        }
    }

    private Expr? TryInline(UserCall call, List<Stmt> before, SourceInfo site)
    {
        if (call.Callee is not { CalleeKind: CalleeKind.Differentiable, Receiver: null } ||
            !_models.TryGetValue(call.Callee.Key, out MethodModel? callee) ||
            !Accepts(callee) ||
            callee.Parameters.Count != call.Arguments.Count)
        {
            return null;
        }

        for (int p = 0; p < callee.Parameters.Count; p++)
        {
            ParameterModel parameter = callee.Parameters[p];
            Expr argument = call.Arguments[p];
            // A view argument (w.Slice(…)) stays a call: the callee's element reads would need its start added.
            bool fits = parameter.Shape == ValueShape.Scalar
                ? argument is not CollectionRef && argument.Kind == parameter.Kind
                : argument is CollectionRef { View: null } && argument.Kind == parameter.Kind;
            if (!fits)
            {
                return null;
            }
        }

        _changed = true;
        var inlined = new InlinedBody(callee, site, _names.Fresh);
        before.AddRange(inlined.Bind(call.Arguments));
        VariableRef result = inlined.Result!;
        return result.Kind == call.Kind ? result : new Conversion(call.Kind, result);
    }

    private bool Accepts(MethodModel callee)
    {
        if (!_accepted.TryGetValue(callee.Key, out bool accepted))
        {
            accepted = InlinableCallee.Accepts(callee, _caller);
            _accepted.Add(callee.Key, accepted);
        }

        return accepted;
    }
}
