using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// LINQ's <c>Sum</c>, <c>Average</c>, <c>Max</c> and <c>Min</c> of a <c>double[]</c> or <c>float[]</c> (<c>x.Sum()</c>,
/// <c>Enumerable.Max(x)</c>), as the loops System.Linq runs, placed just before the statement that calls them: the
/// loop is differentiated like one the user wrote, and its value is the one LINQ returns, bit for bit.
/// </summary>
/// <remarks>
/// What the loops reproduce: the sum adds the elements in order, from 0, in double (a float array's too, the result then
/// rounded to float); the average is that sum over the count (a float array's rounded after the division); Max keeps
/// the first of equal largest values and skips NaN unless every element is NaN; Min is NaN as soon as an element is.
/// Average, Max and Min of an empty array throw LINQ's <c>InvalidOperationException</c>. At ties the derivative goes to
/// the element the loop keeps.
/// </remarks>
internal sealed partial class MethodParser
{
    private static readonly string[] s_linqReductions = { "Sum", "Average", "Max", "Min" };

    private const string NoElements = "new global::System.InvalidOperationException(\"Sequence contains no elements\")";

    /// <summary>Whether <paramref name="method"/> (unreduced) is one of System.Linq.Enumerable's reductions, with any signature.</summary>
    private static bool IsLinqReduction(IMethodSymbol method) =>
        method.ContainingType?.ToDisplayString() == "System.Linq.Enumerable" && s_linqReductions.Contains(method.Name);

    private Expr? ParseLinqReduction(InvocationExpressionSyntax invocation, IMethodSymbol method, ScalarKind kind)
    {
        ExpressionSyntax? source = invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver } && invocation.ArgumentList.Arguments.Count == 0
            ? receiver
            : invocation.ArgumentList.Arguments.Count == 1 ? invocation.ArgumentList.Arguments[0].Expression : null;
        ScalarKind? element = method is { IsGenericMethod: false, Parameters.Length: 1 } &&
                              method.Parameters[0].Type is INamedTypeSymbol { Name: "IEnumerable", TypeArguments.Length: 1 } sequence
            ? SymbolNames.KindOf(sequence.TypeArguments[0])
            : null;
        if (source is null || element is not (ScalarKind.Double or ScalarKind.Float) ||
            _model.GetTypeInfo(source, _cancellationToken).Type is not IArrayTypeSymbol { Rank: 1 } array || SymbolNames.KindOf(array.ElementType) != element)
        {
            ReportUnsupportedExpression(invocation, "of LINQ, Sum, Average, Max and Min of a double[] or float[] without a selector are supported; write the loop");
            return null;
        }

        if (!CanRunBeforeStatement(invocation))
        {
            ReportUnsupportedExpression(invocation, method.Name + " runs as a loop just before the statement that calls it, but " + RunsOnlySometimesWhy +
                                                    "; call it in a statement of its own (double v = x." + method.Name + "();)");
            return null;
        }

        // An array the parser holds as a view of another collection (a double buffer that a loop swaps, a jagged row or a
        // local taking one) is read through that view (FB-23).
        CollectionRef? collection = ViewNamed(source) is { } local ? local.Base with { View = new SpanView(local.Start, local.Length) }
            : TryParseJaggedRowArgument(source, out CollectionRef? row) ? row
            : ParseCollection(source);
        if (collection is null)
        {
            return null;
        }

        SourceInfo at = SourceOfCall(invocation);
        string stem = (collection.View is null ? collection.Name : "view") + method.Name;
        var counter = new VariableRef(ScalarKind.Int, FreshName(stem + "Index"));
        SpanView? view = collection.View;
        CollectionRef viewed = collection with { View = null };
        Expr count = view?.Length ?? new LengthOf(collection);
        // The loops count below the view's length: its elements need no check.
        Expr ElementAt(Expr index) => new ElementRead(element.Value, viewed, view is null ? index : view.Offset(index));
        Expr result;
        if (method.Name is "Sum" or "Average")
        {
            // In double for a float array too, as LINQ accumulates.
            var sum = new VariableRef(ScalarKind.Double, FreshName(stem));
            if (method.Name == "Average")
            {
                _beforeStatement.Add(ThrowWhenEmpty(at, count));
            }

            _beforeStatement.Add(new LocalDeclaration(at, sum.Name, ScalarKind.Double, new Constant(ScalarKind.Double, 0)));
            _beforeStatement.Add(For.Counted(at, counter, count, new Block(at, EquatableArray.Of<Stmt>(
                new Assignment(at, sum.Name, new Binary(ScalarKind.Double, BinaryOperator.Add, sum, ConvertTo(ElementAt(counter), ScalarKind.Double)))))));
            result = method.Name == "Sum" ? sum : new Binary(ScalarKind.Double, BinaryOperator.Divide, sum, new Conversion(ScalarKind.Double, count));
            result = ConvertTo(result, element.Value);
        }
        else
        {
            // Max takes a larger element, or any element while what it holds is NaN; Min a smaller one, or a NaN.
            var kept = new VariableRef(element.Value, FreshName(stem));
            Expr candidate = ElementAt(counter);
            Expr replaces = method.Name == "Max"
                ? new Binary(ScalarKind.Bool, BinaryOperator.LogicalOr, new Binary(ScalarKind.Bool, BinaryOperator.Greater, candidate, kept), IsNaN(kept, invocation))
                : new Binary(ScalarKind.Bool, BinaryOperator.LogicalOr, new Binary(ScalarKind.Bool, BinaryOperator.Less, candidate, kept), IsNaN(candidate, invocation));
            _beforeStatement.Add(ThrowWhenEmpty(at, count));
            _beforeStatement.Add(new LocalDeclaration(at, kept.Name, element.Value, ElementAt(new Constant(ScalarKind.Int, 0))));
            _beforeStatement.Add(For.Counted(at, counter, count,
                new Block(at, EquatableArray.Of<Stmt>(new If(at, replaces, new Block(at, EquatableArray.Of<Stmt>(new Assignment(at, kept.Name, candidate))), null))),
                from: 1));
            result = kept;
        }

        return ConvertTo(result, kind);
    }

    /// <summary><c>double.IsNaN(value)</c> (or float's), a call that only steers control flow.</summary>
    private Expr IsNaN(Expr value, SyntaxNode site)
    {
        INamedTypeSymbol type = _model.Compilation.GetSpecialType(value.Kind == ScalarKind.Float ? SpecialType.System_Single : SpecialType.System_Double);
        IMethodSymbol isNaN = type.GetMembers("IsNaN").OfType<IMethodSymbol>().Single(m => m.Parameters.Length == 1 && SymbolNames.KindOf(m.Parameters[0].Type) == value.Kind);
        var callee = new Callee(SymbolNames.MethodKey(isNaN), SymbolNames.FullyQualified(type), isNaN.Name, Receiver: null, CalleeKind.NeedsCustomRule,
            isNaN.Parameters.SelectMany(p => CalleeParameters(p, differentiable: true, written: false)).ToEquatableArray(), ScalarKind.Bool);
        return new UserCall(ScalarKind.Bool, callee, EquatableArray.Of(value), SpanOf(site));
    }

    private static If ThrowWhenEmpty(SourceInfo at, Expr count) => new(at,
        new Binary(ScalarKind.Bool, BinaryOperator.Equal, count, new Constant(ScalarKind.Int, 0)),
        new Block(at, EquatableArray.Of<Stmt>(new Throw(at, new ThrownExpression(EquatableArray.Of(NoElements), EquatableArray<Expr>.Empty)))),
        null);
}
