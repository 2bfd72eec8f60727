using System.Linq;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Ir;

/// <summary>
/// An expression of the AutoDiffGen IR. Every node carries the kind of value it produces; implicit
/// conversions are explicit <see cref="Conversion"/> nodes, so no later stage needs C# typing rules.
/// </summary>
internal abstract record Expr(ScalarKind Kind);

/// <summary>A compile-time constant (literals, const fields such as Math.PI, folded constant expressions). Bools are 0/1.</summary>
internal sealed record Constant(ScalarKind Kind, double Value) : Expr(Kind);

/// <summary>A parameter or local, by its source name (or, after lowering, its unique generated name).</summary>
internal sealed record VariableRef(ScalarKind Kind, string Name) : Expr(Kind);

/// <summary>A field or property read, treated as a constant of the differentiation; <paramref name="Code"/> is fully qualified C#.</summary>
internal sealed record MemberRead(ScalarKind Kind, string Code) : Expr(Kind);

internal sealed record Unary(ScalarKind Kind, UnaryOperator Operator, Expr Operand) : Expr(Kind);

/// <summary>A binary operation; <paramref name="Span"/> locates it for diagnostics (the remainder warning).</summary>
internal sealed record Binary(ScalarKind Kind, BinaryOperator Operator, Expr Left, Expr Right, SourceSpan? Span = null) : Expr(Kind);

/// <summary>A numeric conversion to <paramref name="Kind"/>, implicit or a cast; <paramref name="Span"/> locates casts.</summary>
internal sealed record Conversion(ScalarKind Kind, Expr Operand, SourceSpan? Span = null) : Expr(Kind);

internal sealed record Conditional(ScalarKind Kind, Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr(Kind);

internal sealed record MathCall(ScalarKind Kind, MathFunction Function, MathContainer Container, EquatableArray<Expr> Arguments) : Expr(Kind);

/// <summary>A call to a [Differentiable] method or to a method with a custom derivative.</summary>
internal sealed record UserCall(ScalarKind Kind, Callee Callee, EquatableArray<Expr> Arguments, SourceSpan Span) : Expr(Kind);

/// <summary>
/// A switch expression; arms are tried in order. <paramref name="HasSwitchExpressionException"/> says whether the compilation
/// has the exception C# throws when no arm matches (see <see cref="SwitchNoMatch"/>).
/// </summary>
internal sealed record SwitchExpression(ScalarKind Kind, Expr Governing, EquatableArray<SwitchArm> Arms, bool HasSwitchExpressionException) : Expr(Kind);

internal sealed record SwitchArm(Pattern Pattern, Expr Value);

/// <summary>Element read <c>collection[index]</c> of a span or array; the index is an int expression.</summary>
internal sealed record ElementRead(ScalarKind Kind, Expr Collection, Expr Index) : Expr(Kind);

/// <summary>
/// A span or array variable (parameter or local array), for <see cref="ElementRead"/>, <see cref="LengthOf"/> and call arguments;
/// <paramref name="Kind"/> is its element kind. A call argument may be a <paramref name="View"/> of it (<c>w.Slice(start, length)</c>):
/// the parser lowers every other use of a view to the collection it views.
/// </summary>
internal sealed record CollectionRef(ScalarKind Kind, ValueShape Shape, string Name, SpanView? View = null) : Expr(Kind);

/// <summary>The elements <c>[Start, Start + Length)</c> of a collection: int expressions, whose range is checked where the view is taken (the printed Slice, or a view local's SpanViews.ViewLength).</summary>
internal sealed record SpanView(Expr Start, Expr Length)
{
    /// <summary>Where the view's element <paramref name="index"/> is in the viewed collection, the index checked against the view's length as its indexer checks it.</summary>
    public Expr CheckedIndex(Expr index) => Offset(new MathCall(ScalarKind.Int, MathFunction.ViewIndex, MathContainer.SpanViews, new[] { index, Length }.ToEquatableArray()));

    /// <summary>Where the view's element <paramref name="index"/> is in the viewed collection, for an index known to be in range.</summary>
    public Expr Offset(Expr index) => new Binary(ScalarKind.Int, BinaryOperator.Add, Start, index);

    /// <summary><paramref name="length"/> elements from <paramref name="start"/> of a collection <paramref name="parentLength"/> long, checked as Slice checks them.</summary>
    public static Expr CheckedLength(Expr parentLength, Expr start, Expr length) =>
        new MathCall(ScalarKind.Int, MathFunction.ViewLength, MathContainer.SpanViews, new[] { parentLength, start, length }.ToEquatableArray());
}

/// <summary><c>collection.Length</c>.</summary>
internal sealed record LengthOf(Expr Collection) : Expr(ScalarKind.Int);

/// <summary>How a called method gets differentiated.</summary>
internal enum CalleeKind
{
    /// <summary>The callee is [Differentiable]: the caller uses its generated <c>ValueAndGradient</c>.</summary>
    Differentiable,

    /// <summary>The callee has no derivative of its own; a [DerivativeOf] rule must be found for it.</summary>
    NeedsCustomRule,

    /// <summary>A reduction of TensorPrimitives whose gradient entry the runtime supplies (TensorPrimitiveGradients).</summary>
    Primitive,
}

/// <summary>
/// A called method, by fully qualified names only. <paramref name="Key"/> identifies the method across
/// models (type, name, parameter types) so callers can be matched with callees and custom rules.
/// <paramref name="Receiver"/> is null for a static method, else the C# the call is made on: <c>this</c>, or a path of
/// fields and properties from <c>this</c> or from a type (<c>this.model</c>, <c>global::N.Registry.Default</c>).
/// </summary>
internal sealed record Callee(
    string Key,
    string ContainingType,
    string Name,
    string? Receiver,
    CalleeKind CalleeKind,
    EquatableArray<CalleeParameter> Parameters,
    ScalarKind ReturnKind,
    string? RuleContainingType = null,
    string? RuleName = null)
{
    /// <summary>Whether the callee writes the elements of a collection argument: the call is replaced by the callee's statements.</summary>
    public bool WritesArguments => Parameters.Any(p => p.IsWritten);
}

/// <summary>A callee parameter: <paramref name="IsDifferentiable"/> says whether the gradient entry has an out partial for it.</summary>
/// <paramref name="Shape"/> is not <see cref="ValueShape.Scalar"/> for a span or array parameter (whose argument is a <see cref="CollectionRef"/>);
/// <paramref name="IsWritten"/> says the callee writes its elements, so the call is inlined (<c>WriterInliner</c>).
internal sealed record CalleeParameter(string Name, ScalarKind Kind, bool IsDifferentiable, ValueShape Shape = ValueShape.Scalar, bool IsWritten = false);
