using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// Lowers one [Differentiable] method from Roslyn symbols and syntax into a <see cref="MethodModel"/>
/// and its IR, and collects every diagnostic about it. This is the only code that touches symbols and
/// semantic models; the generator and the analyzer both call it, so they agree on what is valid.
/// </summary>
internal sealed partial class MethodParser
{
    private readonly IMethodSymbol _method;
    private readonly MethodDeclarationSyntax _syntax;
    private readonly SemanticModel _model;
    private readonly CancellationToken _cancellationToken;
    private readonly List<Diagnostic> _diagnostics = new();
    private readonly List<CallSite> _callsNeedingRules = new();
    private readonly List<WriterCallSite> _writerCalls = new();
    private readonly Dictionary<IMethodSymbol, ISet<int>> _writtenByCallee = new(SymbolEqualityComparer.Default);

    // Set when the code has errors the compiler itself reports (half-typed code): no diagnostic of ours, no output.
    private bool _hasSilentErrors;

    private MethodParser(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
    {
        _method = method;
        _syntax = syntax;
        _model = model;
        _cancellationToken = cancellationToken;
    }

    public static ParseOutcome Parse(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
    {
        var parser = new MethodParser(method, syntax, model, cancellationToken);

        // Code the compiler rejects (half-typed code) gets no output and no diagnostic of ours beyond the construct checks.
        parser._hasSilentErrors = model.GetDiagnostics(syntax.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);
        MethodModel? result = parser.ParseMethod();
        bool valid = result is not null && !parser._hasSilentErrors &&
                     !parser._diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        return new ParseOutcome(SymbolNames.MethodKey(method), valid ? result : null, parser._diagnostics, parser._callsNeedingRules, parser._writerCalls);
    }

    private string MethodName => _method.Name;

    /// <summary>A method returning void may be [Differentiable] when it writes the elements of a collection parameter (see MethodModel).</summary>
    private bool ReturnsVoid => _method.ReturnsVoid;

    private void Report(DiagnosticDescriptor descriptor, Location location, params object?[] arguments) =>
        Report(Diagnostic.Create(descriptor, location, arguments));

    private void Report(Diagnostic diagnostic)
    {
        // A statement the parser reads twice (a loop body around a buffer swap, a local function called twice) must not report
        // its problem twice.
        // (Compared by what they say and where: diagnostics with properties do not compare equal.)
        if (!_diagnostics.Any(d => d.Id == diagnostic.Id && d.Location == diagnostic.Location && d.GetMessage() == diagnostic.GetMessage()))
        {
            _diagnostics.Add(diagnostic);
        }
    }

    private void ReportUnsupportedStatement(SyntaxNodeOrToken where, string construct, string fix) =>
        Report(DiagnosticDescriptors.UnsupportedStatement, where.GetLocation()!, MethodName, construct, fix);

    private void ReportUnsupportedExpression(SyntaxNode where, string fix) =>
        Report(DiagnosticDescriptors.UnsupportedExpression, where.GetLocation(), MethodName, OneLine(where.ToString()), fix);

    private MethodModel? ParseMethod()
    {
        if (!SymbolNames.HasWritableNames(_method))
        {
            return null;
        }

        bool signatureOk = CheckContainingTypes() & CheckSignature();
        DeclareArray2DParameters();
        DeclareJaggedParameters();
        Block? body = ParseBody();
        CheckJaggedWrites(body);
        if (!signatureOk || body is null)
        {
            return null;
        }

        INamedTypeSymbol type = _method.ContainingType;
        var containing = new List<ContainingType>();
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            containing.Insert(0, new ContainingType(TypeKeyword(t), t.Name));
        }

        string? ns = _method.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        // Overloads get distinct tape types and hint names, suffixed with their parameter types
        // (MTape_double_int, C.M_double_int.g.cs); a method without overloads keeps the plain MTape.
        bool overloaded = type.GetMembers(_method.Name).OfType<IMethodSymbol>().Count(m => !SymbolNames.IsGeneratedByAutoDiffGen(m)) > 1;
        string overloadSuffix = overloaded ? "_" + string.Join("_", _method.Parameters.Select(p => IdentifierPart(SymbolNames.AsWritten(p.Type)))) : "";
        string tapeName = _method.Name + "Tape" + overloadSuffix;
        IReadOnlyList<string> entryTypes = EntryParameterTypes.Of(_method, _model);
        var parameters = _method.Parameters.SelectMany((p, i) => ParameterModels(p, entryTypes[i])).ToEquatableArray();
        if (!ReturnsVoid)
        {
            CheckNameCollisions(type, tapeName, ParameterModel.NeedValueEntry(parameters));
        }

        string hintName = string.Join(".", new[] { ns }.Concat(containing.Select(c => c.Name)).Where(s => s is not null)) + "." + _method.Name + overloadSuffix + ".g.cs";
        var model = new MethodModel(
            SymbolNames.MethodKey(_method),
            hintName,
            ns,
            containing.ToEquatableArray(),
            _method.Name,
            SymbolNames.Accessibility(_method.DeclaredAccessibility),
            _method.IsStatic,
            parameters,
            SymbolNames.KindOf(_method.ReturnType) ?? ScalarKind.Double,
            tapeName,
            SymbolNames.AsWritten(_method),
            body,
            ReturnsVoid);
        CheckLoopFormConstructs(model);
        return model;
    }

    /// <summary>
    /// What the loop form (methods with loops, spans or arrays) cannot express: a switch expression that may match no arm
    /// where it is not evaluated unconditionally by a declaration, an assignment to a local or a return. The loop form tests
    /// such a switch in a statement of its own before the one it stands in (and throws there when no arm matches), which
    /// keeps the order of evaluation only on those paths.
    /// </summary>
    private void CheckLoopFormConstructs(MethodModel model)
    {
        if (!Differentiation.Loops.LoopDesugaring.Applies(model))
        {
            return;
        }

        foreach (SwitchExpressionSyntax switchExpression in _syntax.DescendantNodes().OfType<SwitchExpressionSyntax>())
        {
            if (switchExpression.Arms.Count == 0 ||
                (switchExpression.Arms[switchExpression.Arms.Count - 1] is not { Pattern: DiscardPatternSyntax, WhenClause: null } && !IsEvaluatedByItsStatement(switchExpression)))
            {
                ReportUnsupportedStatement(switchExpression.SwitchKeyword,
                    switchExpression.Arms.Count == 0
                        ? "a switch expression with no arms in a method with loops, spans or arrays"
                        : "in a method with loops, spans or arrays, a switch expression without a final '_' arm inside a condition, an index, an element store, a loop header, or after && or ||",
                    "end the switch expression with a discard arm (_ => …), or compute it into a local first");
            }
        }
    }

    /// <summary>
    /// True when every expression between <paramref name="expression"/> and its statement evaluates it whenever it runs
    /// (operands, arguments, casts, the arms of <c>?:</c> and of switch expressions), and the statement is a local's
    /// declaration, an assignment to a local, a return, or an expression body.
    /// </summary>
    private static bool IsEvaluatedByItsStatement(ExpressionSyntax expression)
    {
        SyntaxNode child = expression;
        for (SyntaxNode? parent = expression.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ParenthesizedExpressionSyntax or CastExpressionSyntax or ArgumentSyntax or ArgumentListSyntax or InvocationExpressionSyntax:
                case PrefixUnaryExpressionSyntax:
                case SwitchExpressionArmSyntax arm when arm.Expression == child:
                case SwitchExpressionSyntax when child is SwitchExpressionArmSyntax:
                case ConditionalExpressionSyntax conditional when conditional.Condition != child:
                case BinaryExpressionSyntax binary when !binary.IsKind(SyntaxKind.LogicalAndExpression) && !binary.IsKind(SyntaxKind.LogicalOrExpression) &&
                    !binary.IsKind(SyntaxKind.CoalesceExpression) && !binary.IsKind(SyntaxKind.AsExpression) && !binary.IsKind(SyntaxKind.IsExpression):
                case EqualsValueClauseSyntax or VariableDeclaratorSyntax or VariableDeclarationSyntax:
                    continue;
                case ArrowExpressionClauseSyntax or ReturnStatementSyntax or LocalDeclarationStatementSyntax:
                    return true;
                case AssignmentExpressionSyntax assignment when assignment.Right == child && assignment.Left is IdentifierNameSyntax:
                    return assignment.Parent is ExpressionStatementSyntax;
                default:
                    return false;
            }
        }

        return false;
    }

