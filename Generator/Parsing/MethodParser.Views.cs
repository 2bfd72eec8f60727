using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// Span views: <c>w.Slice(s, n)</c>, <c>w[a..b]</c>, <c>array.AsSpan(s, n)</c>, or another span by name. A view local
/// (<c>ReadOnlySpan&lt;double&gt; row = w.Slice(r * cols, cols);</c>; assigning it again is refused) becomes two int locals, its start
/// and its length, and every use of it becomes a use of the collection it views: <c>row[j]</c> reads <c>w[rowStart + j]</c>,
/// <c>row.Length</c> is <c>rowLength</c>. So the analyses and the reverse sweep see one collection, and a write through a
/// view is a write to the viewed array, saved and restored as any other. A view passed to a [Differentiable] callee stays a
/// view (<see cref="SpanView"/>): the callee gets <c>w.Slice(…)</c>, and its partials add into the same slice of <c>w</c>'s adjoint.
/// The checks the source's <c>Slice</c> and indexer make are kept (the runtime's <c>SpanViews</c>), except an index a loop
/// bounds by the view's length.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>A view local: the collection it views and the int expressions of its start in it and its length.</summary>
    private sealed record ViewLocal(CollectionRef Base, Expr Start, Expr Length)
    {
        /// <summary>An array of a swap group (MethodParser.Swaps): its start changes where the arrays are assigned.</summary>
        public bool Reassigned { get; init; }
    }

    /// <summary>A parsed view expression: <paramref name="Start"/> is relative to <paramref name="Parent"/> (a view local) when there is one.</summary>
    private sealed record ParsedView(CollectionRef Base, ViewLocal? Parent, Expr Start, Expr Length, Expr ParentLength)
    {
        /// <summary>The start in <see cref="Base"/> (the parent's start read where this is evaluated).</summary>
        public Expr AbsoluteStart => Parent is null ? Start : Start is Constant { Value: 0 } ? Parent.Start : new Binary(ScalarKind.Int, BinaryOperator.Add, Parent.Start, Start);

        /// <summary><see cref="Length"/>, checked as Slice checks it against the parent, from <paramref name="relativeStart"/>.</summary>
        public Expr CheckedLength(Expr relativeStart) =>
            SpanView.CheckedLength(ParentLength, relativeStart, Length);
    }

    private readonly Dictionary<ILocalSymbol, ViewLocal> _views = new(SymbolEqualityComparer.Default);

    /// <summary>The view local <paramref name="syntax"/> names, if it names one.</summary>
    private ViewLocal? ViewNamed(ExpressionSyntax syntax) =>
        syntax is IdentifierNameSyntax && _model.GetSymbolInfo(syntax, _cancellationToken).Symbol is ILocalSymbol local &&
        _views.TryGetValue(local, out ViewLocal? view)
            ? view
            : null;

    /// <summary><c>Span&lt;T&gt; row = w.Slice(s, n);</c>: <c>int rowStart = s; int rowLength = ViewLength(w.Length, rowStart, n);</c>.</summary>
    private List<Stmt>? ParseViewDeclaration(LocalDeclarationStatementSyntax declaration, ExpressionSyntax value, ILocalSymbol local)
    {
        if (ParseView(value, $"the span local '{local.Name}' ({OneLine(value.ToString())})") is not { } view)
        {
            return null;
        }

        (ViewLocal declared, List<Stmt> statements) = DeclareView(Source(declaration), local.Name, view);
        _views[local] = declared;
        return statements;
    }

    /// <summary>
    /// The int locals <c>{stem}Start</c> and <c>{stem}Length</c> holding a view, the length checked as the source's Slice checks
    /// it. A view of a view holds its start in the collection viewed, taken where it is declared (a swapped array's start moves on).
    /// </summary>
    private (ViewLocal View, List<Stmt> Statements) DeclareView(SourceInfo source, string stem, ParsedView view)
    {
        var start = new VariableRef(ScalarKind.Int, FreshName(stem + "Start"));
        var length = new VariableRef(ScalarKind.Int, FreshName(stem + "Length"));
        var statements = new List<Stmt>
        {
            new LocalDeclaration(source, start.Name, ScalarKind.Int, view.AbsoluteStart),
            new LocalDeclaration(source, length.Name, ScalarKind.Int, view.CheckedLength(view.Parent is null ? start : view.Start)),
        };
        return (new ViewLocal(view.Base, start, length), statements);
    }

    /// <summary>
    /// A view expression: a collection or view local by name, <c>c.Slice(s)</c>, <c>c.Slice(s, n)</c>, <c>c[a..b]</c> of a span,
    /// <c>array.AsSpan()</c>, <c>array.AsSpan(s)</c>, <c>array.AsSpan(s, n)</c>. Null, with a diagnostic naming
    /// <paramref name="what"/>, for anything else.
    /// </summary>
    private ParsedView? ParseView(ExpressionSyntax syntax, string what)
    {
        switch (syntax)
        {
            case IdentifierNameSyntax:
                return ViewOf(syntax, null, null, what);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                when _model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol method && IsViewMethod(method):
            {
                SeparatedSyntaxList<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
                if (arguments.Any(a => a.NameColon is not null))
                {
                    break;
                }

                return ViewOf(access.Expression, arguments.Count > 0 ? arguments[0].Expression : null, arguments.Count > 1 ? arguments[1].Expression : null, what);
            }

            case ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } rangeArguments } element
                when rangeArguments[0].Expression is RangeExpressionSyntax range:
                return RangeView(element.Expression, range, what);
        }

        ReportUnsupportedStatement(syntax, what, "take a view with Slice(start[, length]), a range [a..b] of a span, or AsSpan(start[, length]) of an array");
        return null;
    }

    /// <summary>Whether <paramref name="syntax"/> is written as a view (a Slice or AsSpan call, or a range), for the foreach that iterates it.</summary>
    private static bool IsViewExpression(ExpressionSyntax syntax) => syntax switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Slice" or "AsSpan" } } => true,
        ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } => arguments[0].Expression is RangeExpressionSyntax,
        _ => false,
    };

    /// <summary>Span.Slice and MemoryExtensions.AsSpan with int arguments (not the Index and Range overloads).</summary>
    private static bool IsViewMethod(IMethodSymbol method)
    {
        IMethodSymbol definition = method.ReducedFrom ?? method;
        string container = definition.ContainingType.OriginalDefinition.ToDisplayString();
        bool isSlice = method.Name == "Slice" && container is "System.Span<T>" or "System.ReadOnlySpan<T>";
        bool isAsSpan = method.Name == "AsSpan" && container == "System.MemoryExtensions" && method.ReducedFrom is not null &&
                        method.ReceiverType is IArrayTypeSymbol;
        return (isSlice || isAsSpan) && method.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Int32);
    }

    /// <summary><c>c[a..b]</c>, where <c>^k</c> counts from the end; a range of an array makes a copy, so only spans take it.</summary>
    private ParsedView? RangeView(ExpressionSyntax collection, RangeExpressionSyntax range, string what)
    {
        if (_model.GetTypeInfo(collection, _cancellationToken).Type is IArrayTypeSymbol)
        {
            ReportUnsupportedStatement(range, what + ", a range of an array (which copies it)", "view the array without copying: AsSpan(start, length)");
            return null;
        }

        if (ViewOf(collection, null, null, what) is not { } whole)
        {
            return null;
        }

        // A bound converts to System.Index: parse it as the int it is.
        ITypeSymbol intType = _model.Compilation.GetSpecialType(SpecialType.System_Int32);
        Expr? Bound(ExpressionSyntax? bound, Expr ifAbsent) => bound switch
        {
            null => ifAbsent,
            PrefixUnaryExpressionSyntax hat when hat.IsKind(SyntaxKind.IndexExpression) =>
                ParseConverted(hat.Operand, intType) is { } fromEnd ? new Binary(ScalarKind.Int, BinaryOperator.Subtract, whole.ParentLength, fromEnd) : null,
            _ => ParseConverted(bound, intType),
        };

        if (Bound(range.LeftOperand, new Constant(ScalarKind.Int, 0)) is not { } start || Bound(range.RightOperand, whole.ParentLength) is not { } end)
        {
            return null;
        }

        Expr length = start is Constant { Value: 0 } ? end : new Binary(ScalarKind.Int, BinaryOperator.Subtract, end, start);
        return whole with { Start = start, Length = length };
    }

    /// <summary>The view of <paramref name="collection"/> (a collection or view local by name) from <paramref name="startSyntax"/>, of <paramref name="lengthSyntax"/> elements.</summary>
    private ParsedView? ViewOf(ExpressionSyntax collection, ExpressionSyntax? startSyntax, ExpressionSyntax? lengthSyntax, string what)
    {
        ViewLocal? parent = ViewNamed(collection);
        CollectionRef? viewed = parent?.Base;
        if (parent is null && collection is ElementAccessExpressionSyntax row && IsJaggedRow(row))
        {
            // A row of a jagged array, w[i].AsSpan(…): a view of the row's view of the elements, read where the view is taken.
            if (ParseJaggedRow(row, out JaggedArray? array) is not { } rowView)
            {
                return null;
            }

            parent = new ViewLocal(array!.Elements, rowView.Start, rowView.Length);
            viewed = parent.Base;
        }
        else if (parent is null)
        {
            if (!IsNamedCollection(collection))
            {
                ReportUnsupportedStatement(collection, what, "view a span or array parameter, a local array or another view, by name");
                return null;
            }

            viewed = ParseCollection(collection);
        }

        if (viewed is null)
        {
            return null;
        }

        Expr parentLength = parent?.Length ?? new LengthOf(viewed);
        Expr? start = startSyntax is null ? new Constant(ScalarKind.Int, 0) : ParseConverted(startSyntax);
        if (start is null)
        {
            return null;
        }

        Expr? length = lengthSyntax is not null ? ParseConverted(lengthSyntax)
            : start is Constant { Value: 0 } ? parentLength
            : new Binary(ScalarKind.Int, BinaryOperator.Subtract, parentLength, start);
        return length is null ? null : new ParsedView(viewed, parent, start, length, parentLength);
    }

    /// <summary>
    /// A collection argument of a call: a collection by name, or a view (a view local, or a view expression written in the
    /// argument), which the callee gets as <c>w.Slice(start, length)</c>.
    /// </summary>
    private CollectionRef? ParseCollectionArgument(ExpressionSyntax syntax)
    {
        if (TryParseJaggedRowArgument(syntax, out CollectionRef? row))
        {
            return row;
        }

        if (ViewNamed(syntax) is { } local)
        {
            return local.Base with { View = new SpanView(local.Start, local.Length) };
        }

        if (syntax is IdentifierNameSyntax)
        {
            return ParseCollection(syntax);
        }

        if (ParseView(syntax, "the argument '" + OneLine(syntax.ToString()) + "'") is not { } view)
        {
            return null;
        }

        // The printed Slice makes the source's check where the call is made; a view of a view is checked against its parent too.
        if (view.Parent is null)
        {
            return view.Base with { View = new SpanView(view.Start, view.Length) };
        }

        return view.Base with { View = new SpanView(view.AbsoluteStart, view.CheckedLength(view.Start)) };
    }

    /// <summary><c>row[index]</c> of a view local: <c>w[rowStart + index]</c>, the index checked unless a loop keeps it in range.</summary>
    private Expr? ParseViewElement(ViewLocal view, ExpressionSyntax indexSyntax, ExpressionSyntax viewSyntax)
    {
        if (ParseConverted(indexSyntax) is not { } index)
        {
            return null;
        }

        var asView = new SpanView(view.Start, view.Length);
        return new ElementRead(view.Base.Kind, view.Base, IsCountedBelowLength(indexSyntax, viewSyntax) ? asView.Offset(index) : asView.CheckedIndex(index));
    }

    /// <summary><c>row[^e]</c> of a view local: <c>w[rowStart + (rowLength - e)]</c>, checked against the view's length.</summary>
    private Expr? ParseViewElementFromEnd(ViewLocal view, ExpressionSyntax fromEnd)
    {
        if (ParseIndex(fromEnd) is not { } distance)
        {
            return null;
        }

        var asView = new SpanView(view.Start, view.Length);
        return new ElementRead(view.Base.Kind, view.Base, asView.CheckedIndex(new Binary(ScalarKind.Int, BinaryOperator.Subtract, view.Length, distance)));
    }

    /// <summary>
    /// True when <paramref name="index"/> is <c>j</c> or <c>j - k</c>, j the counter of an enclosing
    /// <c>for (int j = c; j &lt; row.Length; j++)</c> over this view, with constants 0 ≤ k ≤ c and j written nowhere else:
    /// then it is always in range.
    /// </summary>
    private bool IsCountedBelowLength(ExpressionSyntax index, ExpressionSyntax view) =>
        _model.GetSymbolInfo(view, _cancellationToken).Symbol is ILocalSymbol viewLocal &&
        IsCountedBelow(index, bound => bound is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } length && Names(length.Expression, viewLocal));

    /// <summary>
    /// True when <paramref name="index"/> is <c>j</c> or <c>j - k</c>, j the counter of an enclosing
    /// <c>for (int j = c; j &lt; bound; j++)</c> whose bound <paramref name="isBound"/> accepts, with constants 0 ≤ k ≤ c and
    /// j written nowhere else: then it stays below that bound and at or above 0.
    /// </summary>
    private bool IsCountedBelow(ExpressionSyntax index, System.Func<ExpressionSyntax, bool> isBound)
    {
        int back = 0;
        if (index is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.SubtractExpression } difference &&
            _model.GetConstantValue(difference.Right, _cancellationToken) is { HasValue: true, Value: int k } && k >= 0)
        {
            index = difference.Left;
            back = k;
        }

        if (index is not IdentifierNameSyntax || _model.GetSymbolInfo(index, _cancellationToken).Symbol is not ILocalSymbol counter)
        {
            return false;
        }

        ForStatementSyntax? loop = index.Ancestors().OfType<ForStatementSyntax>()
            .FirstOrDefault(f => f.Declaration?.Variables.Any(v => SymbolEqualityComparer.Default.Equals(_model.GetDeclaredSymbol(v, _cancellationToken), counter)) == true);
        if (loop is not { Declaration.Variables: { Count: 1 } variables, Incrementors.Count: 1 } ||
            variables[0].Initializer?.Value is not { } first ||
            _model.GetConstantValue(first, _cancellationToken) is not { HasValue: true, Value: int firstValue } || firstValue < back)
        {
            return false;
        }

        bool bounded = loop.Condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LessThanExpression } condition &&
                       Names(condition.Left, counter) && isBound(condition.Right);
        bool countsUp = loop.Incrementors[0] switch
        {
            PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression } post => Names(post.Operand, counter),
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression } pre => Names(pre.Operand, counter),
            _ => false,
        };
        DataFlowAnalysis? body = _model.AnalyzeDataFlow(loop.Statement);
        return bounded && countsUp && body is { Succeeded: true } && !body.WrittenInside.Contains(counter, SymbolEqualityComparer.Default);
    }

    /// <summary>
    /// <c>foreach (double v in row)</c> over a view local, or over a view written in the foreach (declared first, as C#
    /// evaluates it once): <c>for (int i = 0; i &lt; rowLength; i++) { double v = w[rowStart + i]; … }</c>.
    /// </summary>
    private Stmt? ParseForEachInView(ForEachStatementSyntax statement, ILocalSymbol variable, ViewLocal? named)
    {
        SourceInfo source = Source(statement, "foreach (" + statement.Type + " " + statement.Identifier.Text + " in " + statement.Expression + ")");
        ViewLocal view;
        var before = new List<Stmt>();
        if (named is { Reassigned: false })
        {
            view = named;
        }
        else if (named is not null)
        {
            // C# evaluates the collection once: a swap in the body must not move the loop to the other array.
            var start = new VariableRef(ScalarKind.Int, FreshName("viewStart"));
            before.Add(new LocalDeclaration(source, start.Name, ScalarKind.Int, named.Start));
            view = named with { Start = start, Reassigned = false };
        }
        else if (ParseView(statement.Expression, "a foreach over '" + OneLine(statement.Expression.ToString()) + "'") is { } parsed)
        {
            (view, before) = DeclareView(source, "view", parsed);
        }
        else
        {
            return null;
        }

        if (variable.Name.Length == 0)
        {
            // Half-typed (`foreach (double in row)`): the compiler reports the missing name.
            _hasSilentErrors = true;
            return null;
        }

        if (ForEachVariableKind(statement, variable) is not { } kind)
        {
            return null;
        }

        if (InBreakable(loop: true, () => ParseEmbedded(statement.Statement)) is not { } body)
        {
            return null;
        }

        var counter = new VariableRef(ScalarKind.Int, FreshName("at" + NameStems.Capitalized(variable.Name)));
        For loop = For.OverView(source, counter, view.Base, new SpanView(view.Start, view.Length), variable.Name, kind, body);
        return before.Count == 0 ? loop : new Block(source, before.Append<Stmt>(loop).ToEquatableArray());
    }
}
