using System.Linq;
using AutoDiffGen.Generator.Ir;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>Names and keys derived from symbols: the only place that decides how a method is identified across models.</summary>
internal static class SymbolNames
{
    public const string DifferentiableAttribute = "AutoDiffGen.DifferentiableAttribute";
    public const string NoDerivativeAttribute = "AutoDiffGen.NoDerivativeAttribute";
    public const string DerivativeOfAttribute = "AutoDiffGen.DerivativeOfAttribute";

    public static string FullyQualified(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>
    /// The symbol as C# writes it: Roslyn's default display writes a 2-D array <c>double[*,*]</c>, where the user wrote
    /// <c>double[,]</c> (it is what headers, overload suffixes and messages show).
    /// </summary>
    public static string AsWritten(ISymbol symbol) => symbol.ToDisplayString().Replace("[*,*]", "[,]");

    /// <summary>The name as a C# identifier: keywords get an @.</summary>
    public static string Escaped(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    public static string FullyQualifiedWithNullability(ITypeSymbol type) => type.ToDisplayString(
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier));

    /// <summary>Identifies a method by containing type, name and parameter types, e.g. <c>global::N.C.M(double, int)</c>.</summary>
    public static string MethodKey(IMethodSymbol method) =>
        FullyQualified(method.ContainingType) + "." + method.Name + "(" +
        string.Join(", ", method.Parameters.Select(p => FullyQualified(p.Type))) + ")";

    /// <summary>
    /// True when every type and namespace enclosing <paramref name="member"/> has a name that can be written
    /// in C#. Half-typed code gives members a containing type the compiler made up (<c>&lt;invalid-global-code&gt;</c>)
    /// or a type whose identifier is missing; generated code naming those could never compile, and the
    /// compiler's own error already tells the user what is wrong, so such members are left alone.
    /// </summary>
    public static bool HasWritableNames(ISymbol member)
    {
        for (INamedTypeSymbol? type = member.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsImplicitlyDeclared || !Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(type.Name))
            {
                return false;
            }
        }

        for (INamespaceSymbol? ns = member.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(ns.Name))
            {
                return false;
            }
        }

        return member.ContainingType is not null;
    }

    public static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

    /// <summary>The static method an extension call <c>value.Method(a)</c> calls (<c>Method(value, a)</c>); any other method itself.</summary>
    public static IMethodSymbol Unreduced(IMethodSymbol method) =>
        method is { MethodKind: MethodKind.ReducedExtension, ReducedFrom: not null } ? method.GetConstructedReducedFrom() ?? method.ReducedFrom : method;

    /// <summary>A [Differentiable] method declared in this compilation's source (so its body can be read and inlined).</summary>
    public static bool IsDifferentiableInSource(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.Length > 0 && HasAttribute(method.OriginalDefinition, DifferentiableAttribute);

    public static ScalarKind? KindOf(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Double => ScalarKind.Double,
        SpecialType.System_Single => ScalarKind.Float,
        SpecialType.System_Int32 => ScalarKind.Int,
        SpecialType.System_Boolean => ScalarKind.Bool,
        _ => null,
    };

    /// <summary>The element kind and shape of <c>ReadOnlySpan&lt;T&gt;</c>, <c>Span&lt;T&gt;</c> or <c>T[]</c> with T double, float or int.</summary>
    public static (ScalarKind Kind, ValueShape Shape)? CollectionOf(ITypeSymbol? type)
    {
        switch (type)
        {
            case IArrayTypeSymbol { Rank: 1 } array when KindOf(array.ElementType) is { } arrayKind and not ScalarKind.Bool:
                return (arrayKind, ValueShape.Array);
            case INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                when named.ContainingNamespace?.ToDisplayString() == "System" && KindOf(named.TypeArguments[0]) is { } spanKind and not ScalarKind.Bool:
                return named.Name switch
                {
                    "ReadOnlySpan" => (spanKind, ValueShape.ReadOnlySpan),
                    "Span" => (spanKind, ValueShape.Span),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>The element kind of a rectangular 2-D array <c>T[,]</c> with T double, float or int (lowered to its row-major elements).</summary>
    public static ScalarKind? Array2DOf(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 2 } array && KindOf(array.ElementType) is { } kind and not ScalarKind.Bool ? kind : null;

    /// <summary>The element kind of a jagged array <c>T[][]</c> with T double or float (lowered to its rows, one after another).</summary>
    public static ScalarKind? JaggedOf(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType: IArrayTypeSymbol { Rank: 1 } row } && KindOf(row.ElementType) is ScalarKind.Double or ScalarKind.Float
            ? KindOf(row.ElementType)
            : null;

    /// <summary>The kind of a scalar, or of the elements of a span, an array, a 2-D array or a jagged array; null for any other type.</summary>
    public static ScalarKind? ValueKindOf(ITypeSymbol? type) => KindOf(type) ?? CollectionOf(type)?.Kind ?? Array2DOf(type) ?? JaggedOf(type);

    /// <summary>A jagged array (<c>T[][]</c>): arrays of arrays; those other than <see cref="JaggedOf"/> takes are refused by name.</summary>
    public static bool IsJaggedArray(ITypeSymbol? type) => type is IArrayTypeSymbol { ElementType: IArrayTypeSymbol };

    public static string Accessibility(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    /// <summary>True for members the generator itself produced (they must not count as user name collisions).</summary>
    public static bool IsGeneratedByAutoDiffGen(ISymbol member) =>
        member.DeclaringSyntaxReferences.Length > 0 &&
        member.DeclaringSyntaxReferences.All(r => IsGeneratedTree(r.SyntaxTree));

    public static bool IsGeneratedTree(SyntaxTree tree)
    {
        var text = tree.GetText();
        return text.Lines.Count > 1 && text.Lines[1].ToString().StartsWith(Emit.Emitter.GeneratedMarker, System.StringComparison.Ordinal);
    }

}
