using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Inlining;

/// <summary>
/// Which [Differentiable] callees a caller's loop may take in as statements: small leaves whose gradient, taken
/// through the caller's own, is the one their entry would give.
/// </summary>
internal static class InlinableCallee
{
    /// <summary>
    /// The most statements (counting those nested in loops and branches) a callee may have. Inlining pays for fixed
    /// costs (an entry's tape, its checks, its partials handed back through a span) that only matter for small bodies.
    /// </summary>
    public const int StatementBudget = 24;

    /// <summary>
    /// True when <paramref name="callee"/>'s statements can stand in for a call from <paramref name="caller"/>:
    /// <list type="bullet">
    /// <item>static, and every floating parameter differentiable (a [NoDerivative] one would start taking derivatives once inlined);</item>
    /// <item>one <c>return</c>, its last statement (the others would have to become jumps out of the caller's statements);</item>
    /// <item>no calls of its own (so inlining cannot recurse), no <c>throw</c>, no local arrays (the rules for arrays
    /// declared in a loop are checked when parsing, in the caller's context), no writes to a collection parameter;</item>
    /// <item>fields and properties read only when the caller is in the same type (they may be private).</item>
    /// </list>
    /// </summary>
    public static bool Accepts(MethodModel callee, MethodModel caller)
    {
        if (!callee.IsStatic || callee.Key == caller.Key)
        {
            return false;
        }

        foreach (ParameterModel parameter in callee.Parameters)
        {
            if (parameter.Kind is not { } kind || (kind.IsFloatingPoint() && !parameter.IsDifferentiable))
            {
                return false;
            }
        }

        IReadOnlyList<Stmt> statements = callee.Body.Statements;
        if (statements.Count == 0 || statements[statements.Count - 1] is not Return)
        {
            return false;
        }

        var collections = new HashSet<string>(callee.Parameters.Where(p => p.Shape != ValueShape.Scalar).Select(p => p.Name));
        bool sameType = callee.Namespace == caller.Namespace && callee.ContainingTypes.Equals(caller.ContainingTypes);
        int count = 0;
        bool accepted = statements.Take(statements.Count - 1).All(s => Allowed(s, collections, sameType, ref count))
            && AllowedExpr(((Return)statements[statements.Count - 1]).Value, sameType);
        return accepted && count < StatementBudget;
    }

    private static bool Allowed(Stmt statement, HashSet<string> collections, bool sameType, ref int count)
    {
        count++;
        switch (statement)
        {
            case LocalDeclaration d:
                return d.Initializer is null || AllowedExpr(d.Initializer, sameType);
            case Assignment a:
                return AllowedExpr(a.Value, sameType);
            case ElementAssignment e:
                return e.Collection is CollectionRef target && !collections.Contains(target.Name)
                    && AllowedExpr(e.Index, sameType) && AllowedExpr(e.Value, sameType);
            case Block b:
                return AllAllowed(b, collections, sameType, ref count);
            case If i:
                return AllowedExpr(i.Condition, sameType) && AllAllowed(i.Then, collections, sameType, ref count)
                    && (i.Else is null || AllAllowed(i.Else, collections, sameType, ref count));
            case Switch s:
                if (!AllowedExpr(s.Governing, sameType))
                {
                    return false;
                }

                foreach (SwitchSection section in s.Sections)
                {
                    if (!AllAllowed(section.Body, collections, sameType, ref count))
                    {
                        return false;
                    }
                }

                return true;
            case While w:
                return AllowedExpr(w.Condition, sameType) && AllAllowed(w.Body, collections, sameType, ref count);
            case DoWhile d:
                return AllowedExpr(d.Condition, sameType) && AllAllowed(d.Body, collections, sameType, ref count);
            case For f:
                foreach (Stmt part in f.Initializers.Concat(f.Incrementors))
                {
                    if (!Allowed(part, collections, sameType, ref count))
                    {
                        return false;
                    }
                }

                return (f.Condition is null || AllowedExpr(f.Condition, sameType)) && AllAllowed(f.Body, collections, sameType, ref count);
            case ForEach fe:
                return AllowedExpr(fe.Collection, sameType) && AllAllowed(fe.Body, collections, sameType, ref count);
            case Break or Continue:
                return true;
            default:
                // Return (not last), Throw, LocalArray, and any statement added later.
                return false;
        }
    }

    private static bool AllAllowed(Block block, HashSet<string> collections, bool sameType, ref int count)
    {
        foreach (Stmt statement in block.Statements)
        {
            if (!Allowed(statement, collections, sameType, ref count))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllowedExpr(Expr expr, bool sameType) =>
        !ExprChildren.Any(expr, e => e is UserCall || (e is MemberRead && !sameType) || (e is SwitchExpression s && !SwitchAllowed(s, sameType)));

    // ExprChildren does not look into switch expressions: their governing value and arms are checked here.
    private static bool SwitchAllowed(SwitchExpression s, bool sameType) =>
        AllowedExpr(s.Governing, sameType) && s.Arms.All(arm => AllowedExpr(arm.Value, sameType));
}
