using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

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
public sealed record Call(string Method, ImmutableArray<FuzzExpr> Arguments) : FuzzExpr
{
    /// <summary>How the call is written in C#; the tensor twin always writes a plain call.</summary>
    public CallStyle Style { get; init; }
}

public enum CallStyle
{
    /// <summary><c>H0(a, b)</c>: a static helper of the same class, or an instance helper on <c>this</c>.</summary>
    Plain,

    /// <summary><c>a.H0(b)</c>: an extension helper, the first argument as the receiver.</summary>
    Extension,

    /// <summary><c>Model.Default.H0(a, b)</c>: an instance helper through the model's static readonly field.</summary>
    ThroughStaticField,

    /// <summary><c>Model.Shared.H0(a, b)</c>: an instance helper through the model's static property.</summary>
    ThroughStaticProperty,
}

/// <summary>Where a helper is declared, which decides who may call it and how.</summary>
public enum FuzzMethodRole
{
    /// <summary>A static method of the program's class: callable from that class only.</summary>
    Static,

    /// <summary>A static extension method (first parameter <c>this</c>) of the program's <c>_Ext</c> class: callable from anywhere.</summary>
    Extension,

    /// <summary>An instance method of the nested class <c>Model</c>, reading its constant fields: callable from the program's class and from Model.</summary>
    Instance,
}

/// <summary>A constant readonly field of the model object, read by an instance helper (see <see cref="ModelFields"/>).</summary>
public sealed record FieldRead(string Field) : FuzzExpr;

public static class ModelFields
{
    /// <summary>The model's fields and the constants they are initialised with; the tensor twin inlines the constants.</summary>
    public static readonly IReadOnlyList<(string Name, double Value)> All = new[] { ("Scale", 1.25), ("Shift", -0.5) };

    public static double ValueOf(string field) => All.Single(f => f.Name == field).Value;
}

/// <summary>An element of a local array or a collection parameter: all have <see cref="FuzzIndex.ArrayLength"/> elements.</summary>
public sealed record ArrayRead(string Array, FuzzIndex Index) : FuzzExpr;

/// <summary>A local array or collection parameter passed whole to a collection parameter of a <see cref="Call"/>.</summary>
public sealed record CollectionArg(string Name) : FuzzExpr
{
    /// <summary>The C# of a view of <see cref="Name"/> passed instead (<c>p.Slice(0, 3)</c>); the tensor twin passes the name.</summary>
    public string? ViewText { get; init; }
}

/// <summary>
/// The argument of an int parameter of a <see cref="Call"/>: a loop counter or int parameter of the caller (always in
/// [0, <see cref="FuzzIndex.ArrayLength"/>)) when <paramref name="Counter"/> is set, else the constant <paramref name="Value"/>
/// in that range, so the callee may index with it.
/// </summary>
public sealed record IntArg(string? Counter, int Value) : FuzzExpr;

/// <summary><c>ref Name</c>: a double variable of the caller given to a writer's <c>ref double</c> parameter, which the writer may read and assign.</summary>
public sealed record RefArg(string Name) : FuzzExpr;

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

/// <summary><c>(Subject is Pattern)</c> on a double expression.</summary>
public sealed record DoublePatternTest(FuzzExpr Subject, FuzzPattern Pattern) : FuzzCondition;

/// <summary><c>(IntLocal is Pattern)</c> on an int local, int parameter or loop counter; the pattern's constants are integers.</summary>
public sealed record IntPatternTest(string IntLocal, FuzzPattern Pattern) : FuzzCondition;

/// <summary><c>(Left &amp;&amp; Right)</c>, or <c>(Left || Right)</c> when <paramref name="IsOr"/>: Right is evaluated only sometimes.</summary>
public sealed record FuzzLogical(bool IsOr, FuzzCondition Left, FuzzCondition Right) : FuzzCondition;

public abstract record FuzzPattern;

/// <summary><c>Op Value</c> for Op one of &lt; &lt;= &gt; &gt;=.</summary>
public sealed record FuzzRelational(string Op, double Value) : FuzzPattern;

/// <summary>The constant pattern: equality with Value.</summary>
public sealed record FuzzConstant(double Value) : FuzzPattern;

public sealed record FuzzNot(FuzzPattern Operand) : FuzzPattern;

/// <summary><c>Left and Right</c>, or <c>Left or Right</c> when <paramref name="IsOr"/>.</summary>
public sealed record FuzzAndOr(bool IsOr, FuzzPattern Left, FuzzPattern Right) : FuzzPattern;

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

