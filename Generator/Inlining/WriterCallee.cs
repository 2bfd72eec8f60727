using System;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Inlining;

/// <summary>
/// Which callees that write their arguments' elements can have their statements stand in for a call (see
/// <see cref="WriterInliner"/>). Such a callee has no gradient entry a caller could use instead, so what is refused here
/// is reported at the call.
/// </summary>
internal static class WriterCallee
{
    /// <summary>
    /// Why <paramref name="callee"/>'s statements cannot stand in for a call from <paramref name="caller"/>, or null if they can:
    /// it must be static, with no [NoDerivative] floating parameter (its value would start taking derivatives once inlined),
    /// no <c>throw</c>, one <c>return</c> (its last statement) or none for void, and no fields, properties or non-public
    /// methods of another type than the caller's (the caller's code could not reach them). Its local arrays become the
    /// caller's (<see cref="WriterInliner"/> says when a loop of the caller can hold them).
    /// </summary>
    public static string? WhyNotInlinable(MethodModel callee, MethodModel caller, Func<string, MethodModel?> models)
    {
        if (!callee.IsStatic)
        {
            return "it is an instance method: make it static";
        }

        if (callee.Parameters.FirstOrDefault(p => p.Kind is { } kind && kind.IsFloatingPoint() && !p.IsDifferentiable) is { } passive)
        {
            return $"its parameter '{passive.Name}' is [NoDerivative], which its statements could not keep once in the caller: remove the attribute";
        }

        var statements = callee.Body.Statements;
        Stmt? last = statements.Count == 0 ? null : statements[statements.Count - 1];
        foreach (Stmt statement in StmtChildren.AllOf(callee.Body))
        {
            switch (statement)
            {
                case Throw:
                    return "it throws: check its arguments in the caller";
                case Return when callee.ReturnsVoid || !ReferenceEquals(statement, last):
                    return "it returns before its end: let it run to its end with if/else";
            }
        }

        bool sameType = callee.Namespace == caller.Namespace && callee.ContainingTypes.Equals(caller.ContainingTypes);
        if (sameType)
        {
            return null;
        }

        foreach (Expr expr in StmtChildren.AllOf(callee.Body).SelectMany(StmtChildren.ExpressionsOf).SelectMany(ExprChildren.AllOf))
        {
            switch (expr)
            {
                case MemberRead member:
                    return $"it reads '{member.Code}' of its own type, which the caller's type may not reach: pass the value in";
                case UserCall call when !IsReachable(call.Callee, models):
                    return $"it calls '{call.Callee.Name}', which the caller's type may not reach: make that method public or internal";
            }
        }

        return null;
    }

    // A [Differentiable] method of this compilation is reachable when public or internal; one compiled elsewhere is public.
    private static bool IsReachable(Callee callee, Func<string, MethodModel?> models) =>
        callee.CalleeKind == CalleeKind.Differentiable && callee.Receiver is null &&
        (models(callee.Key) is not { } model || model.Accessibility is "public" or "internal" or "protected internal");
}
