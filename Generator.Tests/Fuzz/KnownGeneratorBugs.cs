using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The shapes of source behind the open bugs in FoundBugs.md. The robustness fuzz sets such
/// mutants aside (and counts them) so that it keeps finding other bugs; delete a shape here once its
/// bug is fixed, and the fuzz covers it again.
/// </summary>
public static class KnownGeneratorBugs
{
    /// <summary>FB-1, FB-2, FB-3: a method outside any type, or a type whose name is missing.</summary>
    public static bool Matches(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot();
        return root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Any(t => t.Identifier.IsMissing)
            || root.DescendantNodes().OfType<MethodDeclarationSyntax>().Any(m => m.Parent is not TypeDeclarationSyntax);
    }
}
