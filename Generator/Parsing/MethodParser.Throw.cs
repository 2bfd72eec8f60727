using System.Collections.Generic;
using System.Linq;
using System.Text;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

// throw statements: the thrown expression is kept as C# text, made to mean the same in the generated file (type
// names and static members fully qualified, instance members through this.), with holes where it reads the method's
// scalar locals and parameters, which the lowerings rename.
internal sealed partial class MethodParser
{
    private const string ThrowFix = "the thrown expression may read parameters, scalar locals (double, float, int, bool), constants, nameof, " +
                                    "static members, members of this instance, and create objects; compute anything else before the throw";

    /// <summary>A piece of the rewritten text: at [Start, End) of the source, <paramref name="Text"/> or a hole reading <paramref name="Read"/>.</summary>
    private sealed record ThrowPiece(int Start, int End, string? Text, Expr? Read);

    private List<Stmt>? ParseThrow(ThrowStatementSyntax statement)
    {
        if (statement.Expression is not { } thrown)
        {
            // C# itself allows a rethrow only in a catch block, which a [Differentiable] method cannot have.
            ReportUnsupportedStatement(statement.ThrowKeyword, "'throw;' (a rethrow)", "throw a new exception: a [Differentiable] method has no catch block to rethrow from");
            return null;
        }

        var pieces = new List<ThrowPiece>();
        if (!CollectThrowPieces(thrown, pieces))
        {
            return null;
        }

        return new List<Stmt> { new Throw(Source(statement), BuildThrown(thrown, pieces)) };
    }

