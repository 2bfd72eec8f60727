using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Inlining;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// Local functions of a [Differentiable] method, taken in where they are called: a local function has no entries of its
/// own (the generated code, outside the method, could not call it), so each call is replaced by its body, read again at
/// the call (<c>double Sq(double v) => v * v;</c> … <c>s += Sq(x[i]);</c> becomes <c>s += x[i] * x[i];</c>).
/// </summary>
/// <remarks>
/// <para>
/// What a local function reads of its method (captured locals and parameters) it reads when it is called, which is what
/// the inlined body reads too, so captures need nothing. It may not write anything of its method, nor any element: its
/// writes would be the caller's, made before or in the middle of the caller's statement.
/// </para>
/// <para>
/// A body that is one expression over scalar parameters is substituted into the call, each argument in its parameter's
/// place (an argument used more than once goes into a local first where its statement allows one). Any other body (statements
/// before the <c>return</c>, or a span or array parameter) runs just before the call's statement, like the statements of
/// an inlined [Differentiable] callee (<see cref="InlinedBody"/>), so the call must run whenever its statement does.
/// </para>
/// </remarks>
internal sealed partial class MethodParser
{
    // The local functions being taken in, innermost last: one that reaches itself again is recursive.
    private readonly List<IMethodSymbol> _inliningLocalFunctions = new();

    // Whether each local function called so far has a body that can stand in for its calls (checked at its first call).
    private readonly Dictionary<IMethodSymbol, bool> _localFunctionBodyOk = new(SymbolEqualityComparer.Default);

    /// <summary>The most local functions taken into one another at one call (beyond that the code is generated, not written).</summary>
    private const int LocalFunctionDepth = 16;

    private const string MoveOutFix = "make it a [Differentiable] method of the type";

    /// <summary>Why statements cannot run just before a call that <see cref="CanRunBeforeStatement"/> refuses.</summary>
    private const string RunsOnlySometimesWhy =
        "this call runs only sometimes or more than once (in a branch of ?:, the right of && or ||, a switch expression's arm, or a loop's header)";

    /// <summary>
    /// A local function's declaration: nothing of its own in the IR, its calls take in its body. Reported here is what no
    /// call could take in (its signature); what its body does wrong is reported where a call reads it.
    /// </summary>
    private List<Stmt>? ParseLocalFunctionDeclaration(LocalFunctionStatementSyntax declaration)
    {
        if (_model.GetDeclaredSymbol(declaration, _cancellationToken) is not IMethodSymbol function)
        {
            _hasSilentErrors = true;
            return null;
        }

        if (WhyLocalFunctionSignatureUnsupported(function, declaration) is not { } why)
        {
            return new List<Stmt>();
        }

        ReportUnsupportedStatement(declaration.Identifier, why, MoveOutFix);
        return null;
    }

    private static string? WhyLocalFunctionSignatureUnsupported(IMethodSymbol function, LocalFunctionStatementSyntax declaration)
    {
        string name = "'" + function.Name + "'";
        if (function.IsGenericMethod)
        {
            return "the generic local function " + name;
        }

        if (function.IsAsync || function.IsExtern || declaration.Modifiers.Any(SyntaxKind.UnsafeKeyword))
        {
            return "the " + (function.IsAsync ? "async" : function.IsExtern ? "extern" : "unsafe") + " local function " + name;
        }

        if (function.ReturnsVoid || function.ReturnsByRef || function.ReturnsByRefReadonly || SymbolNames.KindOf(function.ReturnType) is null)
        {
            return "the local function " + name + " returning '" + function.ReturnType.ToDisplayString() +
                   "' (a local function taken in returns double, float, int or bool)";
        }

        if (function.Parameters.FirstOrDefault(p => SymbolNames.HasAttribute(p, SymbolNames.NoDerivativeAttribute)) is { } constant)
        {
            return "the [NoDerivative] parameter '" + constant.Name + "' of the local function " + name +
                   " (taken in, its body is differentiated with the method's: mark the method's parameter [NoDerivative] instead)";
        }

        if (function.Parameters.FirstOrDefault(p => p.RefKind is not (RefKind.None or RefKind.In or RefKind.RefReadOnlyParameter) || p.IsParams ||
                (SymbolNames.KindOf(p.Type) is null && SymbolNames.CollectionOf(p.Type) is null)) is { } parameter)
        {
            return "the local function " + name + " taking '" + parameter.ToDisplayString() +
                   "' (a local function taken in takes double, float, int or bool values, and spans or arrays of them, by value or in)";
        }

        return declaration.Body is null && declaration.ExpressionBody is null ? "the local function " + name + " without a body" : null;
    }

