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
