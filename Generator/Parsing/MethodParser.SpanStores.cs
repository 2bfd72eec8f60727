using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// The span methods that are loops of element writes: <c>s.Clear()</c>, <c>s.Fill(value)</c> and <c>source.CopyTo(destination)</c>
/// (source a span, a ReadOnlySpan or an array), called as statements on a collection, a view local or a view written in
/// place (<c>a.AsSpan(1, 3).Clear()</c>). Each becomes the counted loop of stores it performs, so the reverse sweep saves
/// what they overwrite and differentiates them like any other store. The exceptions stay C#'s: a view out of range throws
/// where the view is taken, and a destination shorter than its source throws ArgumentException before anything is copied.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The elements <c>[Start, Start + Length)</c> of <see cref="Base"/> a span method works on.</summary>
    private sealed record SpanRegion(CollectionRef Base, Expr Start, Expr Length)
    {
        public Expr At(Expr index) => Start is Constant { Value: 0 } ? index : new Binary(ScalarKind.Int, BinaryOperator.Add, Start, index);
    }

    /// <summary>Span.Clear(), Span.Fill(T), Span.CopyTo(Span), ReadOnlySpan.CopyTo(Span) and the array's CopyTo(Span) of MemoryExtensions.</summary>
    private IMethodSymbol? SpanStoreMethod(InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax ||
            _model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol method)
        {
            return null;
        }

        string container = (method.ReducedFrom ?? method).ContainingType.OriginalDefinition.ToDisplayString();
        bool onSpan = container is "System.Span<T>" && method.Name is "Clear" or "Fill" or "CopyTo";
        bool copyOfReadOnly = container is "System.ReadOnlySpan<T>" && method.Name == "CopyTo";
        bool copyOfArray = container is "System.MemoryExtensions" && method.Name == "CopyTo" && method.ReducedFrom is not null &&
                           method.ReceiverType is IArrayTypeSymbol && method.Parameters.Length == 1;
        return (onSpan || copyOfReadOnly || copyOfArray) && method.Parameters.All(p => p.RefKind == RefKind.None) ? method : null;
    }

    /// <summary>The loop (with the locals it needs first) that <paramref name="invocation"/> of <paramref name="method"/> performs.</summary>
    private Stmt? ParseSpanStoreCall(InvocationExpressionSyntax invocation, IMethodSymbol method, SourceInfo source)
    {
        var statements = new List<Stmt>();
        var receiver = ((MemberAccessExpressionSyntax)invocation.Expression).Expression;
        string stem = method.Name switch { "Clear" => "cleared", "Fill" => "filled", _ => "copiedFrom" };
        if (Region(receiver, source, statements, stem) is not { } region)
        {
            return null;
        }

        ExpressionSyntax? argument = invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression;
        ScalarKind kind = region.Base.Kind;
        switch (method.Name)
        {
            case "Clear":
                statements.Add(Stores(source, region, "clear", _ => new Constant(kind, 0)));
                break;
            case "Fill":
            {
                // C# evaluates the value once, before the first store.
                if (ParseConverted(argument!) is not { } value)
                {
                    return null;
                }

                var filled = new VariableRef(kind, FreshName("fillValue"));
                statements.Add(new LocalDeclaration(source, filled.Name, kind, value));
                statements.Add(Stores(source, region, "fill", _ => filled));
                break;
            }

            default:
            {
                if (Region(argument!, source, statements, "copiedTo") is not { } destination)
                {
                    return null;
                }

                // All of the source goes to the start of the destination, which must be long enough: checked before any store.
                var count = new VariableRef(ScalarKind.Int, FreshName("copied"));
                statements.Add(new LocalDeclaration(source, count.Name, ScalarKind.Int,
                    new MathCall(ScalarKind.Int, MathFunction.CopyLength, MathContainer.SpanViews, EquatableArray.Of(region.Length, destination.Length))));
                statements.Add(CopyStores(source, region with { Length = count }, destination with { Length = count }));
                break;
            }
        }

        return statements.Count == 1 ? statements[0] : new Block(source, statements.ToEquatableArray());
    }

    /// <summary>
    /// What a span method works on: a collection by name (all of it), a view local (its start and length), a row of a jagged
    /// parameter, or a view written in place, whose start and length are evaluated once into ints added to
    /// <paramref name="statements"/>, as a view local's are (named <c>{stem}Start</c> and <c>{stem}Length</c>).
    /// </summary>
    private SpanRegion? Region(ExpressionSyntax syntax, SourceInfo source, List<Stmt> statements, string stem)
    {
        if (ViewNamed(syntax) is { } local)
        {
            return new SpanRegion(local.Base, local.Start, local.Length);
        }

        if (syntax is IdentifierNameSyntax)
        {
            return ParseCollection(syntax) is { } collection ? new SpanRegion(collection, new Constant(ScalarKind.Int, 0), new LengthOf(collection)) : null;
        }

        // A row of a jagged parameter, w[i], read (a copy's source): its start and length into ints, as a row local's are.
        if (syntax is ElementAccessExpressionSyntax element && IsJaggedRow(element))
        {
            if (ParseJaggedRow(element, out JaggedArray? jagged) is not { } row)
            {
                return null;
            }

            (ViewLocal rowLocal, List<Stmt> rowDeclarations) = DeclareRow(source, stem, jagged!, row.Start);
            statements.AddRange(rowDeclarations);
            return new SpanRegion(rowLocal.Base, rowLocal.Start, rowLocal.Length);
        }

        if (ParseView(syntax, "the span '" + OneLine(syntax.ToString()) + "'") is not { } view)
        {
            return null;
        }

        (ViewLocal declared, List<Stmt> declarations) = DeclareView(source, stem, view);
        statements.AddRange(declarations);
        return new SpanRegion(declared.Base, declared.Start, declared.Length);
    }

    /// <summary>
    /// The stores that copy <paramref name="from"/> into <paramref name="to"/> (of one length), each element converted to the
    /// destination's kind. Views of one array may overlap, and CopyTo and Array.Copy copy as if through a buffer: towards
    /// the start, element by element from the first; towards the end, from the last, so no element is overwritten before it is read.
    /// </summary>
    private Stmt CopyStores(SourceInfo source, SpanRegion from, SpanRegion to)
    {
        Expr Element(Expr i) => ConvertTo(new ElementRead(from.Base.Kind, from.Base, from.At(i)), to.Base.Kind);
        Stmt forward = Stores(source, to, "copy", Element);
        if (from.Base.Name != to.Base.Name)
        {
            return forward;
        }

        return new If(source,
            new Binary(ScalarKind.Bool, BinaryOperator.LessOrEqual, to.Start, from.Start),
            new Block(source, EquatableArray.Of(forward)),
            new Block(source, EquatableArray.Of(BackwardStores(source, to, Element))));
    }

    // for (int i = 0; i < length; i++) base[start + i] = value(i);
    private Stmt Stores(SourceInfo source, SpanRegion region, string stem, System.Func<Expr, Expr> value)
    {
        var counter = new VariableRef(ScalarKind.Int, FreshName(stem + "At"));
        return For.Counted(source, counter, region.Length,
            new Block(source, EquatableArray.Of<Stmt>(new ElementAssignment(source, region.Base, region.At(counter), value(counter)))));
    }

    // for (int i = length - 1; i >= 0; i--) base[start + i] = value(i);
    private Stmt BackwardStores(SourceInfo source, SpanRegion region, System.Func<Expr, Expr> value)
    {
        var counter = new VariableRef(ScalarKind.Int, FreshName("copyBackAt"));
        var one = new Constant(ScalarKind.Int, 1);
        return new For(
            source,
            EquatableArray.Of<Stmt>(new LocalDeclaration(source, counter.Name, ScalarKind.Int, new Binary(ScalarKind.Int, BinaryOperator.Subtract, region.Length, one))),
            new Binary(ScalarKind.Bool, BinaryOperator.GreaterOrEqual, counter, new Constant(ScalarKind.Int, 0)),
            EquatableArray.Of<Stmt>(new Assignment(source, counter.Name, new Binary(ScalarKind.Int, BinaryOperator.Subtract, counter, one))),
            new Block(source, EquatableArray.Of<Stmt>(new ElementAssignment(source, region.Base, region.At(counter), value(counter)))));
    }
}
