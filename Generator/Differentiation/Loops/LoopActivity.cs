using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// Which variables and arrays of a loop-form method are active: floating values that depend on a
/// differentiable parameter through differentiable operations. Flow-insensitive (a variable is active if
/// any assignment to it is), iterated to a fixed point because loops feed values back. The method's passive locals
/// stay inactive whatever they are assigned.
/// </summary>
internal sealed class LoopActivity
{
    private readonly HashSet<string> _active = new();
    private readonly HashSet<string> _passive = new();

    public IReadOnlyCollection<string> Active => _active;

    public bool IsActive(VariableRef variable) => _active.Contains(variable.Name);

    public bool IsActive(CollectionRef collection) => _active.Contains(collection.Name);

    public static LoopActivity Run(LoopMethod method, IEnumerable<ParameterModel> parameters)
    {
        var activity = new LoopActivity();
        foreach (ParameterModel parameter in parameters.Where(p => p.IsDifferentiable))
        {
            activity._active.Add(parameter.Name);
        }

        activity._passive.UnionWith(method.Passive);
        while (activity.Visit(method.Body))
        {
        }

        return activity;
    }

    private bool Visit(IReadOnlyList<LStmt> statements)
    {
        bool changed = false;
        foreach (LStmt statement in statements)
        {
            switch (statement)
            {
                case LAssign assign when assign.Target.Kind.IsFloatingPoint() && !_passive.Contains(assign.Target.Name) && IsActiveExpr(assign.Value):
                    changed |= _active.Add(assign.Target.Name);
                    break;
                case LStore store when store.Array.Kind.IsFloatingPoint() && IsActiveExpr(store.Value):
                    changed |= _active.Add(store.Array.Name);
                    break;
                case LIf branch:
                    changed |= Visit(branch.Then);
                    changed |= Visit(branch.Else);
                    break;
                case LLoop loop:
                    changed |= Visit(loop.Body);
                    changed |= Visit(loop.Step);
                    break;
            }
        }

        return changed;
    }

    /// <summary>Casts to int of active values and remainders of active values (ADG0006 warnings), wherever they are.</summary>
    public IEnumerable<Model.SourceSpan> NonDifferentiableOperations(IReadOnlyList<LStmt> statements)
    {
        var found = new List<Model.SourceSpan>();
        void Walk(Expr expr)
        {
            switch (expr)
            {
                case Conversion { Kind: ScalarKind.Int, Span: { } cast } c when IsActiveExpr(c.Operand):
                    found.Add(cast);
                    break;
                case Binary { Operator: BinaryOperator.Remainder, Span: { } remainder } b when IsActiveExpr(b.Left) || IsActiveExpr(b.Right):
                    found.Add(remainder);
                    break;
            }

            foreach (Expr child in ExprChildren.Of(expr))
            {
                Walk(child);
            }
        }

        void Visit(IReadOnlyList<LStmt> list)
        {
            foreach (LStmt statement in list)
            {
                switch (statement)
                {
                    case LAssign a: Walk(a.Value); break;
                    case LStore s: Walk(s.Index); Walk(s.Value); break;
                    case LIf i: Walk(i.Condition); Visit(i.Then); Visit(i.Else); break;
                    case LLoop l: Walk(l.Condition); Visit(l.Body); Visit(l.Step); break;
                }
            }
        }

        Visit(statements);
        return found.Distinct();
    }

    /// <summary>True when the floating value of <paramref name="expr"/> depends on an active value differentiably.</summary>
    public bool IsActiveExpr(Expr expr) => expr.Kind.IsFloatingPoint() && expr switch
    {
        VariableRef v => _active.Contains(v.Name),
        ElementRead { Collection: CollectionRef c } => _active.Contains(c.Name),
        Unary u => u.Operator == UnaryOperator.Negate && IsActiveExpr(u.Operand),
        Binary b => !OperatorText.IsComparison(b.Operator) && (IsActiveExpr(b.Left) || IsActiveExpr(b.Right)),
        Conversion c => IsActiveExpr(c.Operand),
        Conditional c => IsActiveExpr(c.WhenTrue) || IsActiveExpr(c.WhenFalse),
        MathCall m => !DerivativeRules.HasZeroDerivative(m.Function) && m.Arguments.Any(IsActiveExpr),
        UserCall call => call.Arguments.Where((_, i) => call.Callee.Parameters[i].IsDifferentiable)
            .Any(a => a is CollectionRef c ? _active.Contains(c.Name) : IsActiveExpr(a)),
        _ => false,
    };
}
