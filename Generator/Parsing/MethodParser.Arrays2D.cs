using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// Rectangular 2-D arrays (<c>double[,]</c>, <c>float[,]</c>, <c>int[,]</c>). Each becomes its row-major elements, a 1-D
/// collection of the IR under the array's own name, and two ints holding its extents: <c>a[i, j]</c> reads
/// <c>a[Arrays2D.ElementIndex(i, j, aRows, aColumns)]</c> (which throws where C#'s indexer would, an index outside its own
/// dimension included), <c>a.GetLength(0)</c> is <c>aRows</c>, <c>a.Length</c> and <c>foreach</c> are the 1-D ones (C#
/// visits a 2-D array in row-major order too). So activity analysis, the saves of overwritten elements, the pooled local
/// arrays and the loop reverse apply unchanged. A parameter's extents are int parameters of the lowered method, which
/// the entries' 2-D wrappers fill in (<c>LoopEmitter.Arrays2D</c>); a local's are int locals set where it is made.
/// A 2-D array may be passed to any [Differentiable] method of this compilation: a writer's statements stand in for the
/// call (its parameter bound to the elements and the extents alike), and any other callee's lowered entries (internal to
/// the assembly) take the elements and extents as they are.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>A 2-D array parameter or local: its elements and the ints holding its extents.</summary>
    private sealed record Array2D(CollectionRef Elements, VariableRef Rows, VariableRef Columns);

    private readonly Dictionary<ISymbol, Array2D> _arrays2D = new(SymbolEqualityComparer.Default);

    /// <summary>The extents of every 2-D array parameter, named before the body is read so the names do not depend on it.</summary>
    private void DeclareArray2DParameters()
    {
        foreach (IParameterSymbol parameter in _method.Parameters)
        {
            if (SymbolNames.Array2DOf(parameter.Type) is { } kind && parameter.RefKind == RefKind.None)
            {
                _arrays2D[parameter] = NewArray2D(parameter.Name, kind);
            }
        }
    }

    private Array2D NewArray2D(string name, ScalarKind kind) => new(
        new CollectionRef(kind, ValueShape.Array, name),
        new VariableRef(ScalarKind.Int, FreshName(name + "Rows")),
        new VariableRef(ScalarKind.Int, FreshName(name + "Columns")));

    /// <summary>The 2-D array parameter or local <paramref name="syntax"/> names, if it names one.</summary>
    private Array2D? Array2DNamed(ExpressionSyntax syntax) =>
        syntax is IdentifierNameSyntax && _model.GetSymbolInfo(syntax, _cancellationToken).Symbol is { } symbol &&
        _arrays2D.TryGetValue(symbol, out Array2D? array)
            ? array
            : null;

    /// <summary>
    /// The model's parameters for <paramref name="parameter"/>: itself, or for a 2-D array its elements followed by its two
    /// extents (the order the lowered entries and a writer's inlined statements take them in).
    /// </summary>
    private IEnumerable<ParameterModel> ParameterModels(IParameterSymbol parameter, string entryType)
    {
        if (_jaggedArrays.TryGetValue(parameter, out JaggedArray? jagged))
        {
            foreach (ParameterModel model in JaggedParameterModels(parameter, jagged))
            {
                yield return model;
            }

            yield break;
        }

        if (!_arrays2D.TryGetValue(parameter, out Array2D? array))
        {
            yield return new ParameterModel(parameter.Name, entryType,
                SymbolNames.KindOf(parameter.Type) ?? SymbolNames.CollectionOf(parameter.Type)?.Kind,
                SymbolNames.CollectionOf(parameter.Type)?.Shape ?? ValueShape.Scalar,
                IsDifferentiableParameter(parameter),
                parameter.RefKind is RefKind.Ref or RefKind.Out);
            yield break;
        }

        yield return new ParameterModel(parameter.Name, entryType, array.Elements.Kind, ValueShape.Array, IsDifferentiableParameter(parameter),
            Extents: new Array2DExtents(array.Rows.Name, array.Columns.Name));
        yield return new ParameterModel(array.Rows.Name, "int", ScalarKind.Int, ValueShape.Scalar, false);
        yield return new ParameterModel(array.Columns.Name, "int", ScalarKind.Int, ValueShape.Scalar, false);
    }

    /// <summary>
    /// <c>double[,] m = new double[r, c];</c>: <c>int mRows = r; int mColumns = c;</c> and a local array of
    /// <c>Arrays2D.ElementCount(mRows, mColumns)</c> elements (which throws as <c>new T[r, c]</c> does for a negative extent).
    /// </summary>
    private List<Stmt>? ParseLocalArray2D(LocalDeclarationStatementSyntax declaration, VariableDeclaratorSyntax variable, ILocalSymbol local, ScalarKind kind)
    {
        // Known even when refused, so that its uses are not reported too.
        Array2D array = NewArray2D(local.Name, kind);
        _arrays2D[local] = array;
        if (variable.Initializer?.Value is not ArrayCreationExpressionSyntax { Initializer: null, Type.RankSpecifiers: { Count: 1 } ranks } ||
            ranks[0].Sizes.Count != 2 || ranks[0].Sizes.Any(s => s is OmittedArraySizeExpressionSyntax))
        {
            ReportUnsupportedStatement(variable, "the 2-D array local '" + local.Name + "' (" + OneLine(variable.Initializer?.Value.ToString() ?? "no initializer") + ")",
                "create it with new " + kind.CSharpName() + "[rows, columns] and fill it element by element");
            return null;
        }

        SourceInfo source = Source(declaration);
        Expr count = new MathCall(ScalarKind.Int, MathFunction.ElementCount, MathContainer.Arrays2D, new Expr[] { array.Rows, array.Columns }.ToEquatableArray());
        if (InLoop)
        {
            return ParseArray2DInLoop(declaration, variable, local, array, count, ranks[0].Sizes);
        }

        Expr? rows = ParseConverted(ranks[0].Sizes[0]);
        Expr? columns = ParseConverted(ranks[0].Sizes[1]);
        if (rows is null || columns is null)
        {
            return null;
        }

        return new List<Stmt>
        {
            new LocalDeclaration(source, array.Rows.Name, ScalarKind.Int, rows),
            new LocalDeclaration(source, array.Columns.Name, ScalarKind.Int, columns),
            new LocalArray(source, local.Name, kind, count),
        };
    }

    /// <summary>
    /// A 2-D array declared inside a loop, with extents the same every time round, is one array (as a 1-D one is,
    /// <see cref="ParseArrayInLoop"/>): its extents and its declaration go before the outermost loop, and a zero fill of its
    /// elements stands where it was declared.
    /// </summary>
    private List<Stmt>? ParseArray2DInLoop(LocalDeclarationStatementSyntax declaration, VariableDeclaratorSyntax variable, ILocalSymbol local, Array2D array, Expr count,
        SeparatedSyntaxList<ExpressionSyntax> extents)
    {
        if (!HasName(variable, local) ||
            InvariantLocalsOf(declaration, variable, local, extents[0]) is not { } rowsInvariants ||
            InvariantLocalsOf(declaration, variable, local, extents[1]) is not { } columnsInvariants ||
            !HoistOnce(variable, local) ||
            ParseHoistedLength(variable, local, extents[0], rowsInvariants) is not { } rows ||
            ParseHoistedLength(variable, local, extents[1], columnsInvariants) is not { } columns)
        {
            return null;
        }

        SourceInfo source = Source(declaration);
        _hoistedArrays.Add(new LocalDeclaration(source, array.Rows.Name, ScalarKind.Int, rows));
        _hoistedArrays.Add(new LocalDeclaration(source, array.Columns.Name, ScalarKind.Int, columns));
        _hoistedArrays.Add(new LocalArray(source, local.Name, array.Elements.Kind, count));
        return new List<Stmt> { ZeroFill(source, array.Elements) };
    }

    /// <summary><c>a[i, j]</c>: the element at <c>ElementIndex(i, j, aRows, aColumns)</c> of <c>a</c>'s row-major elements.</summary>
    private Expr? ParseElement2D(ElementAccessExpressionSyntax element, Array2D array)
    {
        SeparatedSyntaxList<ArgumentSyntax> arguments = element.ArgumentList.Arguments;
        if (arguments.Count != 2 || arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None) ||
                                                      a.Expression is RangeExpressionSyntax || a.Expression.IsKind(SyntaxKind.IndexExpression)))
        {
            ReportUnsupportedExpression(element, "index a 2-D array with two int expressions, a[row, column]");
            return null;
        }

        var indexes = new List<Expr>();
        foreach (ArgumentSyntax argument in arguments)
        {
            if (ParseIndex(argument.Expression) is not { } index)
            {
                return null;
            }

            indexes.Add(index);
        }

        // Indexes that for loops count below GetLength(0) and GetLength(1) are in range: no check, as a hand-written loop.
        Expr flat = IsCountedBelowExtent(arguments[0].Expression, element.Expression, 0) && IsCountedBelowExtent(arguments[1].Expression, element.Expression, 1)
            ? new Binary(ScalarKind.Int, BinaryOperator.Add, new Binary(ScalarKind.Int, BinaryOperator.Multiply, indexes[0], array.Columns), indexes[1])
            : new MathCall(ScalarKind.Int, MathFunction.ElementIndex, MathContainer.Arrays2D, new[] { indexes[0], indexes[1], array.Rows, array.Columns }.ToEquatableArray());
        return new ElementRead(array.Elements.Kind, array.Elements, flat);
    }

    /// <summary>True when a for loop counts <paramref name="index"/> below <c>array.GetLength(dimension)</c> (see <see cref="IsCountedBelow"/>).</summary>
    private bool IsCountedBelowExtent(ExpressionSyntax index, ExpressionSyntax array, int dimension) =>
        _model.GetSymbolInfo(array, _cancellationToken).Symbol is { } arraySymbol &&
        IsCountedBelow(index, bound =>
            bound is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetLength" } getLength, ArgumentList.Arguments: { Count: 1 } arguments } &&
            Names(getLength.Expression, arraySymbol) &&
            _model.GetConstantValue(arguments[0].Expression, _cancellationToken) is { HasValue: true, Value: int boundDimension } && boundDimension == dimension);

    /// <summary>Whether <paramref name="method"/> is <c>Array.GetLength</c> called on a 2-D array of this method.</summary>
    private bool IsGetLengthOf2DArray(InvocationExpressionSyntax invocation, IMethodSymbol method) =>
        method is { Name: "GetLength", IsStatic: false, ContainingType.SpecialType: SpecialType.System_Array } &&
        invocation.Expression is MemberAccessExpressionSyntax access && Array2DNamed(access.Expression) is not null;

    /// <summary><c>a.GetLength(0)</c> is <c>aRows</c>, <c>a.GetLength(1)</c> is <c>aColumns</c>; any other dimension is refused.</summary>
    private Expr? ParseGetLength(InvocationExpressionSyntax invocation)
    {
        Array2D array = Array2DNamed(((MemberAccessExpressionSyntax)invocation.Expression).Expression)!;
        if (invocation.ArgumentList.Arguments is { Count: 1 } arguments &&
            _model.GetConstantValue(arguments[0].Expression, _cancellationToken) is { HasValue: true, Value: int dimension and (0 or 1) })
        {
            return dimension == 0 ? array.Rows : array.Columns;
        }

        ReportUnsupportedExpression(invocation, "call GetLength with the constant 0 (rows) or 1 (columns)");
        return null;
    }

    /// <summary>
    /// A 2-D array argument: the elements and the two extents, three arguments for the three parameters the callee's model
    /// has for it (<see cref="WhyNot2DArgument"/> says which callees may take it).
    /// </summary>
    private IReadOnlyList<Expr>? ParseArray2DArgument(ExpressionSyntax syntax, IMethodSymbol callee)
    {
        if (Array2DNamed(syntax) is not { } array)
        {
            if (_model.GetSymbolInfo(syntax, _cancellationToken).Symbol is null)
            {
                _hasSilentErrors = true;
                return null;
            }

            ReportUnsupportedExpression(syntax, "pass a 2-D array parameter or local by name");
            return null;
        }

        if (WhyNot2DArgument(callee) is { } why)
        {
            ReportUnsupportedExpression(syntax, why);
            return null;
        }

        return new Expr[] { array.Elements, array.Rows, array.Columns };
    }

    /// <summary>
    /// Why <paramref name="callee"/> cannot be given a 2-D array, or null if it can: a [Differentiable] method of this
    /// compilation, whose generated entries taking the elements and extents generated callers call (they are internal to
    /// the assembly), or whose statements stand in for the call (a writer, or a small callee the loop inliner takes in).
    /// </summary>
    private string? WhyNot2DArgument(IMethodSymbol callee) =>
        SymbolNames.IsDifferentiableInSource(callee) ? null
        : "a 2-D array can be passed only to [Differentiable] methods of this compilation (generated code passes its elements and extents " +
          "to their generated entries); '" + callee.Name + "' is not one: mark it [Differentiable] if it is declared here, or compute its result in this method";

    /// <summary>The callee's parameters as its model lists them: a 2-D array parameter followed by its two int extents, a jagged one by its row starts.</summary>
    private static IEnumerable<CalleeParameter> CalleeParameters(IParameterSymbol parameter, bool differentiable, bool written)
    {
        if (SymbolNames.JaggedOf(parameter.Type) is { } rowKind)
        {
            yield return new CalleeParameter(parameter.Name, rowKind, differentiable, ValueShape.Array, written);
            yield return new CalleeParameter(parameter.Name + "RowStarts", ScalarKind.Int, false, ValueShape.ReadOnlySpan);
            yield break;
        }

        if (SymbolNames.Array2DOf(parameter.Type) is { } kind)
        {
            yield return new CalleeParameter(parameter.Name, kind, kind.IsFloatingPoint() && differentiable, ValueShape.Array, written);
            yield return new CalleeParameter(parameter.Name + "Rows", ScalarKind.Int, false);
            yield return new CalleeParameter(parameter.Name + "Columns", ScalarKind.Int, false);
            yield break;
        }

        ScalarKind elementKind = SymbolNames.ValueKindOf(parameter.Type)!.Value;
        yield return new CalleeParameter(parameter.Name, elementKind, elementKind.IsFloatingPoint() && differentiable,
            SymbolNames.CollectionOf(parameter.Type)?.Shape ?? ValueShape.Scalar, written);
    }
}
