using System;
using System.Collections.Generic;
using System.Linq;

namespace AutoDiffGen.Generator.Ir;

/// <summary>The subexpressions an expression evaluates, for walks that look for a kind of node anywhere in it.</summary>
internal static class ExprChildren
{
    public static IEnumerable<Expr> Of(Expr expr) => expr switch
    {
        Unary u => new[] { u.Operand },
        Binary b => new[] { b.Left, b.Right },
        Conversion c => new[] { c.Operand },
        Conditional c => new[] { c.Condition, c.WhenTrue, c.WhenFalse },
        MathCall m => m.Arguments,
        UserCall u => u.Arguments,
        ElementRead e => new[] { e.Collection, e.Index },
        LengthOf l => new[] { l.Collection },
        CollectionRef { View: { } view } => new[] { view.Start, view.Length },
        // Before the loop form lowers them (LoopDesugaring), switch expressions stand in the IR: the value tested and every
        // arm's value (the patterns hold constants only).
        SwitchExpression s => s.Arms.Select(arm => arm.Value).Prepend(s.Governing),
        _ => Array.Empty<Expr>(),
    };

    /// <summary><paramref name="expr"/> and every expression nested in it, outermost first.</summary>
    public static IEnumerable<Expr> AllOf(Expr expr) => Of(expr).SelectMany(AllOf).Prepend(expr);

    /// <summary>True when <paramref name="test"/> holds for <paramref name="expr"/> or any expression nested in it.</summary>
    public static bool Any(Expr expr, Func<Expr, bool> test) => test(expr) || Of(expr).Any(child => Any(child, test));
}
