using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Model;

/// <summary>
/// Everything the generator needs to differentiate and emit one [Differentiable] method.
/// A method that <paramref name="ReturnsVoid"/> writes the elements of a collection parameter: it gets no entries of its own
/// (<paramref name="ReturnKind"/> is then double, unused), and its callers take in its statements (<c>WriterInliner</c>).
/// </summary>
/// <remarks>
/// Caching contract: this record and everything it holds are plain values (strings, numbers, enums,
/// records, <see cref="EquatableArray{T}"/>): no ISymbol, SyntaxNode, SemanticModel, Compilation or
/// Location. Two parses of equivalent source produce equal models, so the incremental pipeline skips
/// differentiation and emission for every method whose model did not change.
/// </remarks>
internal sealed record MethodModel(
    string Key,
    string HintName,
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Name,
    string Accessibility,
    bool IsStatic,
    EquatableArray<ParameterModel> Parameters,
    ScalarKind ReturnKind,
    string TapeName,
    string DisplaySignature,
    Block Body,
    bool ReturnsVoid = false);

/// <summary>A type enclosing the method, outermost first, re-opened as <c>partial</c> by the emitter.</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>
/// A parameter of the differentiated method; <paramref name="IsDifferentiable"/> means it gets an adjoint.
/// <paramref name="Kind"/> is null for a [NoDerivative] parameter of another type, which is only passed through.
/// <paramref name="IsByReference"/> marks a <c>ref</c> or <c>out</c> scalar of a method returning void: inlined, it is the caller's variable.
/// <paramref name="Extents"/> marks a 2-D array (<c>T[,]</c>) lowered to its row-major elements: the parameter is those elements,
/// and the two int parameters it names, which follow it, are its extents (see <c>MethodParser.Arrays2D</c>).
/// <paramref name="RowStarts"/> marks a jagged array (<c>T[][]</c>) lowered to its rows laid end to end: the int span parameter it
/// names, which follows it, holds where each row starts (see <c>MethodParser.Jagged</c>).
/// </summary>
internal sealed record ParameterModel(string Name, string TypeName, ScalarKind? Kind, ValueShape Shape, bool IsDifferentiable, bool IsByReference = false,
    Array2DExtents? Extents = null, string? RowStarts = null)
{
    /// <summary>Whether the entries take this parameter as <c>ReadOnlySpan&lt;T&gt;</c> (whatever collection type it was declared with).</summary>
    public bool IsTakenAsReadOnlySpan => TypeName.StartsWith("global::System.ReadOnlySpan<", System.StringComparison.Ordinal);

    /// <summary>
    /// Whether a method with these parameters gets <c>MValue</c>, its value alone with the entries' parameter types: a
    /// generated caller, whose collections are spans, cannot call M itself where M declares <c>T[]</c> or <c>Span&lt;T&gt;</c>,
    /// so it calls MValue wherever it needs M's value but no derivative (FB-8). <paramref name="Shape"/> is the declared
    /// shape, <paramref name="TypeName"/> the entries' type.
    /// </summary>
    public static bool NeedValueEntry(System.Collections.Generic.IEnumerable<ParameterModel> parameters) =>
        System.Linq.Enumerable.Any(parameters, p => p.Shape is ValueShape.Array or ValueShape.Span && p.IsTakenAsReadOnlySpan);
}

/// <summary>The int parameters holding a 2-D array parameter's extents: <c>GetLength(0)</c> and <c>GetLength(1)</c>.</summary>
internal sealed record Array2DExtents(string Rows, string Columns)
{
    public bool Names(string parameter) => parameter == Rows || parameter == Columns;
}

/// <summary>
/// A [DerivativeOf] rule with a valid signature: calls to the method <paramref name="TargetKey"/> are
/// differentiated by calling <paramref name="RuleContainingType"/>.<paramref name="RuleName"/>.
/// </summary>
internal sealed record CustomRuleModel(string TargetKey, string RuleContainingType, string RuleName);

/// <summary>
/// What parsing one [Differentiable] method gives the generator: the model, or null when the method
/// has errors (the analyzer reports them; the generator emits nothing for it nor for its callers).
/// </summary>
internal sealed record ParsedMethod(string Key, MethodModel? Model);
