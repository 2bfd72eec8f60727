using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// Jagged array parameters (<c>double[][]</c>, <c>float[][]</c>). Each becomes its rows laid end to end, a 1-D collection of
/// the IR under the array's own name, and an int collection <c>wRowStarts</c> of where each row starts (one more entry than
/// rows, the last the element count): so a row <c>w[i]</c> is a span view of the elements (MethodParser.Views) from
/// <c>wRowStarts[i]</c>, <c>wRowStarts[i + 1] - wRowStarts[i]</c> long, and every analysis sees one flat collection.
/// <c>w[i][j]</c> reads <c>w[wRowStarts[i] + ViewIndex(j, rowLength)]</c> (reading <c>wRowStarts[i + 1]</c> throws for a row
/// past the last, as <c>w[i]</c> does), <c>w.Length</c> is <c>wRowStarts.Length - 1</c>, a row local and a foreach over the
/// rows are view locals. The entries taking the arrays copy the rows in and the gradient out (<c>LoopEmitter.Jagged</c>).
/// The rows are only read: a method that writes them is refused (<see cref="CheckJaggedWrites"/>).
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>A jagged array parameter: its elements, row after row, and the ints saying where each row starts.</summary>
    private sealed record JaggedArray(CollectionRef Elements, CollectionRef RowStarts)
    {
        /// <summary><c>w.Length</c>: one row fewer than row starts.</summary>
        public Expr Rows => new Binary(ScalarKind.Int, BinaryOperator.Subtract, new LengthOf(RowStarts), One);

        public Expr StartOf(Expr row) => new ElementRead(ScalarKind.Int, RowStarts, row);

        /// <summary><c>w[row].Length</c> from the row's start: reading the next row's start throws for a row past the last.</summary>
        public Expr LengthOf(Expr row, Expr start) =>
            new Binary(ScalarKind.Int, BinaryOperator.Subtract, StartOf(new Binary(ScalarKind.Int, BinaryOperator.Add, row, One)), start);

        private static Expr One => new Constant(ScalarKind.Int, 1);
    }

    private readonly Dictionary<IParameterSymbol, JaggedArray> _jaggedArrays = new(SymbolEqualityComparer.Default);

    /// <summary>The row starts of every jagged array parameter, named before the body is read so the names do not depend on it.</summary>
    private void DeclareJaggedParameters()
    {
        foreach (IParameterSymbol parameter in _method.Parameters)
        {
            if (SymbolNames.JaggedOf(parameter.Type) is { } kind && parameter.RefKind == RefKind.None)
            {
                _jaggedArrays[parameter] = new JaggedArray(
                    new CollectionRef(kind, ValueShape.Array, parameter.Name),
                    new CollectionRef(ScalarKind.Int, ValueShape.ReadOnlySpan, FreshName(parameter.Name + "RowStarts")));
            }
        }
    }

    /// <summary>The model's parameters for a jagged array: its elements (taken as a span), then its row starts.</summary>
    private IEnumerable<ParameterModel> JaggedParameterModels(IParameterSymbol parameter, JaggedArray array)
    {
        string kind = array.Elements.Kind.CSharpName();
        yield return new ParameterModel(parameter.Name, "global::System.ReadOnlySpan<" + kind + ">", array.Elements.Kind, ValueShape.Array,
            IsDifferentiableParameter(parameter), RowStarts: array.RowStarts.Name);
        yield return new ParameterModel(array.RowStarts.Name, "global::System.ReadOnlySpan<int>", ScalarKind.Int, ValueShape.ReadOnlySpan, false);
    }

    /// <summary>The jagged array parameter <paramref name="syntax"/> names, if it names one.</summary>
    private JaggedArray? JaggedNamed(ExpressionSyntax syntax) =>
        syntax is IdentifierNameSyntax && _model.GetSymbolInfo(syntax, _cancellationToken).Symbol is IParameterSymbol parameter &&
        _jaggedArrays.TryGetValue(parameter, out JaggedArray? array)
            ? array
            : null;

    /// <summary>Whether <paramref name="syntax"/> is a row of a jagged array parameter, <c>w[i]</c>.</summary>
    private bool IsJaggedRow(ExpressionSyntax syntax) => syntax is ElementAccessExpressionSyntax element && JaggedNamed(element.Expression) is not null;

    /// <summary>
    /// The row <c>w[i]</c> as a view of the elements: its start and length, each reading the row starts. <c>i</c> is evaluated
    /// for each, so a call in it, which might not give the same row twice, is refused. Null, with a diagnostic, for other indexing.
    /// </summary>
    private SpanView? ParseJaggedRow(ElementAccessExpressionSyntax row, out JaggedArray? array)
    {
        array = JaggedNamed(row.Expression);
        if (array is null || SingleIndex(row) is not { } indexSyntax)
        {
            ReportUnsupportedExpression(row, "index a jagged array's rows with one int expression, w[i] (no ranges or ^)");
            return null;
        }

        if (ParseIndex(indexSyntax) is not { } index)
        {
            return null;
        }

        if (ExprChildren.AllOf(index).Any(e => e is UserCall))
        {
            ReportUnsupportedExpression(indexSyntax, "compute a row index that calls a method into an int local first (the row's start and length each read it)");
            return null;
        }

        Expr start = array.StartOf(index);
        return new SpanView(start, array.LengthOf(index, start));
    }

    /// <summary>The one plain index of <paramref name="element"/> (no range, ^, name or ref), or null.</summary>
    private static ExpressionSyntax? SingleIndex(ElementAccessExpressionSyntax element) =>
        element.ArgumentList.Arguments is { Count: 1 } arguments && arguments[0] is { NameColon: null, RefKindKeyword.RawKind: (int)SyntaxKind.None } argument &&
        argument.Expression is not RangeExpressionSyntax && !argument.Expression.IsKind(SyntaxKind.IndexExpression)
            ? argument.Expression
            : null;

    /// <summary>
    /// An element access involving a jagged array parameter (false when <paramref name="element"/> is none): <c>w[i][j]</c> is the
    /// element of the row's view (the index checked against the row's length unless a for loop counts it below <c>w[i].Length</c>);
    /// a row <c>w[i]</c> standing for a value is refused.
    /// </summary>
    private bool TryParseJaggedElement(ElementAccessExpressionSyntax element, out Expr? parsed)
    {
        parsed = null;
        if (JaggedNamed(element.Expression) is not null && WrittenExpressions.IsWritten(element))
        {
            // A row assigned: CheckJaggedWrites reports it, on the parameter.
            return true;
        }

        if (JaggedNamed(element.Expression) is not null)
        {
            ReportUnsupportedExpression(element, "a row of a jagged array is not a value: index it (w[i][j]), take its Length, iterate it, or pass it to a [Differentiable] method");
            return true;
        }

        if (element.Expression is not ElementAccessExpressionSyntax row || !IsJaggedRow(row))
        {
            return false;
        }

        if (SingleIndex(element) is not { } columnSyntax)
        {
            ReportUnsupportedExpression(element, "index a row of a jagged array with one int expression, w[i][j] (no ranges or ^)");
            return true;
        }

        if (ParseJaggedRow(row, out JaggedArray? array) is not { } view || ParseIndex(columnSyntax) is not { } column)
        {
            return true;
        }

        Expr index = IsCountedBelowRowLength(columnSyntax, row) ? view.Offset(column) : view.CheckedIndex(column);
        parsed = new ElementRead(array!.Elements.Kind, array.Elements, index);
        return true;
    }

    /// <summary>
    /// True when a for loop counts <paramref name="column"/> below <c>w[i].Length</c> for this very row, <c>i</c> a local or
    /// parameter the loop leaves alone (a loop that changed it would compare against one row and index another).
    /// </summary>
    private bool IsCountedBelowRowLength(ExpressionSyntax column, ElementAccessExpressionSyntax row) =>
        _model.GetSymbolInfo(row.Expression, _cancellationToken).Symbol is { } arraySymbol &&
        SingleIndex(row) is IdentifierNameSyntax rowIndex &&
        _model.GetSymbolInfo(rowIndex, _cancellationToken).Symbol is { Kind: SymbolKind.Local or SymbolKind.Parameter } rowSymbol &&
        IsCountedBelow(column, bound =>
            bound is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length", Expression: ElementAccessExpressionSyntax boundRow } &&
            Names(boundRow.Expression, arraySymbol) && SingleIndex(boundRow) is { } boundIndex && Names(boundIndex, rowSymbol) &&
            bound.FirstAncestorOrSelf<ForStatementSyntax>() is { } loop && _model.AnalyzeDataFlow(loop.Statement) is { Succeeded: true } flow &&
            !flow.WrittenInside.Contains(rowSymbol, SymbolEqualityComparer.Default));

    /// <summary><c>w.Length</c> (the rows) or <c>w[i].Length</c> (a row's); false when <paramref name="measured"/> is neither.</summary>
    private bool TryParseJaggedLength(ExpressionSyntax measured, out Expr? length)
    {
        length = null;
        if (JaggedNamed(measured) is { } array)
        {
            length = array.Rows;
            return true;
        }

        if (measured is ElementAccessExpressionSyntax { Expression: ElementAccessExpressionSyntax inner } rangeOfRow && IsJaggedRow(inner))
        {
            // Only a range of a row has a Length (w[i][1..]): refused, as any indexing of a row but by one int.
            TryParseJaggedElement(rangeOfRow, out _);
            return true;
        }

        if (measured is not ElementAccessExpressionSyntax row || !IsJaggedRow(row))
        {
            return false;
        }

        length = ParseJaggedRow(row, out _)?.Length;
        return true;
    }

    /// <summary>A row <c>w[i]</c> passed to a [Differentiable] callee: the callee gets <c>w.Slice(wRowStarts[i], …)</c>.</summary>
    private bool TryParseJaggedRowArgument(ExpressionSyntax syntax, out CollectionRef? argument)
    {
        argument = null;
        if (syntax is not ElementAccessExpressionSyntax row || !IsJaggedRow(row))
        {
            return false;
        }

        if (ParseJaggedRow(row, out JaggedArray? array) is { } view)
        {
            argument = array!.Elements with { View = view };
        }

        return true;
    }

    /// <summary>
    /// A whole jagged array passed to a [Differentiable] method of this compilation taking <c>T[][]</c>: its elements and row
    /// starts, the two arguments the callee's lowered entries take for it (internal to the assembly, as for 2-D arrays).
    /// Any other callee, and any argument but a jagged parameter by name, is refused.
    /// </summary>
    private IReadOnlyList<Expr>? ParseJaggedArgument(ExpressionSyntax syntax, IMethodSymbol callee)
    {
        if (_model.GetSymbolInfo(syntax, _cancellationToken).Symbol is null)
        {
            _hasSilentErrors = true;
            return null;
        }

        if (JaggedNamed(syntax) is not { } array || !SymbolNames.IsDifferentiableInSource(callee))
        {
            ReportUnsupportedExpression(syntax,
                "a jagged array can be passed only by name, as a double[][] or float[][] parameter of this method, to [Differentiable] methods of this compilation ('" +
                callee.Name + "' takes one): mark it [Differentiable] if it is declared here, pass its rows (w[i]) to methods taking ReadOnlySpan<T> or T[], or compute the result in this method");
            return null;
        }

        return new Expr[] { array.Elements, array.RowStarts };
    }

    /// <summary>
    /// <c>double[] row = w[i];</c> (or <c>ReadOnlySpan&lt;double&gt; row = w[i];</c>): a view local of the elements, its start and
    /// length ints: <c>int rowStart = wRowStarts[i]; int rowLength = wRowStarts[i + 1] - rowStart;</c>.
    /// </summary>
    private List<Stmt>? ParseJaggedRowDeclaration(LocalDeclarationStatementSyntax declaration, ElementAccessExpressionSyntax value, ILocalSymbol local)
    {
        if (ParseJaggedRow(value, out JaggedArray? array) is not { } view)
        {
            return null;
        }

        SourceInfo source = Source(declaration);
        (ViewLocal row, List<Stmt> statements) = DeclareRow(source, local.Name, array!, view.Start);
        _views[local] = row;
        return statements;
    }

    /// <summary>The int locals holding a row that starts at <paramref name="start"/>'s row: the start read once, the length from it.</summary>
    private (ViewLocal Row, List<Stmt> Statements) DeclareRow(SourceInfo source, string stem, JaggedArray array, Expr start)
    {
        var startLocal = new VariableRef(ScalarKind.Int, FreshName(stem + "Start"));
        var lengthLocal = new VariableRef(ScalarKind.Int, FreshName(stem + "Length"));
        Expr row = ((ElementRead)start).Index;
        var statements = new List<Stmt>
        {
            new LocalDeclaration(source, startLocal.Name, ScalarKind.Int, start),
            new LocalDeclaration(source, lengthLocal.Name, ScalarKind.Int, array.LengthOf(row, startLocal)),
        };
        return (new ViewLocal(array.Elements, startLocal, lengthLocal), statements);
    }

    /// <summary>
    /// A foreach involving a jagged array, or null when <paramref name="statement"/> is none. Over the rows,
    /// <c>foreach (double[] row in w)</c> is a counted loop declaring the view local <c>row</c> first; over one row,
    /// <c>foreach (double v in w[i])</c> is a foreach over a view of it.
    /// </summary>
    private bool TryParseJaggedForEach(ForEachStatementSyntax statement, ILocalSymbol variable, out Stmt? parsed)
    {
        parsed = null;
        SourceInfo source = Source(statement, "foreach (" + statement.Type + " " + statement.Identifier.Text + " in " + statement.Expression + ")");
        if (statement.Expression is ElementAccessExpressionSyntax row && IsJaggedRow(row))
        {
            if (ParseJaggedRow(row, out JaggedArray? rowArray) is { } view)
            {
                (ViewLocal declared, List<Stmt> before) = DeclareRow(source, "row", rowArray!, view.Start);
                parsed = ParseForEachInView(statement, variable, declared) is { } loop ? new Block(source, before.Append(loop).ToEquatableArray()) : null;
            }

            return true;
        }

        if (JaggedNamed(statement.Expression) is not { } array)
        {
            return false;
        }

        if (variable.Name.Length == 0)
        {
            // Half-typed (`foreach (double[] in w)`): the compiler reports the missing name.
            _hasSilentErrors = true;
            return true;
        }

        var counter = new VariableRef(ScalarKind.Int, FreshName("at" + NameStems.Capitalized(variable.Name)));
        (ViewLocal rowView, List<Stmt> declarations) = DeclareRow(source, variable.Name, array, array.StartOf(counter));
        _views[variable] = rowView;
        if (InBreakable(loop: true, () => ParseEmbedded(statement.Statement)) is not { } body)
        {
            return true;
        }

        parsed = For.Counted(source, counter, array.Rows, body with { Statements = declarations.Concat(body.Statements).ToEquatableArray() });
        return true;
    }

    /// <summary>
    /// Refuses writes to a jagged array parameter's elements or rows (directly, through a row local or a foreach's row, by a
    /// span method or by a writer given a row): the entries copy the rows into one buffer, so a write would not reach the
    /// caller's arrays. The source's writes are found as the entries' span types find them (EntryParameterTypes); the parsed
    /// body's stores and writer calls are checked too, so that a write the syntax hides still gets a diagnostic, not an entry
    /// storing into a ReadOnlySpan.
    /// </summary>
    private void CheckJaggedWrites(Block? body)
    {
        ISet<int> written = EntryParameterTypes.WrittenParameterIndexes(_method, _model);
        var storedInBody = body is null ? new HashSet<string>() : new HashSet<string>(StoredCollections(body));
        for (int i = 0; i < _method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = _method.Parameters[i];
            if (_jaggedArrays.ContainsKey(parameter) && (written.Contains(i) || storedInBody.Contains(parameter.Name)))
            {
                SyntaxNodeOrToken where = i < _syntax.ParameterList.Parameters.Count ? _syntax.ParameterList.Parameters[i] : _syntax.Identifier;
                ReportUnsupportedStatement(where, "writes to the jagged array '" + parameter.Name + "' (its elements or rows, directly, through a row, or by a method given a row)",
                    "read it only: copy a row you change into a local array (new " + SymbolNames.JaggedOf(parameter.Type)!.Value.CSharpName() + "[n], element by element) and write that, or take a 2-D array T[,]");
            }
        }
    }

    /// <summary>The collections <paramref name="statement"/> stores into, or passes to a callee's parameter it writes, anywhere in it.</summary>
    private static IEnumerable<string> StoredCollections(Stmt statement)
    {
        IEnumerable<string> here = StmtChildren.ExpressionsOf(statement).SelectMany(ExprChildren.AllOf).OfType<UserCall>()
            .SelectMany(call => call.Arguments.Where((argument, i) => call.Callee.Parameters[i].IsWritten).OfType<CollectionRef>().Select(c => c.Name));
        if (statement is ElementAssignment { Collection: CollectionRef stored })
        {
            here = here.Append(stored.Name);
        }

        return here.Concat(StmtChildren.Of(statement).SelectMany(StoredCollections));
    }
}