    /// <summary>Whether calls to <paramref name="function"/> can take in its body: a local function of this method whose signature allows it.</summary>
    private bool IsLocalFunctionTakenIn(IMethodSymbol function) =>
        DeclarationOf(function) is { } declaration && WhyLocalFunctionSignatureUnsupported(function, declaration) is null;

    /// <summary>Whether <paramref name="syntax"/> calls a local function whose declaration is reported, so the call need not be.</summary>
    private bool CallsLocalFunctionNotTakenIn(ExpressionSyntax syntax) =>
        syntax is InvocationExpressionSyntax && _model.GetSymbolInfo(syntax, _cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } function &&
        !IsLocalFunctionTakenIn(function);

    private LocalFunctionStatementSyntax? DeclarationOf(IMethodSymbol function) =>
        function.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is LocalFunctionStatementSyntax declaration &&
        declaration.SyntaxTree == _syntax.SyntaxTree && _syntax.Span.Contains(declaration.Span)
            ? declaration
            : null;

    /// <summary><c>F(a, b)</c> of a local function <paramref name="function"/> (<see cref="IsLocalFunctionTakenIn"/>): its body, on the arguments, in the call's place.</summary>
    private Expr? ParseLocalFunctionCall(InvocationExpressionSyntax invocation, IMethodSymbol function, ScalarKind kind, List<Expr> arguments)
    {
        LocalFunctionStatementSyntax declaration = DeclarationOf(function)!;

        if (_inliningLocalFunctions.Contains(function, SymbolEqualityComparer.Default) || _inliningLocalFunctions.Count >= LocalFunctionDepth)
        {
            ReportInLocalFunction(invocation, "a call of the local function '" + function.Name + "' inside itself (or " + LocalFunctionDepth +
                                              " local functions deep)", "its body stands in for each call, so it cannot reach itself; " + MoveOutFix, declaration);
            return null;
        }

        if (!_localFunctionBodyOk.TryGetValue(function, out bool bodyOk))
        {
            _localFunctionBodyOk[function] = bodyOk = CheckLocalFunctionBody(function, declaration);
        }

        if (!bodyOk)
        {
            return null;
        }

        _inliningLocalFunctions.Add(function);
        List<Stmt> enclosing = TakeBeforeStatement();
        Block? body = ParseLocalFunctionBody(function, declaration);
        _beforeStatement.AddRange(enclosing);
        _inliningLocalFunctions.RemoveAt(_inliningLocalFunctions.Count - 1);
        if (body is null)
        {
            return null;
        }

        var returned = (Return)body.Statements[body.Statements.Count - 1];
        bool hoistable = CanRunBeforeStatement(invocation);
        // In another local function's expression body an argument is repeated, not put in a local, so that body stays one
        // expression, which its own callers substitute wherever they stand (FB-26).
        bool inLocalFunctionExpressionBody = invocation.Ancestors().FirstOrDefault(a => a is StatementSyntax or ArrowExpressionClauseSyntax) is
            ArrowExpressionClauseSyntax { Parent: LocalFunctionStatementSyntax };
        if (body.Statements.Count == 1 && function.Parameters.All(p => SymbolNames.KindOf(p.Type) is not null) &&
            Substitute(function, returned.Value, arguments, hoistable && !inLocalFunctionExpressionBody, SourceOfCall(invocation)) is { } substituted)
        {
            return ConvertTo(substituted, kind);
        }

        if (!hoistable)
        {
            ReportUnsupportedExpression(invocation, "the body of '" + function.Name + "' (statements, or a span or array parameter) runs just before the " +
                                                    "statement that calls it, but " + RunsOnlySometimesWhy + "; call it in a statement of its own (double v = " + function.Name + "(…);)");
            return null;
        }

        var callee = new MethodModel(SymbolNames.MethodKey(function), "", null, EquatableArray<ContainingType>.Empty, function.Name, "private", function.IsStatic,
            function.Parameters.Select(LocalFunctionParameter).ToEquatableArray(), SymbolNames.KindOf(function.ReturnType)!.Value, "", function.Name, body);
        var inlined = new InlinedBody(callee, SourceOfCall(invocation), (wanted, from) => FreshName(
            from is not null && IsIdentifierInMethod(wanted) ? wanted + "In" + from : wanted), allowsCaptures: true);
        _beforeStatement.AddRange(inlined.Bind(arguments));
        return ConvertTo(inlined.Result!, kind);
    }

