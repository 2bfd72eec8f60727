using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// The parameter types of a [Differentiable] method's generated entries (<c>MForward</c>, <c>MValueAndGradient</c>).
/// A collection parameter is taken as <c>ReadOnlySpan&lt;T&gt;</c>, or <c>Span&lt;T&gt;</c> when the method writes its
/// elements, whatever its declared type (<c>T[]</c>, <c>Span&lt;T&gt;</c> or <c>ReadOnlySpan&lt;T&gt;</c>): arrays and spans
/// both convert to it, and a caller can pass its local arrays (spans over pooled buffers in generated code) to a
/// callee declared with <c>T[]</c>. Overloads that would then look alike keep their declared types.
/// </summary>
internal static class EntryParameterTypes
{
    /// <summary>The fully qualified type of each parameter in the entries' signatures, in declaration order.</summary>
    public static IReadOnlyList<string> Of(IMethodSymbol method)
    {
        if (HasLookAlikeOverload(method))
        {
            return method.Parameters.Select(p => SymbolNames.FullyQualifiedWithNullability(p.Type)).ToList();
        }

        ISet<string> written = WrittenParameters(method);
        return method.Parameters.Select(p => SymbolNames.CollectionOf(p.Type) is { } collection
            ? SpanType(collection.Kind, readOnly: !written.Contains(p.Name))
            : SymbolNames.FullyQualifiedWithNullability(p.Type)).ToList();
    }

    /// <summary>Why a call may not pass a caller's collection to <paramref name="callee"/>'s parameter <paramref name="index"/>, or null if it may.</summary>
    /// <remarks>
    /// A callee that writes the elements would change the caller's array behind the caller's reverse sweep, so only
    /// parameters the callee's entries take as ReadOnlySpan accept arguments. A callee compiled elsewhere is judged
    /// by its generated entry.
    /// </remarks>
    public static string? WhyNotPassable(IMethodSymbol callee, int index)
    {
        IParameterSymbol parameter = callee.Parameters[index];
        if (SymbolNames.CollectionOf(parameter.Type) is not { } collection || collection.Shape == ValueShape.ReadOnlySpan)
        {
            return null;
        }

        if (callee.DeclaringSyntaxReferences.Length == 0)
        {
            return CompiledEntryTakesReadOnlySpan(callee, index)
                ? null
                : $"'{callee.Name}' comes from another assembly whose generated entry does not take '{parameter.Name}' as ReadOnlySpan<{collection.Kind.CSharpName()}>: declare that parameter ReadOnlySpan<{collection.Kind.CSharpName()}>";
        }

        if (WrittenParameters(callee).Contains(parameter.Name))
        {
            return $"'{callee.Name}' writes the elements of its parameter '{parameter.Name}', which would change the caller's values behind its reverse sweep: let the callee write to an array of its own, or return the values";
        }

        return HasLookAlikeOverload(callee)
            ? $"'{callee.Name}' has an overload that differs only in its collection types, so its generated entries keep the declared '{parameter.Type.ToDisplayString()}': declare the parameter ReadOnlySpan<{collection.Kind.CSharpName()}> or rename one overload"
            : null;
    }

    private static string SpanType(ScalarKind kind, bool readOnly) =>
        (readOnly ? "global::System.ReadOnlySpan<" : "global::System.Span<") + kind.CSharpName() + ">";

    /// <summary>
    /// Another [Differentiable] overload with the same parameters up to collection types (double[] against
    /// ReadOnlySpan&lt;double&gt;): span-typed entries of the two would clash, or a span argument would pick the wrong one.
    /// </summary>
    private static bool HasLookAlikeOverload(IMethodSymbol method) =>
        method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().Any(other =>
            !SymbolEqualityComparer.Default.Equals(other.OriginalDefinition, method.OriginalDefinition) &&
            SymbolNames.HasAttribute(other.OriginalDefinition, SymbolNames.DifferentiableAttribute) &&
            other.Parameters.Length == method.Parameters.Length &&
            other.Parameters.Select(Collapsed).SequenceEqual(method.Parameters.Select(Collapsed)));

    // A parameter's type with every collection of T written alike, for comparing overloads.
    private static string Collapsed(IParameterSymbol parameter) =>
        SymbolNames.CollectionOf(parameter.Type) is { } collection
            ? "collection of " + collection.Kind.CSharpName()
            : SymbolNames.FullyQualifiedWithNullability(parameter.Type);

    /// <summary>
    /// The parameters whose elements the method's source assigns, increments or passes by reference. Other ways
    /// to write (CopyTo, Fill, a span taken over the array) are constructs the parser refuses anyway.
    /// </summary>
    private static ISet<string> WrittenParameters(IMethodSymbol method)
    {
        var names = new HashSet<string>(method.Parameters.Where(p => SymbolNames.CollectionOf(p.Type) is not null).Select(p => p.Name));
        var written = new HashSet<string>();
        if (names.Count == 0)
        {
            return written;
        }

        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            foreach (ElementAccessExpressionSyntax access in reference.GetSyntax().DescendantNodes().OfType<ElementAccessExpressionSyntax>())
            {
                if (access.Expression is IdentifierNameSyntax { Identifier.ValueText: var name } && names.Contains(name) && WrittenExpressions.IsWritten(access))
                {
                    written.Add(name);
                }
            }
        }

        return written;
    }

    private static bool CompiledEntryTakesReadOnlySpan(IMethodSymbol callee, int index) =>
        callee.ContainingType.GetMembers(callee.Name + "ValueAndGradient").OfType<IMethodSymbol>().Any(entry =>
            entry.Parameters.Length > callee.Parameters.Length &&
            entry.Parameters.Take(callee.Parameters.Length).Select(Collapsed).SequenceEqual(callee.Parameters.Select(Collapsed)) &&
            SymbolNames.CollectionOf(entry.Parameters[index].Type) is { Shape: ValueShape.ReadOnlySpan });
}
