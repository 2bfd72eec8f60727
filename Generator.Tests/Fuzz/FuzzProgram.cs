using System.Collections.Generic;
using System.Collections.Immutable;

namespace AutoDiffGen.Generator.Tests.Fuzz;

// The fuzzer's own small syntax tree. Printers turn it into C# on doubles (for the generator) and
// into the same function on float64 tensors (for the runtime's dynamic graph), so both oracles see
// one program; the shrinker rewrites it. Safe-domain forms (Log of 1 + e², division by 1 + e²…) are
// single nodes so that shrinking a subexpression can never step outside the function's domain.

public abstract record FuzzExpr;

public sealed record Num(double Value) : FuzzExpr;

/// <summary>A double variable: parameter or local.</summary>
public sealed record Var(string Name) : FuzzExpr;

public sealed record Neg(FuzzExpr Operand) : FuzzExpr;

/// <summary>'+', '-' or '*'.</summary>
public sealed record Binary(char Op, FuzzExpr Left, FuzzExpr Right) : FuzzExpr;

/// <summary>Left / (1 + Den²): never divides by zero.</summary>
public sealed record SafeDiv(FuzzExpr Numerator, FuzzExpr Den) : FuzzExpr;

/// <summary>A one-argument Math function, or a safe-domain composite (see <see cref="UnaryFunctions"/>).</summary>
public sealed record Unary(string Function, FuzzExpr Arg) : FuzzExpr;

/// <summary>Math.Pow(Base, Exponent) for a small integer exponent.</summary>
public sealed record PowInt(FuzzExpr Base, int Exponent) : FuzzExpr;

/// <summary>Math.Pow(1 + Base², Math.Sin(Exponent)): a variable exponent on a positive base.</summary>
public sealed record PowVar(FuzzExpr Base, FuzzExpr Exponent) : FuzzExpr;

public sealed record MinMax(bool IsMax, FuzzExpr Left, FuzzExpr Right) : FuzzExpr;

public sealed record Conditional(FuzzCondition Condition, FuzzExpr WhenTrue, FuzzExpr WhenFalse) : FuzzExpr;

/// <summary>A call to another generated [Differentiable] method of the same program.</summary>
public sealed record Call(string Method, ImmutableArray<FuzzExpr> Arguments) : FuzzExpr;

/// <summary>An element of a local array: arrays have <see cref="FuzzIndex.ArrayLength"/> elements.</summary>
public sealed record ArrayRead(string Array, FuzzIndex Index) : FuzzExpr;

/// <summary>
/// An array index that is always in bounds: a constant, or a loop counter (loops run at most
/// <see cref="ArrayLength"/> times) plus an offset, wrapped.
/// </summary>
public sealed record FuzzIndex(string? Counter, int Offset)
{
    public const int ArrayLength = 3;
}

public abstract record FuzzCondition;

/// <summary>Left Op Right on doubles; Op is one of &lt; &lt;= &gt; &gt;=.</summary>
public sealed record DoubleComparison(FuzzExpr Left, string Op, FuzzExpr Right) : FuzzCondition;

/// <summary>An int local compared with a constant: integer control flow.</summary>
public sealed record IntComparison(string IntLocal, string Op, int Constant) : FuzzCondition;

public abstract record FuzzStatement;

public sealed record DeclareDouble(string Name, FuzzExpr Value) : FuzzStatement;

public sealed record Assign(string Name, FuzzExpr Value) : FuzzStatement;

/// <summary>Name Op= Value for Op in + - *; '/' divides by 1 + Value².</summary>
public sealed record CompoundAssign(string Name, char Op, FuzzExpr Value) : FuzzStatement;

/// <summary>Name++ or Name--.</summary>
public sealed record Increment(string Name, bool Up) : FuzzStatement;

public sealed record DeclareInt(string Name, int Value) : FuzzStatement;

/// <summary>Name += Delta on an int local.</summary>
public sealed record IntAdd(string Name, int Delta) : FuzzStatement;

public sealed record If(FuzzCondition Condition, ImmutableArray<FuzzStatement> Then, ImmutableArray<FuzzStatement> Else) : FuzzStatement;

/// <summary>if (Condition) return Value; — an early return.</summary>
public sealed record ReturnIf(FuzzCondition Condition, FuzzExpr Value) : FuzzStatement;

/// <summary>double[] Name = new double[FuzzIndex.ArrayLength];</summary>
public sealed record DeclareArray(string Name) : FuzzStatement;

/// <summary>Array[Index] Op Value, Op one of "=", "+=", "*=": overwrites the reverse sweep must undo.</summary>
public sealed record ArrayWrite(string Array, FuzzIndex Index, string Op, FuzzExpr Value) : FuzzStatement;

/// <summary>for (int Counter = 0; Counter &lt; Count; Counter++) { Body }</summary>
public sealed record For(string Counter, int Count, ImmutableArray<FuzzStatement> Body) : FuzzStatement;

/// <summary>if (Condition) break; — only inside a loop.</summary>
public sealed record BreakIf(FuzzCondition Condition) : FuzzStatement;

public sealed record FuzzMethod(string Name, ImmutableArray<string> Parameters, ImmutableArray<FuzzStatement> Body, FuzzExpr Result);

/// <summary>
/// A whole program: helper methods first (each may call only earlier ones, so calls are acyclic),
/// the entry method <c>F</c> last, and the point at which gradients are compared.
/// </summary>
public sealed record FuzzProgram(long Seed, ImmutableArray<FuzzMethod> Methods, ImmutableArray<double> Point)
{
    public FuzzMethod Entry => Methods[Methods.Length - 1];
}

public static class UnaryFunctions
{
    /// <summary>Functions whose domain is the whole real line, printed as Math.Name(arg).</summary>
    public static readonly IReadOnlyList<string> Plain = new[] { "Sin", "Cos", "Tanh", "Abs" };

    /// <summary>Composites that keep Log, Sqrt and Exp inside their domain and range.</summary>
    public const string LogOnePlusSquare = "LogOnePlusSquare";   // Math.Log(1 + a * a)
    public const string SqrtOnePlusSquare = "SqrtOnePlusSquare"; // Math.Sqrt(1 + a * a)
    public const string ExpOfSin = "ExpOfSin";                   // Math.Exp(Math.Sin(a))
    public const string Gaussian = "Gaussian";                   // Math.Exp(-(a * a))

    public static readonly IReadOnlyList<string> All = new[] { "Sin", "Cos", "Tanh", "Abs", LogOnePlusSquare, SqrtOnePlusSquare, ExpOfSin, Gaussian };
}
