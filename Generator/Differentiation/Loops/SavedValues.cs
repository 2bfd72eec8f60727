using System.Collections.Generic;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

// Values of a statement that the forward sweep computes once and keeps on the tape, because the reverse sweep
// needs them and recomputing them there would cost more than a push and a pop: the result of an expensive math
// call (Exp, Log, Sqrt, Tanh…), and a callee's partial derivatives, which the forward sweep gets together with its
// value from the callee's gradient entry instead of calling the callee twice.

/// <summary>A value of a statement that the forward sweep saves for the reverse sweep; <see cref="Original"/> is the source expression it replaces.</summary>
internal abstract record SavedNode(VariableRef Temp, Expr Original);

/// <summary>The result of an expensive math call, pushed after it is computed and popped into <see cref="SavedNode.Temp"/>.</summary>
internal sealed record SavedMath(VariableRef Temp, MathCall Call) : SavedNode(Temp, Call);

/// <summary>
/// A call to a [Differentiable] callee made through its gradient entry in the forward sweep: its partials (one per
/// differentiable parameter, in order) are kept, and its value too when <paramref name="ValueRead"/> (the reverse reads it).
/// </summary>
internal sealed record SavedCall(VariableRef Temp, UserCall Call, IReadOnlyList<SavedPartial> Partials, bool ValueRead) : SavedNode(Temp, Call);

/// <summary>
/// The partial of a callee parameter: a scalar, or for a span parameter a span as long as <paramref name="Argument"/>
/// (reserved on the tape by the forward sweep, popped as a whole by the reverse sweep). With <paramref name="Operand"/>,
/// the span partial is <paramref name="Scale"/> times that argument's elements (TensorPrimitives' Dot(a, b) by a is b;
/// SumOfSquares(a) by a is 2a), a parameter the method never writes: nothing is kept, the reverse sweep reads them.
/// </summary>
internal sealed record SavedPartial(int Parameter, string Name, ScalarKind Kind, CollectionRef? Argument, CollectionRef? Operand = null, double Scale = 1)
{
    /// <summary>Whether the forward sweep keeps this partial (a scalar, or a span reserved on the tape).</summary>
    public bool IsKept => Operand is null;
}

/// <summary>Pops what the forward sweep saved for <paramref name="Node"/> (in the reverse order of its pushes).</summary>
internal sealed record RPopSaved(SavedNode Node) : RInstr;

/// <summary>
/// The reverse of a call whose partials the forward sweep saved: adds seed × partial into each adjoint
/// (one per differentiable callee parameter: an assignable scalar adjoint, an adjoint span, or null when not active).
/// </summary>
internal sealed record RSavedCallBackward(SavedCall Call, Expr Seed, IReadOnlyList<Expr?> Adjoints) : RInstr;
