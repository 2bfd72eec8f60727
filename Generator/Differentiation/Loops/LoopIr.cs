using System.Collections.Generic;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

// The structured, mutable form that methods with loops, spans or arrays are differentiated in (Tapenade's
// way): variables keep being reassigned, so the reverse sweep restores what an assignment destroyed by
// popping the value the forward sweep pushed. break, continue and return have become flags, so every
// construct is an assignment, an if or a loop, and each runs its reverse in one piece.

internal abstract record LStmt(SourceInfo? Source);

/// <summary><c>Target = Value</c> on a scalar variable (every local is declared once, at the top).</summary>
internal sealed record LAssign(SourceInfo? Source, VariableRef Target, Expr Value) : LStmt(Source);

/// <summary><c>Array[Index] = Value</c>.</summary>
internal sealed record LStore(SourceInfo? Source, CollectionRef Array, Expr Index, Expr Value) : LStmt(Source);

/// <summary>An if; <paramref name="Id"/> numbers the saved branch decision.</summary>
internal sealed record LIf(SourceInfo? Source, int Id, Expr Condition, IReadOnlyList<LStmt> Then, IReadOnlyList<LStmt> Else) : LStmt(Source);

/// <summary>
/// A loop tested before each iteration. A counted loop (<paramref name="Counter"/> set: <c>for (int i = a; …; i++)</c>
/// whose body never assigns i) runs its reverse with the counter itself, from the last value down; any other loop
/// runs its reverse once per recorded iteration. <paramref name="Step"/> runs after the body (a for's incrementors).
/// </summary>
internal sealed record LLoop(SourceInfo? Source, int Id, LoopCounter? Counter, Expr Condition, IReadOnlyList<LStmt> Body, IReadOnlyList<LStmt> Step) : LStmt(Source);

/// <summary>The counter of a counted loop: starts at <paramref name="Start"/>, moves by <paramref name="Step"/> (+1 or -1).</summary>
internal sealed record LoopCounter(VariableRef Variable, Expr Start, int Step);

/// <summary>A local array (new T[n] or stackalloc T[n]); generated code takes it from the array pool.</summary>
internal sealed record LArray(SourceInfo? Source, CollectionRef Array, Expr Length) : LStmt(Source);

/// <summary>
/// <c>throw Thrown;</c>, its holes renamed. Nothing follows it in its statement list, and the list's reverse is empty: a
/// path that throws never reaches the reverse sweep. The emitter gives back what the entry holds before throwing.
/// </summary>
internal sealed record LThrow(SourceInfo? Source, ThrownExpression Thrown) : LStmt(Source);

/// <summary>A method in the loop form: its statements, every scalar local (declared at the top), its local arrays and its result.</summary>
internal sealed record LoopMethod(
    IReadOnlyList<LStmt> Body,
    IReadOnlyList<VariableRef> Locals,
    IReadOnlyList<CollectionRef> LocalArrays,
    VariableRef Result,
    NameAllocator Names)
{
    /// <summary>Floating locals that are never differentiated, whatever they are assigned (a search's working copy, see <see cref="LastWriteLoops"/>).</summary>
    public IReadOnlyList<string> Passive { get; init; } = System.Array.Empty<string>();
}
