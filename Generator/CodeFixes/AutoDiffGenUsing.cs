using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.CodeFixes;

/// <summary>Adds <c>using AutoDiffGen;</c> when an inserted attribute would not otherwise bind.</summary>
internal static class AutoDiffGenUsing
{
    private const string Namespace = "AutoDiffGen";

    /// <summary>True when <paramref name="attributeTypeName"/> (e.g. NoDerivativeAttribute) already resolves to AutoDiffGen's type at the position.</summary>
    public static bool IsInScope(SemanticModel model, int position, string attributeTypeName) =>
        model.LookupNamespacesAndTypes(position, name: attributeTypeName)
            .Any(symbol => symbol.ContainingNamespace?.ToDisplayString() == Namespace);

    /// <summary>Adds the directive to the file's top-level usings, in alphabetical position if they are sorted, else last.</summary>
    public static CompilationUnitSyntax Add(CompilationUnitSyntax root)
    {
        if (root.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == Namespace))
        {
            return root;
        }

        UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName(Namespace))
            .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
        if (root.Usings.Count == 0)
        {
            return root.WithUsings(SyntaxFactory.SingletonList(directive.WithTrailingTrivia(
                SyntaxFactory.ElasticCarriageReturnLineFeed, SyntaxFactory.ElasticCarriageReturnLineFeed)));
        }

        int index = root.Usings.Count;
        bool sorted = root.Usings.Zip(root.Usings.Skip(1), (a, b) => string.CompareOrdinal(a.Name?.ToString(), b.Name?.ToString()) <= 0).All(ok => ok);
        if (sorted)
        {
            index = root.Usings.TakeWhile(u => u.Alias is not null || string.CompareOrdinal(u.Name?.ToString(), Namespace) < 0).Count();
        }

        return root.WithUsings(root.Usings.Insert(index, directive.WithTrailingTrivia(root.Usings[0].GetTrailingTrivia())));
    }
}
