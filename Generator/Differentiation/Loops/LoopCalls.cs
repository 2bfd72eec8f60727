using System.Linq;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>Where the loop form calls [Differentiable] methods or rules: such a call shares the tape with the caller.</summary>
internal static class LoopCalls
{
    /// <summary>True when no statement of <paramref name="statement"/> (a loop nest) calls a [Differentiable] method or rule.</summary>
    public static bool CallFree(LStmt statement) => statement switch
    {
        LAssign a => !HasCall(a.Value),
        LStore s => !HasCall(s.Value) && !HasCall(s.Index),
        LArray a => !HasCall(a.Length),
        // The thrown expression runs after the entry has given its state back (the lent arrays included).
        LThrow => true,
        LIf i => !HasCall(i.Condition) && i.Then.All(CallFree) && i.Else.All(CallFree),
        LLoop l => !HasCall(l.Condition) && (l.Counter is null || !HasCall(l.Counter.Start)) && l.Body.All(CallFree) && l.Step.All(CallFree),
        _ => false,
    };

    /// <summary>True when <paramref name="expr"/> calls a [Differentiable] method or a method with a custom derivative.</summary>
    public static bool HasCall(Expr expr) => ExprChildren.Any(expr, e => e is UserCall);
}
