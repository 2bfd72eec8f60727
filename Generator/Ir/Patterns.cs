using System;

namespace AutoDiffGen.Generator.Ir;

/// <summary>The patterns of switch statements and expressions that AutoDiffGen supports, on int or floating values.</summary>
internal abstract record Pattern;

internal sealed record ConstantPattern(Expr Value) : Pattern;

internal sealed record RelationalPattern(BinaryOperator Operator, Expr Value) : Pattern;

internal sealed record NotPattern(Pattern Operand) : Pattern;

internal sealed record AndPattern(Pattern Left, Pattern Right) : Pattern;

internal sealed record OrPattern(Pattern Left, Pattern Right) : Pattern;

/// <summary><c>_</c> in a switch expression, <c>default:</c> in a switch statement.</summary>
internal sealed record DiscardPattern : Pattern;

/// <summary>Patterns as conditions: switch sections and arms, and <c>value is pattern</c>, test them this way.</summary>
internal static class PatternConditions
{
    /// <summary>The bool expression that is true when <paramref name="value"/> matches <paramref name="pattern"/>.</summary>
    public static Expr Of(Pattern pattern, Expr value) => pattern switch
    {
        DiscardPattern => new Constant(ScalarKind.Bool, 1),
        // C# matches NaN by NaN (x is double.NaN is true for NaN), which == never does.
        ConstantPattern { Value: Constant { Value: var v } } when double.IsNaN(v) => new Binary(ScalarKind.Bool, BinaryOperator.NotEqual, value, value),
        ConstantPattern c => new Binary(ScalarKind.Bool, BinaryOperator.Equal, value, AsKind(c.Value, value.Kind)),
        RelationalPattern r => new Binary(ScalarKind.Bool, r.Operator, value, AsKind(r.Value, value.Kind)),
        NotPattern n => new Unary(ScalarKind.Bool, UnaryOperator.LogicalNot, Of(n.Operand, value)),
        AndPattern a => new Binary(ScalarKind.Bool, BinaryOperator.LogicalAnd, Of(a.Left, value), Of(a.Right, value)),
        OrPattern o => new Binary(ScalarKind.Bool, BinaryOperator.LogicalOr, Of(o.Left, value), Of(o.Right, value)),
        _ => throw new NotSupportedException("Unknown pattern " + pattern.GetType().Name),
    };

    private static Expr AsKind(Expr constant, ScalarKind kind) =>
        constant is Constant c && c.Kind != kind && kind.IsFloatingPoint() ? new Constant(kind, c.Value) : constant;
}