    private static ParameterModel LocalFunctionParameter(IParameterSymbol parameter) =>
        SymbolNames.CollectionOf(parameter.Type) is { } collection
            ? new ParameterModel(parameter.Name, parameter.Type.ToDisplayString(), collection.Kind, collection.Shape, IsDifferentiable: true)
            : new ParameterModel(parameter.Name, parameter.Type.ToDisplayString(), SymbolNames.KindOf(parameter.Type), ValueShape.Scalar, IsDifferentiable: true);

    /// <summary>The statements of <paramref name="declaration"/>'s body, read at this call; the last is its <c>return</c>.</summary>
    private Block? ParseLocalFunctionBody(IMethodSymbol function, LocalFunctionStatementSyntax declaration)
    {
        var statements = new List<Stmt>();
        ExpressionSyntax value;
        SyntaxNode returnSyntax;
        if (declaration.ExpressionBody is { } arrow)
        {
            value = arrow.Expression;
            returnSyntax = arrow;
        }
        else
        {
            BlockSyntax block = declaration.Body!;
            // CheckLocalFunctionBody saw to it that no return comes before the last statement.
            if (block.Statements.LastOrDefault() is not ReturnStatementSyntax { Expression: not null } last)
            {
                ReportUnsupportedStatement(declaration.Identifier, "the local function '" + function.Name + "', which does not end with 'return value;'",
                    "its body stands in for each call: end it with the return of its value");
                return null;
            }

            foreach (StatementSyntax statement in block.Statements.Take(block.Statements.Count - 1))
            {
                if (ParseStatement(statement) is not { } parsed)
                {
                    return null;
                }

                statements.AddRange(parsed);
            }

            value = last.Expression!;
            returnSyntax = last;
        }

        if (ParseConverted(value, function.ReturnType) is not { } result)
        {
            return null;
        }

        // What the returned expression needs first (a local function it calls, with statements of its own).
        statements.AddRange(TakeBeforeStatement());
        statements.Add(new Return(Source(returnSyntax), result));
        return new Block(Source(declaration), statements.ToEquatableArray());
    }

    /// <summary>
    /// <paramref name="value"/>, the body of a local function over scalars, with each parameter replaced by its argument. An
    /// argument that is neither a variable nor a constant and is used other than once goes into a local first when
    /// <paramref name="hoistable"/> (evaluated once, as the call evaluates it); otherwise it is repeated, which expressions,
    /// having no side effects, allow. Null for a body substitution cannot rewrite (a switch expression).
    /// </summary>
    private Expr? Substitute(IMethodSymbol function, Expr value, IReadOnlyList<Expr> arguments, bool hoistable, SourceInfo source)
    {
        if (ExprChildren.AllOf(value).Any(e => e is SwitchExpression))
        {
            // Substitution does not reach into a switch's arms: the body goes before the statement, as one with statements does.
            return null;
        }

        var uses = ExprChildren.AllOf(value).OfType<VariableRef>().GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.Count());
        var values = new Dictionary<string, Expr>();
        for (int i = 0; i < arguments.Count; i++)
        {
            string parameter = function.Parameters[i].Name;
            Expr argument = arguments[i];
            if (hoistable && argument is not (VariableRef or Constant) && (!uses.TryGetValue(parameter, out int count) || count > 1))
            {
                var local = new VariableRef(argument.Kind, FreshName(parameter + "In" + function.Name));
                _beforeStatement.Add(new LocalDeclaration(source, local.Name, local.Kind, argument));
                argument = local;
            }

            values[parameter] = argument;
        }