    /// <summary>Finds what must change in <paramref name="node"/>'s text; false (with a diagnostic, or silently on compiler errors) when it cannot be emitted.</summary>
    private bool CollectThrowPieces(SyntaxNode node, List<ThrowPiece> pieces)
    {
        string? refused = node switch
        {
            AnonymousFunctionExpressionSyntax => "a lambda",
            AssignmentExpressionSyntax => "an assignment",
            PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax when WrittenExpressions.IsIncrementOrDecrement(node) => "++ or --",
            SingleVariableDesignationSyntax or DeclarationExpressionSyntax => "a variable declaration",
            ThrowExpressionSyntax => "a throw expression",
            StackAllocArrayCreationExpressionSyntax => "stackalloc",
            AwaitExpressionSyntax => "await",
            QueryExpressionSyntax => "a query",
            RefExpressionSyntax => "a ref expression",
            _ => null,
        };
        if (refused is not null)
        {
            ReportUnsupportedStatement(node, refused + " in the thrown expression", ThrowFix);
            return false;
        }

        switch (node)
        {
            case NameColonSyntax or NameEqualsSyntax:
                // Names of arguments and anonymous members belong to what they name, not to this method.
                return true;
            case ExpressionSyntax expression when ConstantText(expression) is { } constant:
                // nameof, const strings: their text would need the names they mention, their value needs nothing.
                pieces.Add(new ThrowPiece(expression.SpanStart, expression.Span.End, constant, null));
                return true;
            case QualifiedNameSyntax or AliasQualifiedNameSyntax or MemberAccessExpressionSyntax
                when _model.GetSymbolInfo(node, _cancellationToken).Symbol is ITypeSymbol or INamespaceSymbol:
                pieces.Add(new ThrowPiece(node.SpanStart, node.Span.End, FullyQualified(_model.GetSymbolInfo(node, _cancellationToken).Symbol!), null));
                return true;
            case MemberAccessExpressionSyntax access:
                // The member's name is bound through its receiver: only the receiver can need a change.
                return CollectThrowPieces(access.Expression, pieces);
            case QualifiedNameSyntax qualified:
                return CollectThrowPieces(qualified.Left, pieces);
            case MemberBindingExpressionSyntax:
                return true;
            case SimpleNameSyntax name:
                return CollectThrowName(name, pieces);
        }

        foreach (SyntaxNode child in node.ChildNodes())
        {
            if (!CollectThrowPieces(child, pieces))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A name standing alone (not after a dot): a hole for a scalar local or parameter, a qualified type or member, or a refusal.</summary>
    private bool CollectThrowName(SimpleNameSyntax name, List<ThrowPiece> pieces)
    {
        ISymbol? symbol = _model.GetSymbolInfo(name, _cancellationToken).Symbol;
        switch (symbol)
        {
            case ILocalSymbol local when SymbolNames.KindOf(local.Type) is { } kind:
                pieces.Add(new ThrowPiece(name.SpanStart, name.Span.End, null, new VariableRef(kind, local.Name)));
                break;
            case ILocalSymbol local:
                ReportUnsupportedStatement(name, "the local '" + local.Name + "' of type '" + local.Type.ToDisplayString() + "' in the thrown expression", ThrowFix);
                return false;
            case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method):
                if (SymbolNames.KindOf(parameter.Type) is { } parameterKind)
                {
                    pieces.Add(new ThrowPiece(name.SpanStart, name.Span.End, null, new VariableRef(parameterKind, parameter.Name)));
                }

                // Other parameters (spans, arrays, [NoDerivative] objects) are never reassigned: their name is theirs everywhere.
                break;
            case ITypeSymbol or INamespaceSymbol:
                pieces.Add(new ThrowPiece(name.SpanStart, name.Span.End, FullyQualified(symbol), null));
                break;
            case IMethodSymbol { MethodKind: MethodKind.LocalFunction }:
                ReportUnsupportedStatement(name, "the local function '" + symbol.Name + "' in the thrown expression", ThrowFix);
                return false;
            case IFieldSymbol or IPropertySymbol or IMethodSymbol or IEventSymbol when symbol.IsStatic:
                pieces.Add(new ThrowPiece(name.SpanStart, name.SpanStart, SymbolNames.FullyQualified(symbol.ContainingType) + ".", null));
                break;
            case IFieldSymbol or IPropertySymbol or IMethodSymbol or IEventSymbol:
                // The generated entries declare locals of their own: an instance member is reached through this, never by its bare name.
                pieces.Add(new ThrowPiece(name.SpanStart, name.SpanStart, "this.", null));
                break;
            case null:
                _hasSilentErrors = true;
                return false;
            default:
                ReportUnsupportedStatement(name, "'" + name.Identifier.Text + "' in the thrown expression", ThrowFix);
                return false;
        }

        // The type arguments of a generic method (Create<Foo>(…)) may name types too.
        return name is not GenericNameSyntax generic || generic.TypeArgumentList.Arguments.All(argument => CollectThrowPieces(argument, pieces));
    }

    /// <summary>
    /// Reports <c>c ? v : throw …</c> and <c>x ?? throw …</c>: a throw expression has no type of its own, so the type checks
    /// would take it for half-typed code and say nothing.
    /// </summary>
    private bool RefuseThrowExpression(ExpressionSyntax syntax)
    {
        if (syntax is not ThrowExpressionSyntax)
        {
            return false;
        }

        ReportUnsupportedExpression(syntax, "a throw expression is not supported; throw from an if statement before the value is computed");
        return true;
    }

    private static string FullyQualified(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>The literal of a string, char or bool constant that is not already a literal; null otherwise (numbers keep their text, qualified).</summary>
    private string? ConstantText(ExpressionSyntax expression)
    {
        if (expression is LiteralExpressionSyntax)
        {
            return null;
        }

        Optional<object?> value = _model.GetConstantValue(expression, _cancellationToken);
        return !value.HasValue ? null : value.Value switch
        {
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            _ => null,
        };
    }

    /// <summary>
    /// The thrown expression's text with <paramref name="pieces"/> applied, token by token: any whitespace or comment between
    /// two tokens becomes one space, so the generated line is deterministic whatever the source's line breaks.
    /// </summary>
    private static ThrownExpression BuildThrown(ExpressionSyntax thrown, List<ThrowPiece> pieces)
    {
        var text = new List<string>();
        var reads = new List<Expr>();
        var current = new StringBuilder();
        List<ThrowPiece> ordered = pieces.OrderBy(p => p.Start).ThenBy(p => p.End - p.Start).ToList();
        int skipUntil = -1;
        SyntaxToken? previous = null;
        foreach (SyntaxToken token in thrown.DescendantTokens())
        {
            if (token.SpanStart < skipUntil)
            {
                previous = token;
                continue;
            }

            if (previous is { } before && (before.HasTrailingTrivia || token.HasLeadingTrivia))
            {
                current.Append(' ');
            }

            previous = token;
            bool replaced = false;
            foreach (ThrowPiece piece in ordered.Where(p => p.Start == token.SpanStart))
            {
                if (piece.Read is { } read)
                {
                    text.Add(current.ToString());
                    current.Clear();
                    reads.Add(read);
                }
                else
                {
                    current.Append(piece.Text);
                }

                if (piece.End > piece.Start)
                {
                    skipUntil = piece.End;
                    replaced = true;
                    break;
                }
            }

            if (!replaced)
            {
                current.Append(token.Text);
            }
        }

        text.Add(current.ToString());
        return new ThrownExpression(text.ToEquatableArray(), reads.ToEquatableArray());
    }
}
