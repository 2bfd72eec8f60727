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
        List<Stmt> body = statements.Take(statements.Count - 1).SelectMany(StmtChildren.AllOf).ToList();
        return body.Count(s => s is not Block) < StatementBudget
            && body.All(s => Allowed(s, collections) && StmtChildren.ExpressionsOf(s).All(e => AllowedExpr(e, sameType)))
            && AllowedExpr(((Return)statements[statements.Count - 1]).Value, sameType);
    }

    // Return (but the last), Throw, LocalArray, and any statement added later, are not.
    private static bool Allowed(Stmt statement, HashSet<string> collections) => statement switch
    {
        LocalDeclaration or Assignment or Block or If or Switch or While or DoWhile or For or ForEach or Break or Continue => true,
        ElementAssignment { Collection: CollectionRef target } => !collections.Contains(target.Name),
        _ => false,
    };

    private static bool AllowedExpr(Expr expr, bool sameType) =>
        !ExprChildren.Any(expr, e => e is UserCall || (e is MemberRead && !sameType));
}
