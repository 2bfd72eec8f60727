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
/// A transcendental method (<c>TensorPrimitives.Tanh(z, h)</c>) is called itself, after the checks, into a scratch array
/// (<c>tanhStart = TensorPrimitiveValues.Tanh&lt;double&gt;(z, h, tanhValues)</c>, at h's alignment), and the loop stores its
/// values: <c>h[k] = tanhValues[tanhStart + k]</c>, differentiated as <c>Math.Tanh(z[k])</c> whose value the reverse sweep keeps.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The TensorPrimitives method <paramref name="invocation"/> calls, or null for any other call.</summary>
    private IMethodSymbol? TensorPrimitivesCalled(InvocationExpressionSyntax invocation) =>
        _model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol method && TensorPrimitiveReductions.IsTensorPrimitives(method) ? method : null;

    private Stmt? ParseTensorElementwise(InvocationExpressionSyntax invocation, IMethodSymbol method, SourceInfo source)
    {
        MathFunction? transcendental = null;
        if (TensorPrimitiveElementwise.Recognise(method) is not { } kind)
        {
            if (TensorPrimitiveElementwise.RecogniseTranscendental(method) is not { } computed)
            {
                ReportUnsupportedStatement(invocation, "the call '" + OneLine(invocation.ToString()) + "' as a statement",
                    "of TensorPrimitives' methods that write a destination, " + TensorPrimitiveElementwise.Names + " of double or float spans are " +
                    "differentiated elementwise (SoftMax, SinCos and the estimates are not); write the loop");
                return null;
            }

            (kind, transcendental) = (computed.Kind, computed.Function);
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
        string stem = char.ToLowerInvariant(method.Name[0]) + method.Name.Substring(1);
        var elements = new VariableRef(ScalarKind.Int, FreshName(stem + "Count"));
        statements.Add(new LocalDeclaration(source, elements.Name, ScalarKind.Int, new MathCall(ScalarKind.Int, MathFunction.ElementwiseLength,
            MathContainer.TensorPrimitiveChecks, EquatableArray.Of(spans[0].Length, LengthOrFirst(1), LengthOrFirst(2), destination.Length, overlaps))));

        var counter = new VariableRef(ScalarKind.Int, FreshName(stem + "Index"));
        List<Expr> operandElements = operands.Select(o => o.Span is { } span ? new ElementRead(kind, span.Base, span.At(counter)) : o.Value!).ToList();
        Expr element;
        if (transcendental is { } function)
        {
            // TensorPrimitives computes the values into a scratch array, at the destination's alignment (its values can depend
            // on it), from the element it returns; the loop's reads use that start, so the call stays ahead of them.
            var values = new CollectionRef(kind, ValueShape.Span, FreshName(stem + "Values"));
            // Sized by the first span operand's length (which the checks have made the count): an expression of the call's own
            // operands, so a writer's scratch array stays loop-invariant where its operands are.
            statements.Add(new LocalArray(source, values.Name, kind,
                new Binary(ScalarKind.Int, BinaryOperator.Add, spans[0].Length, new Constant(ScalarKind.Int, TensorPrimitiveValuesSlack)))
            {
                MadeFor = $"TensorPrimitives.{method.Name} call's values (line {source.Line})",
            });
            var start = new VariableRef(ScalarKind.Int, FreshName(stem + "Start"));
            EquatableArray<Expr> valuesArguments = operands.Select(o => o.Span is { } span ? SpanArgument(span) : o.Value!)
                .Concat(new Expr[] { SpanArgument(destination), values }).ToEquatableArray();
            statements.Add(new LocalDeclaration(source, start.Name, ScalarKind.Int, new MathCall(ScalarKind.Int, function, MathContainer.TensorPrimitiveValues, valuesArguments)));
            element = TensorPrimitiveElementwise.TranscendentalElement(function, kind, operandElements,
                new ElementRead(kind, values, new Binary(ScalarKind.Int, BinaryOperator.Add, start, counter)));
        }
        else
        {
            element = TensorPrimitiveElementwise.Element(method.Name, kind, operandElements);
        }

        statements.Add(For.Counted(source, counter, elements, new Block(source, EquatableArray.Of<Stmt>(
            new ElementAssignment(source, destination.Base, destination.At(counter), element)))));
        return new Block(source, statements.ToEquatableArray());
    }

    // How many more elements than the operands a transcendental call's scratch array has (TensorPrimitiveValues.Slack).
    private const int TensorPrimitiveValuesSlack = 16;

    /// <summary>The span <paramref name="region"/> names, as an argument: the collection itself, or a view of it.</summary>
    private static CollectionRef SpanArgument(SpanRegion region) =>
        region.Start is Constant { Value: 0 } && region.Length.Equals(new LengthOf(region.Base))
            ? region.Base
            : region.Base with { View = new SpanView(region.Start, region.Length) };

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
