using System.Collections.Immutable;

namespace AutoDiffGen.Generator.Tests.Fuzz;

// Local functions and read-only references (LocalFunctions, InParameters). Both printings are C#: the twin declares the same
// local functions on Tensor, and its in parameters are references too, so a call that passes one variable both by ref and
// by in reads through the twin's reference what the C# method reads through its own.

/// <summary>A parameter of a local function: a double (by value, or <c>in</c> when <paramref name="In"/>) or an int index.</summary>
public sealed record LocalParameter(string Name, bool IsInt, bool In);

/// <summary>
/// <c>[static] double Name(…) => Result;</c>, or with a block when <paramref name="Body"/> has statements (<c>{ Body; return
/// Result; }</c>); the twin's returns Tensor. <paramref name="NeedsStatement"/>: its body has statements once taken in (its
/// own, or those of a LINQ call or a local function with statements that it calls), so the generator runs them just before the
/// calling statement, and a call of it must stand where that statement always runs it.
/// </summary>
public sealed record DeclareLocalFunction(string Name, bool Static, ImmutableArray<LocalParameter> Parameters, ImmutableArray<FuzzStatement> Body, FuzzExpr Result, bool NeedsStatement)
    : FuzzStatement;

/// <summary><c>Name(Arguments)</c>: a call of a local function of F (an int parameter takes an <see cref="IntArg"/>).</summary>
public sealed record LocalCall(string Name, ImmutableArray<FuzzExpr> Arguments) : FuzzExpr;

/// <summary><c>in Name</c>: a double variable passed to an <c>in</c> or <c>ref readonly</c> parameter by reference.</summary>
public sealed record InArg(string Name) : FuzzExpr;