/// <summary>double[] Name = new double[FuzzIndex.ArrayLength]; or new double[LengthOf.Length] when <paramref name="LengthOf"/> names a collection.</summary>
public sealed record DeclareArray(string Name, string? LengthOf = null) : FuzzStatement
{
    /// <summary>An int local holding <see cref="FuzzIndex.ArrayLength"/>, never reassigned, that makes the array instead: <c>new double[n]</c>.</summary>
    public string? SizeLocal { get; init; }
}

/// <summary>
/// <c>ReadOnlySpan&lt;double&gt; Name = Text;</c>, or <c>Span&lt;double&gt;</c> when <paramref name="Writable"/>: a view of all of
/// <paramref name="Base"/>. The tensor twin's is the same Tensor[] as its base, so writes through it land in the base as in C#.
/// </summary>
public sealed record DeclareView(string Name, string Base, string Text, bool Writable) : FuzzStatement
{
    /// <summary>Declared <c>double[]</c>: a row of a jagged parameter taken by reference (<c>double[] row = J[0];</c>).</summary>
    public bool ArrayType { get; init; }
}

/// <summary><c>(First, Second) = (Second, First);</c> on two local arrays of one length: a buffer swap (the twin swaps its Tensor[]s).</summary>
public sealed record SwapArrays(string First, string Second) : FuzzStatement;

/// <summary>
/// <c>W0(arr, x);</c>: a call to a writer (<see cref="FuzzMethod.Written"/>) as a statement of its own, its value (if any)
/// discarded; the generator puts the writer's statements in its place.
/// </summary>
public sealed record CallStatement(Call Call) : FuzzStatement;

/// <summary>Array[Index] Op Value, Op one of "=", "+=", "*=": overwrites the reverse sweep must undo.</summary>
public sealed record ArrayWrite(string Array, FuzzIndex Index, string Op, FuzzExpr Value) : FuzzStatement;

/// <summary>The elements <c>[Start, Start + Length)</c> of a collection, printed as a view of it (<c>AsSpan</c> of an array, <c>Slice</c> of a span).</summary>
public sealed record FuzzRegion(string Collection, bool IsArray, int Start, int Length)
{
    /// <summary>All of the collection: printed by name (a span) or <c>AsSpan()</c> (an array).</summary>
    public bool Whole => Start == 0 && Length == FuzzIndex.ArrayLength;
}

/// <summary>
/// <c>Target.Clear();</c>, <c>Target.Fill(Value);</c> or <c>Source.CopyTo(Target);</c> (Method "Clear", "Fill" or "CopyTo") on
/// regions of the same length; the twin clears, fills or <c>Array.Copy</c>s its Tensor[]s, which copies overlapping regions
/// of one array as CopyTo does.
/// </summary>
public sealed record SpanStore(string Method, FuzzRegion Target, FuzzRegion? Source = null, FuzzExpr? Value = null) : FuzzStatement;

/// <summary>
/// for (int Counter = 0; Counter &lt; Count; Counter++) { Body }, or Counter &lt; LengthOf.Length when
/// <paramref name="LengthOf"/> names a collection (then Count is its length, <see cref="FuzzIndex.ArrayLength"/>).
/// </summary>
public sealed record For(string Counter, int Count, ImmutableArray<FuzzStatement> Body, string? LengthOf = null) : FuzzStatement
{
    /// <summary>Where the counter starts (0 or 1): a search may skip the element its variable started from.</summary>
    public int Start { get; init; }

    /// <summary>
    /// An int expression printed as the bound in place of Count or LengthOf (an int parameter, a counter, an int local, or
    /// <c>(p.Length - 1)</c>): the same text in both printings. Never more than <see cref="FuzzIndex.ArrayLength"/>.
    /// </summary>
    public string? Bound { get; init; }

    /// <summary>Counts down, <c>for (int i = bound - 1; i &gt;= Start; i--)</c>: the same iterations in the other order.</summary>
    public bool Down { get; init; }
}

/// <summary>
/// A fill (FillLoops): <c>for (int Counter = 0; Counter &lt; Bound; Counter++) { Array[Counter] = Value; }</c>, where Bound is
/// <c>Array.Length</c>, the int local or collection length the array was made with, and Value may index with Counter.
/// <paramref name="Second"/> makes it a near miss: a second statement in the body, after the store.
/// </summary>
public sealed record Fill(string Array, string Counter, string Bound, FuzzExpr Value, FuzzStatement? Second = null) : FuzzStatement
{
    /// <summary>The store the fill's body starts with.</summary>
    public ArrayWrite Store => new(Array, new FuzzIndex(Counter, 0), "=", Value);
}

