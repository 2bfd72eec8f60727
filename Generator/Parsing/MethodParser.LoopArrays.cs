using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// Local arrays declared inside a loop. <c>double[] t = new double[n];</c> in a loop body makes a fresh zero-filled array
/// each time round; when n is the same every time (the loop nest writes none of the names it reads, or only locals of the
/// nest set once by an initializer that reads none of them, as <c>int m = x.Length;</c>), that is one array,
/// declared before the outermost loop, filled with zeros where the declaration stood. The fill is an ordinary loop of
/// stores, so the reverse sweep restores what it overwrites exactly as for any other store, and an iteration that
/// overwrites its scratch array whole can still take the per-iteration path of a sum loop.
/// </summary>
internal sealed partial class MethodParser
{
    // Declarations moved before the outermost loop being parsed, in source order.
    private readonly List<Stmt> _hoistedArrays = new();

    // The names hoisted out of the loop nest being parsed: two arrays of one name in a nest would share one declaration.
    private readonly HashSet<string> _hoistedNames = new();

    private HashSet<string>? _identifiersInMethod;

    /// <summary>Parses a loop; an outermost loop is preceded by the declarations of the arrays its body declares.</summary>
    private List<Stmt>? ParseLoop(System.Func<Stmt?> parse)
    {
        if (InLoop)
        {
            return parse() is { } inner ? new List<Stmt> { inner } : null;
        }

        try
        {
            if (parse() is not { } loop)
            {
                return null;
            }

            var statements = new List<Stmt>(_hoistedArrays) { loop };
            return statements;
        }
        finally
        {
            _hoistedArrays.Clear();
            _hoistedNames.Clear();
        }
    }

    /// <summary>The zero fill that stands where an array is declared inside a loop; its declaration goes before the outermost loop.</summary>
    private Stmt? ParseArrayInLoop(LocalDeclarationStatementSyntax declaration, VariableDeclaratorSyntax variable, ILocalSymbol local, ScalarKind kind, ExpressionSyntax length)
    {
        if (!HasName(variable, local) || InvariantLocalsOf(declaration, variable, local, length) is not { } invariantLocals || !HoistOnce(variable, local) ||
            ParseHoistedLength(variable, local, length, invariantLocals) is not { } parsedLength)
        {
            return null;
        }

        SourceInfo source = Source(declaration);
        _hoistedArrays.Add(new LocalArray(source, local.Name, kind, parsedLength));
        return ZeroFill(source, new CollectionRef(kind, SymbolNames.CollectionOf(local.Type)!.Value.Shape, local.Name));
    }