    // Type names such as "int[]" or "string?" become identifier-safe ("int__", "string_") for tape and file names.
    private static string IdentifierPart(string typeName) =>
        new string(typeName.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());

    /// <summary>A <c>ref</c> or <c>out</c> double, float, int or bool: its callee's statements, inlined, assign the caller's variable.</summary>
    private static bool IsScalarByReference(IParameterSymbol parameter) =>
        parameter.RefKind is RefKind.Ref or RefKind.Out && SymbolNames.KindOf(parameter.Type) is not null;

    private static bool IsDifferentiableParameter(IParameterSymbol parameter) =>
        SymbolNames.ValueKindOf(parameter.Type) is ScalarKind.Double or ScalarKind.Float &&
        !SymbolNames.HasAttribute(parameter, SymbolNames.NoDerivativeAttribute);

    private static string TypeKeyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private bool CheckContainingTypes()
    {
        bool ok = true;
        for (INamedTypeSymbol? type = _method.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_cancellationToken) is TypeDeclarationSyntax declaration &&
                    !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    Report(DiagnosticDescriptors.ContainingTypeNotPartial, declaration.Identifier.GetLocation(), MethodName, type.Name);
                    ok = false;
                }
            }

            if (type.IsGenericType)
            {
                ReportUnsupportedStatement(_syntax.Identifier, "a generic containing type ('" + type.Name + "')", "move the method to a non-generic partial type");
                ok = false;
            }
        }

        return ok;
    }

    private bool CheckSignature()
    {
        bool ok = true;
        if (_method.IsGenericMethod)
        {
            ReportUnsupportedStatement(_syntax.TypeParameterList!, "a generic method", "write it for double or float");
            ok = false;
        }

        foreach (SyntaxToken modifier in _syntax.Modifiers)
        {
            // The generated entries are not virtual, so they would not dispatch like the method does.
            if (modifier.IsKind(SyntaxKind.VirtualKeyword) || modifier.IsKind(SyntaxKind.AbstractKeyword) || modifier.IsKind(SyntaxKind.OverrideKeyword))
            {
                ReportUnsupportedStatement(modifier, "the '" + modifier.Text + "' modifier", "differentiate a non-virtual method and call it from the virtual one");
                ok = false;
            }

            if (modifier.IsKind(SyntaxKind.AsyncKeyword) || modifier.IsKind(SyntaxKind.UnsafeKeyword) || modifier.IsKind(SyntaxKind.ExternKeyword))
            {
                ReportUnsupportedStatement(modifier, "the '" + modifier.Text + "' modifier", "remove it: a differentiable method is a plain synchronous computation");
                ok = false;
            }
        }

        // A void method that writes a collection parameter, or has ref or out scalars, is differentiated where it is called:
        // its writes become the caller's.
        bool writesInstead = ReturnsVoid && WrittenParameterIndexes(_method).Count > 0;
        if (!writesInstead && SymbolNames.KindOf(_method.ReturnType) is not (ScalarKind.Double or ScalarKind.Float))
        {
            if (_method.ReturnType.TypeKind != TypeKind.Error)
            {
                Report(DiagnosticDescriptors.UnsupportedReturnType, _syntax.ReturnType.GetLocation(), MethodName, _method.ReturnType.ToDisplayString());
            }

            _hasSilentErrors |= _method.ReturnType.TypeKind == TypeKind.Error;
            ok = false;
        }

        for (int i = 0; i < _method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = _method.Parameters[i];
            if (parameter.Type.TypeKind == TypeKind.Error)
            {
                _hasSilentErrors = true;
                ok = false;
                continue;
            }

            // Any other type is accepted when marked [NoDerivative]: it is passed through unchanged.
            bool supported = SymbolNames.KindOf(parameter.Type) is not null || SymbolNames.CollectionOf(parameter.Type) is not null ||
                             SymbolNames.Array2DOf(parameter.Type) is not null || SymbolNames.JaggedOf(parameter.Type) is not null || SymbolNames.HasAttribute(parameter, SymbolNames.NoDerivativeAttribute);
            // An in (or ref readonly) parameter is a value the method cannot change: the entries take it by value.
            if (!supported || (parameter.RefKind is not (RefKind.None or RefKind.In or RefKind.RefReadOnlyParameter) && !(ReturnsVoid && IsScalarByReference(parameter))))
            {
                string type = (parameter.RefKind == RefKind.None ? "" : parameter.RefKind.ToString().ToLowerInvariant() + " ") + SymbolNames.AsWritten(parameter.Type);
                Location location = i < _syntax.ParameterList.Parameters.Count ? _syntax.ParameterList.Parameters[i].GetLocation() : _syntax.Identifier.GetLocation();
                string jagged = SymbolNames.IsJaggedArray(parameter.Type) && SymbolNames.JaggedOf(parameter.Type) is null
                    ? " (of jagged arrays, only double[][] and float[][]: use one of those, a rectangular T[,], or a flat span indexed row * columns + column)"
                    : "";
                Report(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, MethodName, type, jagged);
                ok = false;
            }
        }

        if (_syntax.Body is null && _syntax.ExpressionBody is null)
        {
            ReportUnsupportedStatement(_syntax.Identifier, "a method without a body", "give it a body to differentiate");
            ok = false;
        }

        return ok;
    }

    private void CheckNameCollisions(INamedTypeSymbol type, string tapeName, bool valueEntry)
    {
        var names = new List<string> { MethodName + "Forward", MethodName + "Backward", MethodName + "ValueAndGradient", tapeName };
        if (valueEntry)
        {
            names.Add(MethodName + "Value");
        }

        foreach (string generated in names)
        {
            if (type.GetMembers(generated).Any(m => !SymbolNames.IsGeneratedByAutoDiffGen(m) && !m.IsImplicitlyDeclared))
            {
                Report(DiagnosticDescriptors.NameCollision, _syntax.Identifier.GetLocation(), generated, MethodName, type.Name);
            }
        }
    }

    private SourceInfo Source(SyntaxNode node, string? text = null) =>
        new(node.GetLocation().GetLineSpan().StartLinePosition.Line + 1, OneLine(text ?? node.ToString()));

    private static string OneLine(string text) =>
        string.Join(" ", text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));

    private SourceSpan SpanOf(SyntaxNode node) => new(node.Span.Start, node.Span.Length);
}
