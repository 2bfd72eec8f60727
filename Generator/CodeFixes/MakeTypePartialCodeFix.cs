using System.Collections.Generic;
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

namespace AutoDiffGen.CodeFixes;

/// <summary>
/// ADG0001: declares the [Differentiable] method's containing type, and every type enclosing it,
/// <c>partial</c>, so the generator can add the derivative members beside the method.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeTypePartialCodeFix)), Shared]
public sealed class MakeTypePartialCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "ADG0001.MakePartial";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ContainingTypeNotPartial.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            List<TypeDeclarationSyntax> types = TypesToMakePartial(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));
            if (types.Count == 0)
            {
                continue;
            }

            string names = string.Join("', '", types.Select(t => t.Identifier.ValueText));
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{names}' partial",
                    token => MakePartialAsync(context.Document, diagnostic.Location.SourceSpan, token),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>
    /// The type at the diagnostic with every type enclosing it, plus — when the diagnostic is on an outer
    /// type — the types between it and the [Differentiable] methods it contains: all those not yet partial,
    /// outermost first.
    /// </summary>
    private static List<TypeDeclarationSyntax> TypesToMakePartial(SyntaxNode node)
    {
        TypeDeclarationSyntax? innermost = node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (innermost is null)
        {
            return new List<TypeDeclarationSyntax>();
        }

        var types = new HashSet<TypeDeclarationSyntax>(innermost.AncestorsAndSelf().OfType<TypeDeclarationSyntax>());
        foreach (MethodDeclarationSyntax method in innermost.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(IsMarkedDifferentiable))
        {
            types.UnionWith(method.Ancestors().OfType<TypeDeclarationSyntax>().TakeWhile(type => type != innermost));
        }

        return types.Where(type => !type.Modifiers.Any(SyntaxKind.PartialKeyword)).OrderBy(type => type.SpanStart).ToList();
    }

    // Syntactic on purpose: the fix must work while the file is half-typed and does not bind.
    private static bool IsMarkedDifferentiable(MethodDeclarationSyntax method) =>
        method.AttributeLists.SelectMany(list => list.Attributes).Any(attribute =>
        {
            string name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText
                : attribute.Name is AliasQualifiedNameSyntax alias ? alias.Name.Identifier.ValueText
                : attribute.Name.ToString();
            return name is "Differentiable" or "DifferentiableAttribute";
        });

    private static async Task<Document> MakePartialAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        List<TypeDeclarationSyntax> types = TypesToMakePartial(root.FindNode(span, getInnermostNodeForTie: true));
        SyntaxNode fixedRoot = root.ReplaceNodes(types, (_, rewritten) => AddPartial(rewritten));
        return document.WithSyntaxRoot(fixedRoot);
    }

    /// <summary><c>partial</c> must come right before the type keyword, so it is appended after the other modifiers.</summary>
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Count == 0)
        {
            // The keyword's leading trivia (indentation, comments) moves to the new first token.
            SyntaxToken keyword = type.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return type.WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList())).WithModifiers(SyntaxFactory.TokenList(partial));
        }

        return type.WithModifiers(type.Modifiers.Add(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space))));
    }
}
