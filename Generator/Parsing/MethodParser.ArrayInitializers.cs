using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// Local arrays given their elements: <c>double[] v = { a, b };</c>, <c>new double[] { … }</c>, <c>new[] { … }</c>,
/// <c>stackalloc double[] { … }</c>, <c>stackalloc[] { … }</c> and collection expressions <c>[a, b]</c> (arrays and spans).
/// Each is <c>new T[count]</c> followed by one store per element, in source order, which is what C# does too; so every
/// analysis sees an ordinary local array and ordinary stores, and the reverse sweep needs nothing new.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The element expressions of an array initializer, or null when <paramref name="value"/> is not one.</summary>
    private static IReadOnlyList<ExpressionSyntax>? InitializerElements(ExpressionSyntax value) => value switch
    {
        InitializerExpressionSyntax list when list.IsKind(SyntaxKind.ArrayInitializerExpression) => list.Expressions,
        ArrayCreationExpressionSyntax { Initializer: { } list } => list.Expressions,
        ImplicitArrayCreationExpressionSyntax creation => creation.Initializer.Expressions,
        StackAllocArrayCreationExpressionSyntax { Initializer: { } list } => list.Expressions,
        ImplicitStackAllocArrayCreationExpressionSyntax creation => creation.Initializer.Expressions,
        CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax) =>
            collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
        _ => null,
    };

    /// <summary>
    /// <c>T[] name = { e0, e1, … }</c> (any of the forms above): the array's declaration, then <c>name[i] = ei</c> for each
    /// element. In a loop the declaration goes before the outermost loop, as for <c>new T[n]</c>, and the stores stand where
    /// the declaration stood: they write every element, so no zero fill is needed first.
    /// </summary>
    private List<Stmt>? ParseInitializedArray(LocalDeclarationStatementSyntax declaration, VariableDeclaratorSyntax variable, ILocalSymbol local,
        ScalarKind kind, IReadOnlyList<ExpressionSyntax> elements)
    {
        ITypeSymbol? elementType = local.Type switch
        {
            IArrayTypeSymbol arrayType => arrayType.ElementType,
            INamedTypeSymbol { TypeArguments.Length: 1 } span => span.TypeArguments[0],
            _ => null,
        };
        var array = new CollectionRef(kind, SymbolNames.CollectionOf(local.Type)!.Value.Shape, local.Name);
        SourceInfo source = Source(declaration);
        var statements = new List<Stmt>();
        bool ok = DeclareOrHoist(new LocalArray(source, local.Name, kind, new Constant(ScalarKind.Int, elements.Count)), variable, local, statements);
        for (int i = 0; i < elements.Count; i++)
        {
            Expr? value = ParseConverted(elements[i], elementType);
            ok &= value is not null;
            if (value is not null)
            {
                statements.Add(new ElementAssignment(source, array, new Constant(ScalarKind.Int, i), value));
            }
        }

        return ok ? statements : null;
    }

    /// <summary>A collection expression with a spread (<c>[.. a, b]</c>): its length is not known from the source, so it is refused.</summary>
    private void ReportSpreadElement(CollectionExpressionSyntax collection, ILocalSymbol local, ScalarKind kind)
    {
        SyntaxNode spread = collection.Elements.First(e => e is not ExpressionElementSyntax);
        ReportUnsupportedStatement(spread, "the spread element '" + OneLine(spread.ToString()) + "' in the array local '" + local.Name + "'",
            "make the array with new " + kind.CSharpName() + "[length] and copy into it with CopyTo, or list its elements");
    }
}
