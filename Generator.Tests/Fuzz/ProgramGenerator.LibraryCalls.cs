using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>LINQ reductions (<see cref="FuzzFeatures.LinqReductions"/>) and TensorPrimitives' elementwise methods (<see cref="FuzzFeatures.TensorElementwise"/>).</summary>
public sealed partial class ProgramGenerator
{
    private static readonly string[] ElementwiseMethods = ElementwiseCall.Overloads.Keys.ToArray();

    private static readonly string[] ElementwiseAndTranscendentalMethods = ElementwiseMethods.Concat(ElementwiseCall.TranscendentalOverloads.Keys).ToArray();

    /// <summary>The double[] the method reads: local arrays, double[] parameters, row locals declared double[], and F's jagged rows.</summary>
    private List<string> LinqSources() =>
        _arrays.Concat(_collectionParameters.Where(c => c.Kind == FuzzParameterKind.Array).Select(c => c.Name))
            .Concat(_views.Where(v => v.Kind == FuzzParameterKind.Array).Select(v => v.Name))
            .Concat(_jagged is null ? Enumerable.Empty<string>() : Enumerable.Range(0, FuzzShapes.JaggedRowLengths.Length).Select(r => $"{_jagged}[{r}]"))
            .ToList();

    /// <summary>
    /// A LINQ reduction of one of <paramref name="sources"/>; in a writer only Sum: Average, Max and Min check for an empty
    /// array and throw, and a writer that may throw is refused (its statements stand in for its calls).
    /// </summary>
    private LinqReduction GenerateLinqReduction(List<string> sources) =>
        new(_inWriter ? "Sum" : Pick(LinqReduction.Methods), Pick(sources), Static: _random.Next(4) == 0);

    /// <summary>
    /// With the flag, sometimes an elementwise call into a region of something the statement may write (a local array, a Span
    /// view of one, a writer's written parameter, F's double[] or Span parameter outside sum loops); else null.
    /// </summary>
    private IEnumerable<FuzzStatement>? TryGenerateElementwise()
    {
        if (!_features.HasFlag(FuzzFeatures.TensorElementwise) || _random.Next(6) != 0)
        {
            return null;
        }

        List<(string Name, FuzzParameterKind Kind)> destinations = WritableArrays().Select(a => (a, FuzzParameterKind.Array))
            .Concat(WritableViews().Select(v => (v, FuzzParameterKind.Span)))
            .Concat(WritableParameters())
            .Concat(_inSumLoop ? Enumerable.Empty<(string, FuzzParameterKind)>() : _passableParameters)
            .ToList();
        if (destinations.Count == 0)
        {
            return null;
        }

        string method = Pick(_features.HasFlag(FuzzFeatures.TensorTranscendental) ? ElementwiseAndTranscendentalMethods : ElementwiseMethods);
        string overload = Pick(ElementwiseCall.Overloads.TryGetValue(method, out string[]? exact) ? exact : ElementwiseCall.TranscendentalOverloads[method]);
        int length = _random.Next(1, FuzzIndex.ArrayLength + 1);
        (string destination, FuzzParameterKind destinationKind) = Pick(destinations);
        // The destination may be longer than the operands: only their length is written.
        int room = _random.Next(length, FuzzIndex.ArrayLength + 1);
        int start = _random.Next(FuzzIndex.ArrayLength - room + 1);
        var statements = new List<FuzzStatement>();
        var operands = ImmutableArray.CreateBuilder<ElementwiseOperand>();
        for (int i = 0; i < overload.Length; i++)
        {
            // A square root's or logarithm's operand, a divisor and a power's base are 1 + v² (made first, for a span), never near 0.
            bool positive = ElementwiseCall.TakesPositive(method, i);
            if (overload[i] == 'V')
            {
                FuzzExpr value = GenerateExpr(depth: 2);
                operands.Add(new ElementwiseOperand(null, positive ? new Binary('+', new Num(1.0), new Binary('*', value, value)) : value));
            }
            else if (positive)
            {
                if (PositiveScratch(length, statements) is not { } scratch)
                {
                    return null;
                }

                operands.Add(new ElementwiseOperand(scratch, null));
            }
            else
            {
                operands.Add(new ElementwiseOperand(SpanOperand(destination, start, room, length), null));
            }
        }

        statements.Add(new ElementwiseCall(method, operands.ToImmutable(), Operand(destination, destinationKind, FuzzIndex.ArrayLength, start, room), length));
        return statements;
    }

    /// <summary>
    /// <paramref name="length"/> elements of something readable. One of the destination's collection (through a view too) either
    /// starts where the destination does (in place) or, when it fits, lies clear of it: TensorPrimitives throws for the rest.
    /// </summary>
    private ReductionOperand SpanOperand(string destination, int destinationStart, int destinationLength, int length)
    {
        // A writer's collection parameters may be one array (a caller passes one twice): when it writes one, it reads no other.
        string root = RootOf(destination);
        bool writesParameter = _inWriter && _collectionParameters.Any(c => c.Name == root);
        List<(string Name, FuzzParameterKind Kind)> readable = Readable()
            .Where(r => !writesParameter || RootOf(r.Name) == root || !_collectionParameters.Any(c => c.Name == RootOf(r.Name))).ToList();
        (string name, FuzzParameterKind kind) = Pick(readable);
        int start;
        if (RootOf(name) == root)
        {
            List<int> clear = Enumerable.Range(0, FuzzIndex.ArrayLength - length + 1)
                .Where(s => s + length <= destinationStart || s >= destinationStart + destinationLength).ToList();
            start = clear.Count > 0 && _random.Next(2) == 0 ? Pick(clear) : destinationStart;
        }
        else
        {
            start = _random.Next(FuzzIndex.ArrayLength - length + 1);
        }

        return Operand(name, kind, FuzzIndex.ArrayLength, start, length);
    }

    /// <summary>
    /// A new local array whose first <paramref name="length"/> elements are 1 + v² of a readable region, made with Multiply and
    /// an in-place Add; null where the method may not declare an array here.
    /// </summary>
    private ReductionOperand? PositiveScratch(int length, List<FuzzStatement> statements)
    {
        if (!_features.HasFlag(FuzzFeatures.Arrays) || (_loopDepth > 0 && !_features.HasFlag(FuzzFeatures.LoopArrays)) ||
            (_inWriter && !_features.HasFlag(FuzzFeatures.WriterArrays)))
        {
            return null;
        }

        (string name, FuzzParameterKind kind) = Pick(Readable());
        ReductionOperand source = Operand(name, kind, FuzzIndex.ArrayLength, _random.Next(FuzzIndex.ArrayLength - length + 1), length);
        var scratch = new DeclareArray("arr" + _nextLocal++);
        _arrays.Add(scratch.Name);
        ReductionOperand Region() => Operand(scratch.Name, FuzzParameterKind.Array, FuzzIndex.ArrayLength, 0, length);
        ImmutableArray<ElementwiseOperand> Spans(params ReductionOperand[] spans) => spans.Select(s => new ElementwiseOperand(s, null)).ToImmutableArray();
        statements.Add(scratch);
        statements.Add(new ElementwiseCall("Multiply", Spans(source, source), Region(), length));
        statements.Add(new ElementwiseCall("Add", Spans(Region()).Add(new ElementwiseOperand(null, new Num(1.0))), Region(), length));
        return Region();
    }
}
