using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// A statement calling one of TensorPrimitives' elementwise methods (<see cref="TensorPrimitiveElementwise"/>):
/// <c>TensorPrimitives.Multiply(x, w, h);</c> becomes TensorPrimitives' checks (<c>TensorPrimitiveChecks.ElementwiseLength</c>:
/// operands of one length, a destination long enough, no operand overlapping it but from the same start), then
/// <c>for (int k = 0; k &lt; n; k++) h[k] = x[k] * w[k];</c>: stores like any other, whose overwritten elements the
/// reverse sweep restores. A value operand (<c>Multiply(x, 2.0, h)</c>) is evaluated once, before the checks.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The TensorPrimitives method <paramref name="invocation"/> calls, or null for any other call.</summary>
    private IMethodSymbol? TensorPrimitivesCalled(InvocationExpressionSyntax invocation) =>
        _model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol method && TensorPrimitiveReductions.IsTensorPrimitives(method) ? method : null;

    private Stmt? ParseTensorElementwise(InvocationExpressionSyntax invocation, IMethodSymbol method, SourceInfo source)
    {
        if (TensorPrimitiveElementwise.Recognise(method) is not { } kind)
        {
            ReportUnsupportedStatement(invocation, "the call '" + OneLine(invocation.ToString()) + "' as a statement",
                "of TensorPrimitives' methods that write a destination, " + TensorPrimitiveElementwise.Names + " of double or float spans run as " +
                "loops (their values are exact; the others are vectorised approximations a loop would not reproduce); write the loop");
            return null;
        }

        SeparatedSyntaxList<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count != method.Parameters.Length || arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None)))
        {
            ReportUnsupportedExpression(invocation, "pass every argument by position");
            return null;
        }

        var statements = new List<Stmt>();
        var operands = new List<(SpanRegion? Span, Expr? Value)>();
        int count = method.Parameters.Length - 1;
        for (int i = 0; i < count; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            if (SymbolNames.CollectionOf(parameter.Type) is not null)
            {
                if (Region(arguments[i].Expression, source, statements, parameter.Name) is not { } region)
                {
                    return null;
                }

                operands.Add((region, null));
                continue;
            }

            if (ParseConverted(arguments[i].Expression, parameter.Type) is not { } value)
            {
                return null;
            }

            if (value is not (Constant or VariableRef))
            {
                var local = new VariableRef(kind, FreshName(parameter.Name + "Value"));
                statements.Add(new LocalDeclaration(source, local.Name, kind, value));
                value = local;
            }

            operands.Add((null, value));
        }

        if (Region(arguments[count].Expression, source, statements, "destination") is not { } destination)
        {
            return null;
        }

        // TensorPrimitives' checks, in its order; an operand may overlap the destination only from the same start.
        List<SpanRegion> spans = operands.Where(o => o.Span is not null).Select(o => o.Span!).ToList();
        Expr overlaps = spans.Where(s => s.Base.Name == destination.Base.Name && !s.Start.Equals(destination.Start)).Select(s => OverlapsPartially(s, destination))
            .Aggregate((Expr)new Constant(ScalarKind.Bool, 0), (any, next) => any is Constant ? next : new Binary(ScalarKind.Bool, BinaryOperator.LogicalOr, any, next));
        Expr LengthOrFirst(int k) => k < spans.Count ? spans[k].Length : spans[0].Length;
        var elements = new VariableRef(ScalarKind.Int, FreshName(char.ToLowerInvariant(method.Name[0]) + method.Name.Substring(1) + "Count"));
        statements.Add(new LocalDeclaration(source, elements.Name, ScalarKind.Int, new MathCall(ScalarKind.Int, MathFunction.ElementwiseLength,
            MathContainer.TensorPrimitiveChecks, EquatableArray.Of(spans[0].Length, LengthOrFirst(1), LengthOrFirst(2), destination.Length, overlaps))));

        var counter = new VariableRef(ScalarKind.Int, FreshName(elements.Name.Replace("Count", "Index")));
        Expr element = TensorPrimitiveElementwise.Element(method.Name, kind,
            operands.Select(o => o.Span is { } span ? new ElementRead(kind, span.Base, span.At(counter)) : o.Value!).ToList());
        statements.Add(For.Counted(source, counter, elements, new Block(source, EquatableArray.Of<Stmt>(
            new ElementAssignment(source, destination.Base, destination.At(counter), element)))));
        return new Block(source, statements.ToEquatableArray());
    }

    /// <summary>
    /// <paramref name="span"/> and <paramref name="destination"/>, views of one collection, overlap but do not start together
    /// (views starting at one expression are left out by the caller: they start together).
    /// </summary>
    private static Expr OverlapsPartially(SpanRegion span, SpanRegion destination)
    {
        Expr Less(Expr a, Expr b) => new Binary(ScalarKind.Bool, BinaryOperator.Less, a, b);
        Expr Plus(Expr a, Expr b) => new Binary(ScalarKind.Int, BinaryOperator.Add, a, b);
        Expr And(Expr a, Expr b) => new Binary(ScalarKind.Bool, BinaryOperator.LogicalAnd, a, b);
        return And(new Binary(ScalarKind.Bool, BinaryOperator.NotEqual, span.Start, destination.Start),
            And(Less(span.Start, Plus(destination.Start, destination.Length)), Less(destination.Start, Plus(span.Start, span.Length))));
    }
}
