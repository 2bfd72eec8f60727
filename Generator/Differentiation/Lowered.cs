using System.Collections.Generic;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation;

// The lowered form the differentiation works on: every intermediate value has its own uniquely named
// variable (static single assignment per path, operands are atoms: a Constant or a VariableRef), so the
// reverse sweep can read any value the forward sweep computed without saving or restoring anything.

/// <summary>One operation of the lowered form; operands are atoms.</summary>
internal abstract record Op;

internal sealed record CopyOp(Expr Value) : Op;

internal sealed record UnaryOp(UnaryOperator Operator, Expr Operand) : Op;

internal sealed record BinaryOp(BinaryOperator Operator, Expr Left, Expr Right, SourceSpan? Span) : Op;

internal sealed record ConvertOp(ScalarKind To, Expr Operand, SourceSpan? Span) : Op;

internal sealed record MathOp(MathFunction Function, MathContainer Container, IReadOnlyList<Expr> Arguments) : Op;

/// <summary>A read of a field or property, done once in the forward sweep.</summary>
internal sealed record ReadOp(string Code) : Op;

/// <summary>
/// A call to a [Differentiable] method or to a method with a custom rule. When an argument is active
/// the emitter calls the callee's gradient entry, which also writes the partial derivatives named in
/// <paramref name="PartialNames"/> (one per callee parameter; null where the callee has no partial).
/// </summary>
internal sealed record CallOp(Callee Callee, CustomRuleModel? Rule, IReadOnlyList<Expr> Arguments, IReadOnlyList<string?> PartialNames) : Op;

internal abstract record Instr;

/// <summary><c>Target = Op</c>. A variable is defined once on any path (phi copies define it once per branch).</summary>
internal sealed record Define(VariableRef Target, Op Op) : Instr;

internal sealed record Branch(Expr Condition, IReadOnlyList<Instr> Then, IReadOnlyList<Instr> Else) : Instr;

/// <summary>The instructions of one source statement, for the comment naming its line.</summary>
internal sealed record Group(SourceInfo Source, IReadOnlyList<Instr> Body) : Instr;

/// <summary>A switch expression matched no arm: throw, as C# does.</summary>
internal sealed record NoMatch(Expr Governing, bool HasSwitchExpressionException) : Instr;

/// <summary>A <c>throw</c> statement: its path ends here, so nothing follows it and the reverse sweep has nothing of that path.</summary>
internal sealed record Raise(ThrownExpression Thrown) : Instr;

/// <summary>Reverse sweep only: <c>Adjoint += Contribution</c>, or its first write (see <see cref="AdjointPeepholes"/>).</summary>
internal sealed record Accumulate(VariableRef Adjoint, Expr Contribution, AdjointWrite Write = AdjointWrite.Add) : Instr;

/// <summary>How an <see cref="Accumulate"/> is written: <c>d += e</c>, <c>d = e</c> (d was still zero), or <c>T d = e</c>.</summary>
internal enum AdjointWrite
{
    Add,
    Assign,
    Declare,
}

/// <summary>A method after lowering: its instructions, its result variable and its parameters.</summary>
internal sealed record LoweredMethod(IReadOnlyList<Instr> Body, VariableRef Result, IReadOnlyList<ParameterModel> Parameters, NameAllocator Names);
