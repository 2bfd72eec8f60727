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
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.CodeFixes;

/// <summary>
/// ADG0002: marks a parameter whose type cannot be differentiated <c>[NoDerivative]</c>, so it is
/// treated as a constant (adding <c>using AutoDiffGen;</c> if the attribute is not in scope).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddNoDerivativeCodeFix)), Shared]
public sealed class AddNoDerivativeCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "ADG0002.AddNoDerivative";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnsupportedParameterType.Id);

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
            ParameterSyntax? parameter = FindParameter(root, diagnostic.Location.SourceSpan);
            if (parameter is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Mark '{parameter.Identifier.ValueText}' [NoDerivative]",
                    token => AddAttributeAsync(context.Document, diagnostic.Location.SourceSpan, token),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>
    /// The parameter at the diagnostic, if [NoDerivative] can fix it: not when it is already marked, and
    /// not for ref/out/in/params parameters, whose passing mode (not their type) is what is unsupported.
    /// </summary>
    private static ParameterSyntax? FindParameter(SyntaxNode root, TextSpan span)
    {
        ParameterSyntax? parameter = root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<ParameterSyntax>().FirstOrDefault();
        if (parameter is null || parameter.Modifiers.Count > 0)
        {
            return null;
        }

        bool marked = parameter.AttributeLists.SelectMany(list => list.Attributes).Any(attribute =>
            attribute.Name.ToString() is "NoDerivative" or "NoDerivativeAttribute" or "AutoDiffGen.NoDerivative" or "AutoDiffGen.NoDerivativeAttribute"
                or "global::AutoDiffGen.NoDerivative" or "global::AutoDiffGen.NoDerivativeAttribute");
        return marked ? null : parameter;
    }

    private static async Task<Document> AddAttributeAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        ParameterSyntax parameter = FindParameter(root, span)!;

        // Whitespace is written out (not elastic) so the formatter cannot glue "[NoDerivative][Other]" together.
        AttributeListSyntax attribute = SyntaxFactory.AttributeList(
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("NoDerivative"))))
            .NormalizeWhitespace()
            .WithLeadingTrivia(parameter.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.Space);
        ParameterSyntax marked = parameter.WithoutLeadingTrivia()
            .WithAttributeLists(parameter.AttributeLists.Insert(0, attribute));
        if (parameter.AttributeLists.Count > 0)
        {
            // Keep existing attributes where they were; ours goes first, on the parameter's original trivia.
            marked = parameter.WithAttributeLists(parameter.AttributeLists
                .Replace(parameter.AttributeLists[0], parameter.AttributeLists[0].WithoutLeadingTrivia())
                .Insert(0, attribute));
        }

        CompilationUnitSyntax fixedRoot = root.ReplaceNode(parameter, marked);
        if (!AutoDiffGenUsing.IsInScope(model, parameter.SpanStart, "NoDerivativeAttribute"))
        {
            fixedRoot = AutoDiffGenUsing.Add(fixedRoot);
        }

        return document.WithSyntaxRoot(fixedRoot);
    }
}