    private bool HasName(VariableDeclaratorSyntax variable, ILocalSymbol local)
    {
        if (variable.Identifier.IsMissing || local.Name.Length == 0)
        {
            // Half-typed (`double[] = new double[3];`): the compiler reports the missing name; there is nothing to hoist.
            _hasSilentErrors = true;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Declares an array whose length cannot change where it stands: in place outside loops (added to <paramref name="statements"/>),
    /// before the outermost loop inside one. False, reported, when its loop nest already hoists an array of its name.
    /// </summary>
    private bool DeclareOrHoist(LocalArray declared, VariableDeclaratorSyntax variable, ILocalSymbol local, List<Stmt> statements)
    {
        if (!InLoop)
        {
            statements.Add(declared);
            return true;
        }

        if (!HasName(variable, local) || !HoistOnce(variable, local))
        {
            return false;
        }

        _hoistedArrays.Add(declared);
        return true;
    }

    /// <summary>Whether <paramref name="local"/> is the only array of its name hoisted out of this loop nest (else a diagnostic).</summary>
    private bool HoistOnce(VariableDeclaratorSyntax variable, ILocalSymbol local)
    {
        if (!_hoistedNames.Add(local.Name))
        {
            ReportUnsupportedStatement(variable, "a second array named '" + local.Name + "' in one loop nest", "give the arrays different names");
            return false;
        }

        return true;
    }

    /// <summary><c>for (int clearA = 0; clearA &lt; a.Length; clearA++) a[clearA] = 0;</c>: the fresh array a declaration inside a loop makes.</summary>
    private Stmt ZeroFill(SourceInfo source, CollectionRef array) =>
        LocalArray.ZeroFill(source, array, new VariableRef(ScalarKind.Int, FreshName("clear" + NameStems.Capitalized(array.Name))));

    /// <summary>
    /// The locals of the loop nest that <paramref name="length"/> (of an array declared in the nest) reads, each with the
    /// invariant initializer to read instead; null, with a diagnostic, when the length may change from one time round to the next.
    /// </summary>
    private Dictionary<string, ExpressionSyntax>? InvariantLocalsOf(LocalDeclarationStatementSyntax declaration, VariableDeclaratorSyntax variable, ILocalSymbol local, ExpressionSyntax length)
    {
        StatementSyntax outermost = declaration.Ancestors().OfType<StatementSyntax>()
            .Where(s => s is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax)
            .Last();
        if (length.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax invocation && !IsExtentOf2DArray(invocation)))
        {
            ReportUnsupportedStatement(variable, "the array '" + local.Name + "' declared inside a loop with a call in its length",
                "compute the length into a local before the loop");
            return null;
        }

        DataFlowAnalysis? lengthFlow = _model.AnalyzeDataFlow(length);
        DataFlowAnalysis? loopFlow = _model.AnalyzeDataFlow(outermost);
        if (lengthFlow is not { Succeeded: true } || loopFlow is not { Succeeded: true })
        {
            _hasSilentErrors = true;
            return null;
        }

        // A local of the loop whose only write is an invariant initializer (`int m = x.Length;`) is the same every time
        // round: the hoisted declaration reads its initializer instead, since the local itself does not exist before the loop.
        var invariantLocals = new Dictionary<string, ExpressionSyntax>();
        foreach (ISymbol written in lengthFlow.ReadInside.Where(s => loopFlow.WrittenInside.Contains(s, SymbolEqualityComparer.Default) && !IsLengthOfHoisted(s, length)))
        {
            if (InvariantInitializer(written, outermost, loopFlow) is not { } initializer)
            {
                ReportUnsupportedStatement(variable, "the array '" + local.Name + "' declared inside a loop with a length that changes in the loop ('" + written.Name + "' is assigned in it)",
                    "declare the array before the loop, as long as the longest use needs");
                return null;
            }

            invariantLocals[written.Name] = initializer;
        }

        return invariantLocals;
    }

    /// <summary><paramref name="length"/> as the hoisted declaration computes it: the loop's invariant locals replaced by their initializers.</summary>
    private Expr? ParseHoistedLength(VariableDeclaratorSyntax variable, ILocalSymbol local, ExpressionSyntax length, Dictionary<string, ExpressionSyntax> invariantLocals)
    {
        if (ParseConverted(length) is not { } parsedLength)
        {
            return null;
        }

        if (invariantLocals.Count == 0)
        {
            return parsedLength;
        }

        var values = new Dictionary<string, Expr>();
        foreach (KeyValuePair<string, ExpressionSyntax> invariant in invariantLocals)
        {
            if (ParseConverted(invariant.Value) is not { } value)
            {
                return null;
            }

            values[invariant.Key] = value;
        }

        if (ExprSubstitution.Replace(parsedLength, values) is not { } substituted)
        {
            ReportUnsupportedStatement(variable, "the array '" + local.Name + "' declared inside a loop with a length read through a local of the loop",
                "declare the array before the loop");
            return null;
        }

        return substituted;
    }

    /// <summary>
    /// Whether <paramref name="symbol"/> is an array already moved out of this loop nest and <paramref name="length"/> reads only
    /// its Length (<c>new double[a.Length]</c>, FB-9): its declaration is an assignment in the loop, but its length is the
    /// same every time round.
    /// </summary>
    /// <remarks>An array of a swap group (MethodParser.Swaps) is assigned in the loop, but all of its group have one length.</remarks>
    /// <remarks>A 2-D array's extents never change (it cannot be assigned), so its <c>GetLength</c> counts as its Length.</remarks>
    private bool IsLengthOfHoisted(ISymbol symbol, ExpressionSyntax length) =>
        symbol is ILocalSymbol local && (_hoistedNames.Contains(symbol.Name) || SwapGroupOf(local) is not null || _arrays2D.ContainsKey(local)) &&
        length.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Where(n => SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n, _cancellationToken).Symbol, symbol))
            .All(n => n.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" or "GetLength" } access && access.Expression == n);

    /// <summary><c>a.GetLength(d)</c> of a 2-D array: a call, but one that reads a value the array keeps for its lifetime.</summary>
    private bool IsExtentOf2DArray(InvocationExpressionSyntax invocation) =>
        _model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol method && IsGetLengthOf2DArray(invocation, method);

    /// <summary>
    /// The initializer of <paramref name="symbol"/> when it is a local declared in the loop nest, written nowhere else,
    /// and initialised by an expression that calls nothing and reads nothing the nest writes; otherwise null.
    /// </summary>
    private ExpressionSyntax? InvariantInitializer(ISymbol symbol, StatementSyntax outermost, DataFlowAnalysis loopFlow)
    {
        // A collection's elements can change under its name (a[0] = 1), so only scalars count.
        if (symbol is not ILocalSymbol local
            || SymbolNames.CollectionOf(local.Type) is not null
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value } declarator
            || !outermost.Span.Contains(declarator.Span)
            || value.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax || (n is ExpressionSyntax e && WrittenExpressions.IsWritten(e))))
        {
            return null;
        }

        foreach (IdentifierNameSyntax use in outermost.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(n => n.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n, _cancellationToken).Symbol, local)))
        {
            bool written = WrittenExpressions.IsWritten(use);
            if (written)
            {
                return null;
            }
        }

        DataFlowAnalysis? valueFlow = _model.AnalyzeDataFlow(value);
        return valueFlow is { Succeeded: true } && !valueFlow.ReadInside.Any(s => loopFlow.WrittenInside.Contains(s, SymbolEqualityComparer.Default))
            ? value
            : null;
    }

    private HashSet<string> IdentifiersInMethod =>
        _identifiersInMethod ??= new HashSet<string>(_syntax.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));

    /// <summary>Whether the method's source, or a name the parser made, already uses <paramref name="name"/>.</summary>
    private bool IsIdentifierInMethod(string name) => IdentifiersInMethod.Contains(name);

    /// <summary><paramref name="stem"/>, or stem2, stem3… if the method already uses it as an identifier.</summary>
    private string FreshName(string stem)
    {
        string name = stem;
        for (int i = 2; !IdentifiersInMethod.Add(name); i++)
        {
            name = stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