/// <summary>foreach (double Element in Collection) { Body }: the element is a double the body reads and never assigns.</summary>
public sealed record ForEach(string Element, string Collection, ImmutableArray<FuzzStatement> Body) : FuzzStatement
{
    /// <summary>The collection is a jagged parameter: the element is a row, <c>double[]</c> (the twin's <c>Tensor[]</c>).</summary>
    public bool Rows { get; init; }

    /// <summary>The element's type is written <c>var</c> in both printings.</summary>
    public bool Var { get; init; }
}

/// <summary>Name = Counter; on an int local: a search's side result, such as the index of a maximum.</summary>
public sealed record IntSet(string Name, string Counter) : FuzzStatement;

/// <summary>if (Condition) break; — only inside a loop.</summary>
public sealed record BreakIf(FuzzCondition Condition) : FuzzStatement;

/// <summary>if (Condition) continue; — only inside a loop.</summary>
public sealed record ContinueIf(FuzzCondition Condition) : FuzzStatement;

/// <summary>
/// <c>int Counter = -1; while (Counter &lt; Count - 1 [&amp;&amp; Extra]) { Counter++; Body }</c>: the counter steps first, so a
/// continue in the body never skips it, and inside the body it runs over 0 … Count - 1 as a for loop's would.
/// </summary>
public sealed record While(string Counter, int Count, ImmutableArray<FuzzStatement> Body) : FuzzStatement
{
    /// <summary>A second condition the loop also tests each time round (after the counter's), or null.</summary>
    public FuzzCondition? Extra { get; init; }
}

/// <summary>
/// <c>switch (Subject) { case 0: { … break; } case 1: … default: … }</c> on an int local or parameter: Cases[c] is the
/// section of the label c, each ending with a break.
/// </summary>
public sealed record SwitchOn(string Subject, ImmutableArray<ImmutableArray<FuzzStatement>> Cases, ImmutableArray<FuzzStatement> Default) : FuzzStatement;

/// <summary>How a parameter is declared. Collections have <see cref="FuzzIndex.ArrayLength"/> elements and are only read.</summary>
public enum FuzzParameterKind
{
    Double,

    /// <summary><c>ref double</c> of a void writer (<see cref="FuzzFeatures.RefScalars"/>): callers pass a double variable of theirs.</summary>
    RefDouble,

    /// <summary>An int a callee may index with: callers pass values in [0, <see cref="FuzzIndex.ArrayLength"/>).</summary>
    Int,

    /// <summary>double[]: callers can pass only their own double[] (local arrays and double[] parameters).</summary>
    Array,

    /// <summary>ReadOnlySpan&lt;double&gt;: callers can pass any collection.</summary>
    ReadOnlySpan,

    /// <summary>Span&lt;double&gt;: callers can pass double[] and Span&lt;double&gt;, not ReadOnlySpan&lt;double&gt;.</summary>
    Span,

    /// <summary>double[,] of <see cref="FuzzShapes.MatrixRows"/> × <see cref="FuzzShapes.MatrixColumns"/> (<see cref="FuzzFeatures.Matrices"/>): F's only.</summary>
    Matrix,

    /// <summary>double[][] with rows of <see cref="FuzzShapes.JaggedRowLengths"/> elements, only read (<see cref="FuzzFeatures.JaggedParameters"/>): F's only.</summary>
    Jagged,
}

public sealed record FuzzMethod(string Name, ImmutableArray<string> Parameters, ImmutableArray<FuzzStatement> Body, FuzzExpr Result)
{
    /// <summary>How each of <see cref="Parameters"/> is declared; left default, every parameter is a double.</summary>
    public ImmutableArray<FuzzParameterKind> Kinds { get; init; }

    public FuzzParameterKind KindOf(int parameter) => Kinds.IsDefault ? FuzzParameterKind.Double : Kinds[parameter];

    /// <summary>
    /// The double parameters declared <c>[NoDerivative]</c>: callers pass constants, and the tensor twin detaches them, so
    /// that no oracle sees a gradient flow through them. Left default, none.
    /// </summary>
    public ImmutableArray<string> Passive { get; init; }

    public bool IsPassive(int parameter) => !Passive.IsDefault && Passive.Contains(Parameters[parameter]);

    /// <summary>Where the method is declared; the entry F is always <see cref="FuzzMethodRole.Static"/>.</summary>
    public FuzzMethodRole Role { get; init; }