        return ExprSubstitution.Replace(value, values);
    }

    /// <summary>
    /// What a local function's body may not do once it stands in for its calls, reported where it does it: return early,
    /// throw, write an element or anything of its method, declare arrays or spans (an array made and not declared, such as an
    /// argument, is refused where the expression is read), or declare a local named as something of its method that it also
    /// reads (the two would become one name once inlined).
    /// </summary>
    private bool CheckLocalFunctionBody(IMethodSymbol function, LocalFunctionStatementSyntax declaration)
    {
        string of = " in the local function '" + function.Name + "'";
        SyntaxNode body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody!;
        // Nested local functions are checked when their own calls are read.
        var nodes = body.DescendantNodesAndSelf(node => node == body || node is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)).ToList();
        var declared = new HashSet<string>(nodes.Select(node => _model.GetDeclaredSymbol(node, _cancellationToken)).OfType<ILocalSymbol>().Select(l => l.Name));
        declared.UnionWith(function.Parameters.Select(p => p.Name));
        bool ok = true;
        foreach (SyntaxNode node in nodes)
        {
            // Movable: what a [Differentiable] method may do, so moving the local function out (the code fix) is a way out.
            (string Construct, string Fix, bool Movable)? refused = node switch
            {
                ReturnStatementSyntax ret when declaration.Body is null || ret != declaration.Body.Statements.LastOrDefault() =>
                    ("a return before the end" + of, "its body stands in for each call, so return once, at its end (with if/else), or " + MoveOutFix, true),
                ThrowStatementSyntax or ThrowExpressionSyntax =>
                    ("a throw" + of, "check the arguments before calling it, or " + MoveOutFix, true),
                ElementAccessExpressionSyntax element when WrittenExpressions.IsWritten(element) =>
                    ("a write to '" + OneLine(element.ToString()) + "'" + of, "an element it writes would be its caller's: write it in the method, or " + MoveOutFix, true),
                VariableDeclarationSyntax variables when _model.GetTypeInfo(variables.Type, _cancellationToken).Type is { TypeKind: not TypeKind.Error } type &&
                                                          SymbolNames.KindOf(type) is null =>
                    ("the local '" + variables.Variables.First().Identifier.ValueText + "' of type '" + type.ToDisplayString() + "'" + of,
                        "a local function taken in declares double, float, int and bool locals only: declare it in the method, or " + MoveOutFix, true),
                IdentifierNameSyntax identifier when CapturedBy(identifier, declaration) is { } captured && WrittenExpressions.IsWritten(identifier) =>
                    ("an assignment to '" + captured.Name + "' of its method" + of, "return the value and assign it in the method", false),
                _ => null,
            };
            if (refused is { } reason)
            {
                ReportInLocalFunction(node, reason.Construct, reason.Fix, reason.Movable ? declaration : null);
                ok = false;
            }
        }

        // Its parameters and locals are renamed apart once inlined, and so would be a variable of the method of the same name
        // that its body reads, directly or through the local functions it calls (which read it by name too).
        foreach ((IdentifierNameSyntax identifier, ISymbol captured, string reader) in VariablesReadThrough(declaration))
        {
            if (declared.Contains(captured.Name))
            {
                ReportUnsupportedStatement(identifier, "'" + captured.Name + "' of its method, read in the local function '" + reader + "', which " +
                                                       (reader == function.Name ? "" : "'" + function.Name + "' calls while '" + function.Name + "' ") +
                                                       "declares a local or parameter of that name too",
                    "rename one: taken in, the two would be one variable");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>
    /// ADG0005 at <paramref name="node"/>; with <paramref name="movable"/>, naming that local function for the code fix that
    /// moves it out (<see cref="DiagnosticDescriptors.MovableLocalFunction"/>).
    /// </summary>
    private void ReportInLocalFunction(SyntaxNode node, string construct, string fix, LocalFunctionStatementSyntax? movable)
    {
        if (movable is null)
        {
            ReportUnsupportedStatement(node, construct, fix);
            return;
        }

        Report(Diagnostic.Create(DiagnosticDescriptors.UnsupportedStatement, node.GetLocation(), new[] { movable.Identifier.GetLocation() },
            ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.MovableLocalFunction, movable.Identifier.ValueText),
            MethodName, construct, fix));
    }

    /// <summary>The local functions of this method that <paramref name="node"/> calls (not those they call in turn).</summary>
    private IEnumerable<LocalFunctionStatementSyntax> LocalFunctionsCalledIn(SyntaxNode node) =>
        node.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(call => _model.GetSymbolInfo(call, _cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } called ? DeclarationOf(called) : null)
            .OfType<LocalFunctionStatementSyntax>();

    /// <summary>
    /// The variables declared outside <paramref name="declaration"/> that its body reads, and those that the local functions it
    /// calls (and they call, and so on) read from outside <paramref name="declaration"/>: each with the local function that reads it.
    /// </summary>
    private IEnumerable<(IdentifierNameSyntax Identifier, ISymbol Variable, string Reader)> VariablesReadThrough(LocalFunctionStatementSyntax declaration)
    {
        var seen = new HashSet<LocalFunctionStatementSyntax> { declaration };
        var pending = new Queue<LocalFunctionStatementSyntax>(seen);
        while (pending.Count > 0)
        {
            LocalFunctionStatementSyntax reader = pending.Dequeue();
            foreach (SyntaxNode node in reader.DescendantNodes().Where(node => node is IdentifierNameSyntax or InvocationExpressionSyntax))
            {
                switch (_model.GetSymbolInfo(node, _cancellationToken).Symbol)
                {
                    case IMethodSymbol { MethodKind: MethodKind.LocalFunction } called when node is InvocationExpressionSyntax &&
                                                                                         DeclarationOf(called) is { } callee && seen.Add(callee):
                        pending.Enqueue(callee);
                        break;
                    case ILocalSymbol or IParameterSymbol when node is IdentifierNameSyntax identifier && CapturedBy(identifier, reader) is { } variable &&
                                                             CapturedBy(identifier, declaration) is not null:
                        yield return (identifier, variable, reader.Identifier.ValueText);
                        break;
                }
            }
        }
    }

    /// <summary>The local or parameter of the enclosing method that <paramref name="identifier"/>, inside <paramref name="declaration"/>, reads.</summary>
    private ISymbol? CapturedBy(IdentifierNameSyntax identifier, LocalFunctionStatementSyntax declaration) =>
        _model.GetSymbolInfo(identifier, _cancellationToken).Symbol is { } symbol and (ILocalSymbol or IParameterSymbol) &&
        !symbol.DeclaringSyntaxReferences.Any(reference => declaration.Span.Contains(reference.Span))
            ? symbol
            : null;

    /// <summary>
    /// Whether statements placed just before the statement holding <paramref name="call"/> run exactly when the call does:
    /// the statement is a declaration, an expression statement or a return (or the call is an if's condition or a switch's
    /// governing value), and nothing between them evaluates the call only sometimes (<see cref="RunsOnlySometimes"/>).
    /// </summary>
    private static bool CanRunBeforeStatement(SyntaxNode call)
    {
        SyntaxNode? holder = call.Ancestors().FirstOrDefault(a => a is StatementSyntax or ArrowExpressionClauseSyntax);
        bool runsOnce = holder switch
        {
            LocalDeclarationStatementSyntax or ExpressionStatementSyntax or ReturnStatementSyntax => true,
            // An arrow body: what it needs first goes before its return (ParseBody, ParseLocalFunctionBody).
            ArrowExpressionClauseSyntax { Parent: LocalFunctionStatementSyntax or MethodDeclarationSyntax } => true,
            IfStatementSyntax ifStatement => ifStatement.Condition.Span.Contains(call.Span),
            SwitchStatementSyntax switchStatement => switchStatement.Expression.Span.Contains(call.Span),
            _ => false,
        };
        return runsOnce && !RunsOnlySometimes(call, holder!);
    }

    /// <summary>
    /// Whether an expression between <paramref name="node"/> and <paramref name="holder"/> evaluates the part holding
    /// <paramref name="node"/> only sometimes: a branch of ?:, the right of &amp;&amp;, || or ??, a switch expression's arm,
    /// what follows ?. (the condition, the left operand and the switch's value always run).
    /// </summary>
    private static bool RunsOnlySometimes(SyntaxNode node, SyntaxNode holder)
    {
        for (SyntaxNode child = node, parent = node.Parent!; parent != holder && parent is not null; child = parent, parent = parent.Parent!)
        {
            bool sometimes = parent switch
            {
                ConditionalExpressionSyntax conditional => child != conditional.Condition,
                BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression =>
                    child == binary.Right,
                SwitchExpressionSyntax switchExpression => child != switchExpression.GoverningExpression,
                ConditionalAccessExpressionSyntax access => child == access.WhenNotNull,
                _ => parent is LambdaExpressionSyntax,
            };
            if (sometimes)
            {
                return true;
            }
        }

        return false;
    }

    private SourceInfo SourceOfCall(SyntaxNode call) =>
        Source(call.Ancestors().FirstOrDefault(a => a is StatementSyntax or ArrowExpressionClauseSyntax) ?? call);

    /// <summary>Empties <see cref="_beforeStatement"/>, returning what it held.</summary>
    private List<Stmt> TakeBeforeStatement()
    {
        var taken = new List<Stmt>(_beforeStatement);
        _beforeStatement.Clear();
        return taken;
    }
}
