using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Ir;

/// <summary>Substitutes expressions for variables, for the rewrites that repeat a statement's value elsewhere.</summary>
internal static class ExprSubstitution
{
    /// <summary>
    /// <paramref name="expr"/> with the variables named in <paramref name="values"/> replaced; null for an expression
    /// it does not know (then the caller leaves its code as it is).
    /// </summary>
    public static Expr? Replace(Expr expr, IReadOnlyDictionary<string, Expr> values)
    {
        switch (expr)
        {
            case VariableRef v:
                return values.TryGetValue(v.Name, out Expr? value) ? value : v;
            case CollectionRef { View: { } view } c:
                return Replace(view.Start, values) is { } start && Replace(view.Length, values) is { } length ? c with { View = new SpanView(start, length) } : null;
            case Constant or MemberRead or CollectionRef or LengthOf:
                return expr;
            case Unary u:
                return Replace(u.Operand, values) is { } operand ? u with { Operand = operand } : null;
            case Binary b:
                return Replace(b.Left, values) is { } left && Replace(b.Right, values) is { } right ? b with { Left = left, Right = right } : null;
            case Conversion c:
                return Replace(c.Operand, values) is { } converted ? c with { Operand = converted } : null;
            case Conditional c:
                return Replace(c.Condition, values) is { } condition && Replace(c.WhenTrue, values) is { } whenTrue && Replace(c.WhenFalse, values) is { } whenFalse
                    ? c with { Condition = condition, WhenTrue = whenTrue, WhenFalse = whenFalse }
                    : null;
            case ElementRead e:
                return Replace(e.Index, values) is { } index ? e with { Index = index } : null;
            case MathCall m:
                List<Expr?> arguments = m.Arguments.Select(a => Replace(a, values)).ToList();
                return arguments.All(a => a is not null) ? m with { Arguments = arguments.Select(a => a!).ToEquatableArray() } : null;
            case UserCall call:
                List<Expr?> callArguments = call.Arguments.Select(a => Replace(a, values)).ToList();
                return callArguments.All(a => a is not null) ? call with { Arguments = callArguments.Select(a => a!).ToEquatableArray() } : null;
            default:
                return null;
        }
    }
}
