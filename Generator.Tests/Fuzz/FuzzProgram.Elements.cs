using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

// The constructs of the reductions, stepped indices, 2-D arrays and jagged parameters. Their indices are chosen in range when
// the program is generated and printed as the same text in both printings: the twin's collections are Tensor[], Tensor[,]
// and Tensor[][] indexed exactly as the C# arrays are.

/// <summary>The shapes of the collections that are not <see cref="FuzzIndex.ArrayLength"/> long.</summary>
public static class FuzzShapes
{
    /// <summary>Every 2-D array is 2 × 3, so a row index and a column index are never interchangeable by accident.</summary>
    public const int MatrixRows = 2;

    public const int MatrixColumns = 3;

    /// <summary>A jagged parameter's rows: ragged, every row nonempty, rows 0 and 2 as long as any other collection.</summary>
    public static readonly ImmutableArray<int> JaggedRowLengths = ImmutableArray.Create(3, 2, 3);

    /// <summary>The elements of a matrix in row-major order: the order of its coordinates in the point.</summary>
    public static IEnumerable<(int Row, int Column)> MatrixElements =>
        Enumerable.Range(0, MatrixRows).SelectMany(r => Enumerable.Range(0, MatrixColumns).Select(c => (r, c)));

    /// <summary>The elements of a jagged parameter row by row: the order of its coordinates in the point.</summary>
    public static IEnumerable<(int Row, int Column)> JaggedElements =>
        Enumerable.Range(0, JaggedRowLengths.Length).SelectMany(r => Enumerable.Range(0, JaggedRowLengths[r]).Select(c => (r, c)));
}

/// <summary>
/// <c>Collection[Index]</c> with both texts printed as they are: an element of a 2-D array (<c>m1[i2, (i3 + 1) % 3]</c>), of a
/// jagged parameter (<c>J[1][0]</c>, <c>J[r4][J[r4].Length - 1]</c>) or of one of its rows (<c>row5[j6]</c>), in range by construction.
/// </summary>
public sealed record ElementAt(string Collection, string Index) : FuzzExpr;

/// <summary><c>Collection[Index] Op Value;</c> with Op one of "=", "+=", "*=": a store into a 2-D array.</summary>
public sealed record ElementWrite(string Collection, string Index, string Op, FuzzExpr Value) : FuzzStatement;

/// <summary><c>double[,] Name = new double[Rows, Columns];</c> (the extents written as <see cref="ExtentsText"/>); the twin's is zeros.</summary>
public sealed record DeclareMatrix(string Name, string ExtentsText) : FuzzStatement;

/// <summary>
/// An int local stepped where it indexes: <c>Name++</c>, <c>Name--</c>, or <c>++Name</c>, <c>--Name</c> when
/// <paramref name="Prefix"/>. C# runs it inside the statement; the generator just before it.
/// </summary>
public sealed record IntStep(string Name, bool Up, bool Prefix)
{
    public override string ToString() => Prefix ? (Up ? "++" : "--") + Name : Name + (Up ? "++" : "--");
}

/// <summary><c>Array[Step]</c>: a read whose index steps an int local nothing else in the statement reads.</summary>
public sealed record SteppedRead(string Array, IntStep Step) : FuzzExpr;

/// <summary><c>Array[Step] Op Value;</c> with Op one of "=", "+=", "*=": a store whose index steps an int local.</summary>
public sealed record SteppedWrite(string Array, IntStep Step, string Op, FuzzExpr Value) : FuzzStatement;

/// <summary>
/// An operand of a <see cref="Reduction"/>: the elements [Start, Start + Length) of <paramref name="Collection"/> (a name, or a
/// jagged row <c>J[1]</c>, in both printings), written in C# as <paramref name="Text"/> (the name, <c>AsSpan(s, n)</c>,
/// <c>Slice(s, n)</c>, a range). <paramref name="ReadOnly"/>: the text is a ReadOnlySpan, whose T C# infers.
/// </summary>
public sealed record ReductionOperand(string Collection, int Start, int Length, string Text, bool ReadOnly);

/// <summary>
/// <c>TensorPrimitives.Method(First)</c>, or <c>(First, Second)</c> for Dot and Distance (operands of one length); with
/// <c>&lt;double&gt;</c> when an operand is not a ReadOnlySpan (C# infers T only from ReadOnlySpan arguments).
/// </summary>
public sealed record Reduction(string Method, ReductionOperand First, ReductionOperand? Second) : FuzzExpr
{
    public static readonly IReadOnlyList<string> Unary = new[] { "Sum", "SumOfSquares", "SumOfMagnitudes", "Norm", "Product", "Max", "Min" };

    public static readonly IReadOnlyList<string> Binary = new[] { "Dot", "Distance" };

    /// <summary>
    /// Max, Min, Product and Distance of no elements throw ArgumentException (the first 3,000 programs from seed 136000000 had
    /// 14 empty Distances and Products): their operands are never empty. Sum, SumOfSquares, SumOfMagnitudes, Norm and Dot
    /// of nothing are 0.
    /// </summary>
    public static bool NeedsElements(string method) => method is "Max" or "Min" or "Product" or "Distance";

    public bool TypeArgument => !First.ReadOnly || Second is { ReadOnly: false } || ExplicitAnyway;

    /// <summary>Some calls with only ReadOnlySpan operands write <c>&lt;double&gt;</c> all the same.</summary>
    public bool ExplicitAnyway { get; init; }
}