    /// <summary>
    /// The collection parameters a writer (<see cref="FuzzFeatures.Writers"/>) writes elements of; left default, the method only
    /// reads its collections, and may be called anywhere an expression stands. A writer's calls must be statements, or the whole
    /// value of a declaration, an assignment or a return.
    /// </summary>
    public ImmutableArray<string> Written { get; init; }

    public bool IsWriter => !Written.IsDefaultOrEmpty;

    public bool Writes(int parameter) => IsWriter && Written.Contains(Parameters[parameter]);

    /// <summary>The double parameters declared <c>in</c> (<see cref="FuzzFeatures.InParameters"/>); left default, none.</summary>
    public ImmutableArray<string> InParameters { get; init; }

    /// <summary>The double parameters declared <c>ref readonly</c>; left default, none.</summary>
    public ImmutableArray<string> RefReadOnlyParameters { get; init; }

    /// <summary>"in ", "ref readonly " or nothing: how parameter <paramref name="parameter"/> is passed, in both printings.</summary>
    public string ReferenceModifier(int parameter) =>
        !InParameters.IsDefault && InParameters.Contains(Parameters[parameter]) ? "in "
        : !RefReadOnlyParameters.IsDefault && RefReadOnlyParameters.Contains(Parameters[parameter]) ? "ref readonly "
        : string.Empty;

    /// <summary>A writer declared <c>void</c>: it has no return statement, and <see cref="Result"/> is never printed.</summary>
    public bool ReturnsVoid { get; init; }

    /// <summary>The first double parameter (what the shrinker puts in place of an expression), or null when there is none.</summary>
    public string? FirstDouble => Enumerable.Range(0, Parameters.Length).Where(i => KindOf(i) == FuzzParameterKind.Double).Select(i => Parameters[i]).FirstOrDefault();
}

public static class FuzzParameterKinds
{
    /// <summary>The 1-D collections, of <see cref="FuzzIndex.ArrayLength"/> elements: what element reads, views and calls take.</summary>
    public static bool IsCollection(this FuzzParameterKind kind) => kind is FuzzParameterKind.Array or FuzzParameterKind.ReadOnlySpan or FuzzParameterKind.Span;

    /// <summary>How many coordinates of the point (and of the gradient) a parameter of this kind is.</summary>
    public static int Coordinates(this FuzzParameterKind kind) => kind switch
    {
        FuzzParameterKind.Matrix => FuzzShapes.MatrixRows * FuzzShapes.MatrixColumns,
        FuzzParameterKind.Jagged => FuzzShapes.JaggedRowLengths.Sum(),
        _ when kind.IsCollection() => FuzzIndex.ArrayLength,
        _ => 1,
    };

    /// <summary>Whether C# lets an argument declared <paramref name="argument"/> be passed to a parameter declared <paramref name="parameter"/>.</summary>
    public static bool Converts(this FuzzParameterKind argument, FuzzParameterKind parameter) => parameter switch
    {
        FuzzParameterKind.Array => argument == FuzzParameterKind.Array,
        FuzzParameterKind.Span => argument is FuzzParameterKind.Array or FuzzParameterKind.Span,
        FuzzParameterKind.ReadOnlySpan => argument.IsCollection(),
        _ => argument == parameter,
    };
}

/// <summary>
/// A whole program: helper methods first (each may call only earlier ones, so calls are acyclic),
/// the entry method <c>F</c> last, and the point at which gradients are compared.
/// </summary>
public sealed record FuzzProgram(long Seed, ImmutableArray<FuzzMethod> Methods, ImmutableArray<double> Point)
{
    public FuzzMethod Entry => Methods[Methods.Length - 1];

    /// <summary>
    /// What each coordinate of <see cref="Point"/> (and of the gradient) is: a double parameter of the entry, or one
    /// element of a collection parameter (<c>u[1]</c>), in the order of the entry's parameters.
    /// </summary>
    public ImmutableArray<string> CoordinateNames =>
        Enumerable.Range(0, Entry.Parameters.Length)
            .SelectMany(i => Entry.KindOf(i) switch
            {
                FuzzParameterKind.Matrix => FuzzShapes.MatrixElements.Select(e => $"{Entry.Parameters[i]}[{e.Row}, {e.Column}]"),
                FuzzParameterKind.Jagged => FuzzShapes.JaggedElements.Select(e => $"{Entry.Parameters[i]}[{e.Row}][{e.Column}]"),
                var kind when kind.IsCollection() => Enumerable.Range(0, FuzzIndex.ArrayLength).Select(e => $"{Entry.Parameters[i]}[{e}]"),
                _ => new[] { Entry.Parameters[i] },
            })
            .ToImmutableArray();
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
