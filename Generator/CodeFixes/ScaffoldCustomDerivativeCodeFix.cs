using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
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
/// ADG0004: scaffolds a custom derivative for a called method that has none, with exactly the shape
/// [DerivativeOf] rules must have (the callee's parameters, one <c>out</c> partial per double/float
/// parameter, the callee's return type), placed after the calling member in the caller's type.
/// The body throws until the user writes the partials: it is the one place a throwing body is
/// right, because only the user knows the derivative.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ScaffoldCustomDerivativeCodeFix)), Shared]
public sealed class ScaffoldCustomDerivativeCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "ADG0004.ScaffoldCustomDerivative";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CallWithoutDerivative.Id);

    // Each scaffold is a new member the user must complete; fixing all at once would bury them in stubs.
    public override FixAllProvider? GetFixAllProvider() => null;

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
            Target? target = FindTarget(root, model, diagnostic.Location.SourceSpan, context.CancellationToken);
            if (target is null)
            {
                continue;
            }

            string callee = CalleeName(target.Callee, model, target.Invocation.SpanStart);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Scaffold a custom derivative for '{callee}'",
                    token => ScaffoldAsync(context.Document, diagnostic.Location.SourceSpan, token),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private sealed class Target
    {
        public Target(InvocationExpressionSyntax invocation, IMethodSymbol callee, MemberDeclarationSyntax callerMember, TypeDeclarationSyntax callerType)
        {
            Invocation = invocation;
            Callee = callee;
            CallerMember = callerMember;
            CallerType = callerType;
        }

        public InvocationExpressionSyntax Invocation { get; }

        public IMethodSymbol Callee { get; }

        public MemberDeclarationSyntax CallerMember { get; }

        public TypeDeclarationSyntax CallerType { get; }
    }

    /// <summary>
    /// The invocation at the diagnostic, its callee, and where the rule goes. Generic callees are not
    /// offered: a [DerivativeOf] rule mirrors a non-generic signature. An instance callee (a method of
    /// this instance) gets the same static rule: the generator calls the rule in place of the method.
    /// </summary>
    private static Target? FindTarget(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
    {
        InvocationExpressionSyntax? invocation = root.FindNode(span, getInnermostNodeForTie: true)
            .AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
        if (invocation is null)
        {
            return null;
        }

        SymbolInfo info = model.GetSymbolInfo(invocation, cancellationToken);
        IMethodSymbol? callee = (info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) as IMethodSymbol;
        callee = callee?.ReducedFrom ?? callee;
        if (callee is null || callee.IsGenericMethod || callee.ContainingType is null || callee.ContainingType.IsGenericType)
        {
            return null;
        }

        MemberDeclarationSyntax? member = invocation.Ancestors().OfType<MemberDeclarationSyntax>()
            .FirstOrDefault(m => m.Parent is TypeDeclarationSyntax);
        return member?.Parent is TypeDeclarationSyntax type ? new Target(invocation, callee, member, type) : null;
    }

    private static async Task<Document> ScaffoldAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        Target target = FindTarget(root, model, span, cancellationToken)!;

        int position = target.CallerMember.SpanStart;
        // Match the file's line endings so the scaffold does not mix CRLF and LF.
        string newLine = root.ToFullString().Contains("\r\n") ? "\r\n" : "\n";
        MemberDeclarationSyntax rule = BuildRule(target, model, position, newLine)
            .WithAdditionalAnnotations(Formatter.Annotation);

        TypeDeclarationSyntax callerType = target.CallerType;
        int index = callerType.Members.IndexOf(target.CallerMember);
        TypeDeclarationSyntax withRule = callerType.WithMembers(callerType.Members.Insert(index + 1, rule));
        CompilationUnitSyntax fixedRoot = root.ReplaceNode(callerType, withRule);
        if (!AutoDiffGenUsing.IsInScope(model, position, "DerivativeOfAttribute"))
        {
            fixedRoot = AutoDiffGenUsing.Add(fixedRoot);
        }

        return document.WithSyntaxRoot(fixedRoot);
    }

    private static MemberDeclarationSyntax BuildRule(Target target, SemanticModel model, int position, string newLine)
    {
        IMethodSymbol callee = target.Callee;
        string type = callee.ContainingType.ToMinimalDisplayString(model, position);
        string qualifiedName = CalleeName(callee, model, position);
        string name = UniqueName(model.GetDeclaredSymbol(target.CallerType), callee.Name + "Derivative");

        var parameters = new List<string>();
        foreach (IParameterSymbol parameter in callee.Parameters)
        {
            parameters.Add($"{RefKindPrefix(parameter)}{parameter.Type.ToMinimalDisplayString(model, position)} {parameter.Name}");
        }

        foreach (IParameterSymbol parameter in callee.Parameters.Where(IsDifferentiable))
        {
            parameters.Add($"out {parameter.Type.ToMinimalDisplayString(model, position)} d{parameter.Name}");
        }

        var text = new StringBuilder();
        text.Append("[DerivativeOf(typeof(").Append(type).Append("), nameof(").Append(type).Append('.').Append(callee.Name).Append("))]\n");
        text.Append("internal static ").Append(callee.ReturnType.ToMinimalDisplayString(model, position)).Append(' ').Append(name)
            .Append('(').Append(string.Join(", ", parameters)).Append(")\n");
        text.Append("{\n    throw new System.NotImplementedException(\"Write the partial derivatives of ").Append(qualifiedName).Append("\");\n}\n");

        MemberDeclarationSyntax rule = SyntaxFactory.ParseMemberDeclaration(text.ToString().Replace("\n", newLine))!;
        return rule.WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
    }

    private static bool IsDifferentiable(IParameterSymbol parameter) =>
        parameter.RefKind is RefKind.None or RefKind.In
        && parameter.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    private static string RefKindPrefix(IParameterSymbol parameter) => parameter.RefKind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        _ => string.Empty,
    };

    private static string CalleeName(IMethodSymbol callee, SemanticModel model, int position) =>
        callee.ContainingType.ToMinimalDisplayString(model, position) + "." + callee.Name;

    /// <summary><c>NameDerivative</c>, or <c>NameDerivative2</c>… if the caller's type (any partial part) already has that member.</summary>
    private static string UniqueName(INamedTypeSymbol? type, string baseName)
    {
        string name = baseName;
        for (int suffix = 2; type is not null && !type.GetMembers(name).IsEmpty; suffix++)
        {
            name = baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
