using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoDiffGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.CodeFixes;

/// <summary>
/// ADG0005 on a local function of a [Differentiable] method that cannot be taken in where it is called (its signature, or
/// something in its body a method may do, such as a throw or an early return): moves it out, after the method, as a private [Differentiable]
/// method of the type (static when the method or the local function is), so the generator differentiates it and the
/// calls, which name it as before, reach it. Offered only where that keeps the program's meaning: the local function
/// reads none of the method's locals and parameters (nor its other local functions), is not generic, and the type has
/// no member of its name.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveLocalFunctionOutCodeFix)), Shared]
public sealed class MoveLocalFunctionOutCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "ADG0005.MoveLocalFunctionOut";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnsupportedStatement.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            TextSpan name = NameSpan(diagnostic);
            if (Movable(root, model, name, context.CancellationToken) is not { } local)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Move '{local.Function.Identifier.ValueText}' out as a [Differentiable] method",
                    token => MoveAsync(context.Document, name, token),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>
    /// Where the local function's name is: the diagnostic's own location for one reported on the declaration, its first
    /// additional location for one reported inside the body of a local function a method may hold
    /// (<see cref="DiagnosticDescriptors.MovableLocalFunction"/>).
    /// </summary>
    private static TextSpan NameSpan(Diagnostic diagnostic) =>
        diagnostic.Properties.ContainsKey(DiagnosticDescriptors.MovableLocalFunction) && diagnostic.AdditionalLocations.Count > 0
            ? diagnostic.AdditionalLocations[0].SourceSpan
            : diagnostic.Location.SourceSpan;

    /// <summary>The local function whose name <paramref name="span"/> is, with the method it is in, if it can be moved out.</summary>
    private static (LocalFunctionStatementSyntax Function, MethodDeclarationSyntax Method, TypeDeclarationSyntax Type)? Movable(
        SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
    {
        if (root.FindToken(span.Start).Parent is not LocalFunctionStatementSyntax function || function.Identifier.Span != span ||
            function.TypeParameterList is not null ||
            function.Ancestors().OfType<MethodDeclarationSyntax>().FirstOrDefault() is not { Parent: TypeDeclarationSyntax type } method ||
            type.Members.Any(member => NameOf(member) == function.Identifier.ValueText))
        {
            return null;
        }

        // What it reads of the method would not exist outside it: a local, a parameter, another local function.
        bool readsTheMethod = function.DescendantNodes().OfType<IdentifierNameSyntax>().Any(name =>
            model.GetSymbolInfo(name, cancellationToken).Symbol is { } symbol &&
            symbol is ILocalSymbol or IParameterSymbol or IMethodSymbol { MethodKind: MethodKind.LocalFunction } &&
            !symbol.DeclaringSyntaxReferences.Any(reference => function.Span.Contains(reference.Span)));
        return readsTheMethod ? null : (function, method, type);
    }

    private static string? NameOf(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax m => m.Identifier.ValueText,
        PropertyDeclarationSyntax p => p.Identifier.ValueText,
        FieldDeclarationSyntax f => f.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText,
        EventDeclarationSyntax e => e.Identifier.ValueText,
        BaseTypeDeclarationSyntax t => t.Identifier.ValueText,
        _ => null,
    };

    private static async Task<Document> MoveAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        (LocalFunctionStatementSyntax function, MethodDeclarationSyntax method, _) = Movable(root, model, span, cancellationToken)!.Value;

        bool isStatic = method.Modifiers.Any(SyntaxKind.StaticKeyword) || function.Modifiers.Any(SyntaxKind.StaticKeyword);
        SyntaxTokenList modifiers = SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword));
        if (isStatic)
        {
            modifiers = modifiers.Add(SyntaxFactory.Token(SyntaxKind.StaticKeyword));
        }

        AttributeListSyntax differentiable = SyntaxFactory.AttributeList(
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Differentiable"))));
        MethodDeclarationSyntax moved = SyntaxFactory.MethodDeclaration(function.ReturnType.WithoutTrivia(), function.Identifier.WithoutTrivia())
            .WithAttributeLists(function.AttributeLists.Insert(0, differentiable))
            .WithModifiers(modifiers)
            .WithParameterList(function.ParameterList)
            .WithConstraintClauses(function.ConstraintClauses)
            .WithBody(function.Body)
            .WithExpressionBody(function.ExpressionBody)
            .WithSemicolonToken(function.ExpressionBody is null ? default : SyntaxFactory.Token(SyntaxKind.SemicolonToken))
            .WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation);

        // The method loses the local function (and the blank lines after it), then the moved method goes in after it.
        MethodDeclarationSyntax without = method.ReplaceNode(function.Parent!, WithoutStatement(function.Parent!, function));
        SyntaxNode fixedRoot = root.ReplaceNode(method, new SyntaxNode[] { without, moved });
        return document.WithSyntaxRoot(fixedRoot);
    }

    /// <summary><paramref name="block"/> (a block or a switch section) without <paramref name="statement"/>; the statement after it loses its leading blank lines.</summary>
    private static SyntaxNode WithoutStatement(SyntaxNode block, StatementSyntax statement)
    {
        SyntaxList<StatementSyntax> statements = block is BlockSyntax b ? b.Statements : ((SwitchSectionSyntax)block).Statements;
        int at = statements.IndexOf(statement);
        statements = statements.RemoveAt(at);
        if (at < statements.Count)
        {
            statements = statements.Replace(statements[at], statements[at].WithLeadingTrivia(WithoutBlankLines(statements[at].GetLeadingTrivia())));
        }

        return block is BlockSyntax asBlock ? asBlock.WithStatements(statements) : ((SwitchSectionSyntax)block).WithStatements(statements);
    }

    private static SyntaxTriviaList WithoutBlankLines(SyntaxTriviaList trivia)
    {
        // Drop whole lines of whitespace at the start; the indentation of the statement's own line stays.
        int cut = 0;
        for (int i = 0; i < trivia.Count; i++)
        {
            if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                cut = i + 1;
            }
            else if (!trivia[i].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                break;
            }
        }

        return SyntaxFactory.TriviaList(trivia.Skip(cut));
    }
}
