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
    public static IReadOnlyList<string> Of(IMethodSymbol method, SemanticModel model)
    {
        // A 2-D array's elements are always a span: the entries that take the array itself wrap these (LoopEmitter.Arrays2D).
        ISet<string> written = WrittenParameters(method, model);
        bool declaredTypes = HasLookAlikeOverload(method);
        return method.Parameters.Select(p =>
            SymbolNames.Array2DOf(p.Type) is { } elementKind ? SpanType(elementKind, readOnly: !written.Contains(p.Name))
            : !declaredTypes && SymbolNames.CollectionOf(p.Type) is { } collection ? SpanType(collection.Kind, readOnly: !written.Contains(p.Name))
            : SymbolNames.FullyQualifiedWithNullability(p.Type)).ToList();
    }

    /// <summary>Why a call may not pass a caller's collection to <paramref name="callee"/>'s parameter <paramref name="index"/>, or null if it may.</summary>
    /// <remarks>
    /// A callee in this compilation that writes the elements is taken in where it is called (<c>WriterInliner</c>), so its
    /// writes are the caller's own; the parser checks such calls. A callee compiled elsewhere is judged by its generated
    /// entry, which must take the collection as ReadOnlySpan: its writes would change the caller's array behind the
    /// caller's reverse sweep.
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

    /// <summary>The indexes of the collection parameters whose elements <paramref name="method"/> writes (see <see cref="WrittenParameters"/>).</summary>
    public static ISet<int> WrittenParameterIndexes(IMethodSymbol method, SemanticModel model)
    {
        ISet<string> written = WrittenParameters(method, model);
        return new HashSet<int>(Enumerable.Range(0, method.Parameters.Length).Where(i => written.Contains(method.Parameters[i].Name)));
    }

    /// <summary>
    /// The collection parameters whose elements the method's source writes: assigns, increments or passes by reference,
    /// directly or through a span local viewing it (<c>Span&lt;double&gt; row = y.Slice(…); row[0] = …</c>), or passes to a
    /// [Differentiable] method of this compilation that writes them, or clears, fills or copies into them with the span methods,
    /// or gives as the destination of a TensorPrimitives elementwise method.
    /// </summary>
    private static ISet<string> WrittenParameters(IMethodSymbol method, SemanticModel model) =>
        WrittenParameters(method, model, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default));

    private static ISet<string> WrittenParameters(IMethodSymbol method, SemanticModel model, ISet<IMethodSymbol> visiting)
    {
        // Each collection parameter, and whether it is a jagged array (whose rows w[i] are collections of its elements too).
        var names = method.Parameters.Where(p => SymbolNames.CollectionOf(p.Type) is not null || SymbolNames.Array2DOf(p.Type) is not null ||
                                                 SymbolNames.JaggedOf(p.Type) is not null)
            .ToDictionary(p => p.Name, p => SymbolNames.JaggedOf(p.Type) is not null);
        var written = new HashSet<string>();
        // A method that reaches itself through the writers it calls is refused where the calls are parsed.
        if (names.Count == 0 || !visiting.Add(method.OriginalDefinition))
        {
            return written;
        }

        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode body = reference.GetSyntax();
            // One model for the body's tree: the callee may be declared in another file than the method first asked about.
            SemanticModel? bodyModel = body.SyntaxTree == model.SyntaxTree ? model
                : model.Compilation.ContainsSyntaxTree(body.SyntaxTree) ? model.Compilation.GetSemanticModel(body.SyntaxTree) : null;
            // Span locals viewing a parameter, by name (C# forbids a local named as a parameter, so a name means one of them).
            var views = new Dictionary<string, string>();
            foreach (VariableDeclaratorSyntax local in body.DescendantNodes().OfType<VariableDeclaratorSyntax>())
            {
                if (local.Initializer?.Value is { } value && ViewedParameter(value, names, views) is { } viewed)
                {
                    views[local.Identifier.ValueText] = viewed;
                }
            }

            foreach (ElementAccessExpressionSyntax access in body.DescendantNodes().OfType<ElementAccessExpressionSyntax>())
            {
                if (WrittenExpressions.IsWritten(access) && ViewedParameter(access.Expression, names, views) is { } name)
                {
                    written.Add(name);
                }
            }

            foreach (InvocationExpressionSyntax invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (SpanStoreTarget(invocation) is { } target && ViewedParameter(target, names, views) is { } stored)
                {
                    written.Add(stored);
                }

                if (bodyModel?.GetSymbolInfo(invocation).Symbol is IMethodSymbol called)
                {
                    written.UnionWith(PassedToWriters(invocation, called, bodyModel, visiting).Select(argument => ViewedParameter(argument, names, views)).OfType<string>());

                    // TensorPrimitives.Add(x, y, destination) and its kin write their last argument (by symbol: a using static
                    // spelling has no type name to see).
                    if (invocation.ArgumentList.Arguments.Count > 0 && TensorPrimitiveElementwise.WritesDestination(called) &&
                        ViewedParameter(invocation.ArgumentList.Arguments[invocation.ArgumentList.Arguments.Count - 1].Expression, names, views) is { } destination)
                    {
                        written.Add(destination);
                    }
                }
            }
        }

        // The set holds the methods being walked, not those walked: a second call of the same writer is no recursion (FB-18).
        visiting.Remove(method.OriginalDefinition);
        return written;
    }

    /// <summary>
    /// The collection <paramref name="invocation"/> stores into if it is one of the methods the parser takes as loops of stores
    /// (MethodParser.SpanStores and ArrayMethods): <c>s.Clear()</c>, <c>s.Fill(v)</c>, <c>source.CopyTo(s)</c>,
    /// <c>source.CopyTo(a, index)</c>, and <c>Array.Clear</c>, <c>Array.Fill</c>, <c>Array.Copy</c>. Read from the syntax: on a
    /// collection parameter, or a view of one, no other method of those names and arities compiles, and a type named Array
    /// of the user's own would only make a parameter a Span where a ReadOnlySpan would do.
    /// </summary>
    private static ExpressionSyntax? SpanStoreTarget(InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name, Expression: var receiver })
        {
            return null;
        }

        var arguments = invocation.ArgumentList.Arguments;
        bool onArrayType = receiver is IdentifierNameSyntax { Identifier.ValueText: "Array" } or QualifiedNameSyntax { Right.Identifier.ValueText: "Array" } or
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Array" } or AliasQualifiedNameSyntax { Name.Identifier.ValueText: "Array" };
        return (name, arguments.Count, onArrayType) switch
        {
            ("Clear", 0, false) or ("Fill", 1, false) => receiver,
            ("CopyTo", 1 or 2, false) => arguments[0].Expression,
            ("Clear", 1 or 3, true) or ("Fill", 2 or 4, true) => arguments[0].Expression,
            ("Copy", 3, true) => arguments[1].Expression,
            ("Copy", 5, true) => arguments[2].Expression,
            _ => null,
        };
    }

    /// <summary>
    /// The arguments <paramref name="invocation"/> passes to parameters its callee (<paramref name="called"/>, as the call
    /// names it), a [Differentiable] method of this compilation, writes; <paramref name="model"/> is the invocation's tree's.
    /// </summary>
    private static IEnumerable<ExpressionSyntax> PassedToWriters(InvocationExpressionSyntax invocation, IMethodSymbol called, SemanticModel model, ISet<IMethodSymbol> visiting)
    {
        if (SymbolNames.Unreduced(called) is not { } callee || !SymbolNames.IsDifferentiableInSource(callee))
        {
            yield break;
        }

        var arguments = invocation.ArgumentList.Arguments.Select(a => a.Expression).ToList();
        if (!ReferenceEquals(callee, called) && invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver })
        {
            arguments.Insert(0, receiver);
        }

        ISet<string> written = WrittenParameters(callee.OriginalDefinition, model, visiting);
        for (int i = 0; i < arguments.Count && i < callee.Parameters.Length; i++)
        {
            if (written.Contains(callee.Parameters[i].Name))
            {
                yield return arguments[i];
            }
        }
    }

    /// <summary>
    /// The parameter (of <paramref name="parameters"/>) whose elements <paramref name="collection"/> are: the parameter by
    /// name, a span local in <paramref name="views"/>, a view of either (<c>Slice</c>, <c>AsSpan</c>, a range), or a row <c>w[i]</c>
    /// of a jagged array.
    /// </summary>
    private static string? ViewedParameter(ExpressionSyntax collection, IReadOnlyDictionary<string, bool> parameters, IReadOnlyDictionary<string, string> views) => collection switch
    {
        ParenthesizedExpressionSyntax parenthesized => ViewedParameter(parenthesized.Expression, parameters, views),
        IdentifierNameSyntax { Identifier.ValueText: var name } when parameters.ContainsKey(name) => name,
        IdentifierNameSyntax { Identifier.ValueText: var name } => views.TryGetValue(name, out string? viewed) ? viewed : null,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Slice" or "AsSpan", Expression: var inner } } =>
            ViewedParameter(inner, parameters, views),
        ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } range } when range[0].Expression is RangeExpressionSyntax =>
            ViewedParameter(((ElementAccessExpressionSyntax)collection).Expression, parameters, views),
        ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var name }, ArgumentList.Arguments.Count: 1 } when parameters.TryGetValue(name, out bool jagged) && jagged => name,
        _ => null,
    };

    private static bool CompiledEntryTakesReadOnlySpan(IMethodSymbol callee, int index) =>
        callee.ContainingType.GetMembers(callee.Name + "ValueAndGradient").OfType<IMethodSymbol>().Any(entry =>
            entry.Parameters.Length > callee.Parameters.Length &&
            entry.Parameters.Take(callee.Parameters.Length).Select(Collapsed).SequenceEqual(callee.Parameters.Select(Collapsed)) &&
            SymbolNames.CollectionOf(entry.Parameters[index].Type) is { Shape: ValueShape.ReadOnlySpan });
}
