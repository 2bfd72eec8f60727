using System.Collections.Generic;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

// The reverse sweep of a loop-form method. Adjoints are named by VariableRef (a scalar adjoint) or by an
// ElementRead of an adjoint span (an element's adjoint); both print as assignable C#.

internal abstract record RInstr;

/// <summary>The reverse of one source statement, under a comment naming its line.</summary>
internal sealed record RGroup(SourceInfo Source, IReadOnlyList<RInstr> Body) : RInstr;

/// <summary>Pops the value the assignment destroyed back into <paramref name="Target"/> (emitted only if the reverse sweep reads the target).</summary>
internal sealed record RRestore(LStmt Assignment, VariableRef Target) : RInstr;

/// <summary>Pops the element value the store destroyed (emitted only if the reverse sweep reads the array).</summary>
internal sealed record RRestoreElement(LStmt Store, CollectionRef Array, Expr Index) : RInstr;

/// <summary>Recomputes an intermediate of a statement: <c>T temp = value;</c>.</summary>
internal sealed record RLet(VariableRef Temp, Expr Value) : RInstr;

/// <summary>Recomputes a call's value and its partial derivatives through the callee's gradient entry.</summary>
internal sealed record RCallPartials(VariableRef Temp, UserCall Call, IReadOnlyList<string?> PartialNames) : RInstr;

/// <summary><c>T local = adjoint; adjoint = 0;</c>: takes the adjoint of the value an assignment overwrites.</summary>
internal sealed record RTake(VariableRef Local, Expr Adjoint) : RInstr;

/// <summary><c>adjoint = 0;</c>: a take whose value nobody reads (the adjoint is read again, by a later iteration or statement).</summary>
internal sealed record RZero(Expr Adjoint) : RInstr;

/// <summary><c>adjoint += contribution</c>, or <c>T adjoint = contribution</c> when <paramref name="Declare"/>.</summary>
internal sealed record RAdd(Expr Adjoint, Expr Contribution, bool Declare) : RInstr;

/// <summary><c>T adjoint = 0;</c> for an intermediate whose adjoint a callee's Backward accumulates into.</summary>
internal sealed record RDeclareZero(VariableRef Adjoint) : RInstr;

/// <summary>
/// The reverse of a call to a [Differentiable] method taking spans: the callee's Forward recomputes its tape
/// and its Backward adds seed × ∂callee into <paramref name="Adjoints"/> (one per differentiable callee parameter:
/// an assignable scalar adjoint, an adjoint span, or null for an argument that is not active).
/// </summary>
internal sealed record RSpanCallBackward(int Id, UserCall Call, Expr Seed, IReadOnlyList<Expr?> Adjoints) : RInstr;

/// <summary>Runs <paramref name="Then"/> or <paramref name="Else"/> as the forward sweep's branch did.</summary>
internal sealed record RIf(LIf Forward, IReadOnlyList<RInstr> Then, IReadOnlyList<RInstr> Else) : RInstr;

/// <summary>
/// Runs the reverse of each iteration of <paramref name="Forward"/>, last first. With <paramref name="LastCounter"/>
/// set (a counted loop without early exit whose bounds the body leaves alone), the reverse runs the counter from that
/// expression down to the start, as hand-written code does, and the forward sweep records nothing.
/// </summary>
internal sealed record RLoop(LLoop Forward, IReadOnlyList<RInstr> Step, IReadOnlyList<RInstr> Body, Expr? LastCounter = null) : RInstr;
