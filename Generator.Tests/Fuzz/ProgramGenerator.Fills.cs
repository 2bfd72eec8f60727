using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>How a generated fill differs from the shape FillLoops rewrites, if at all.</summary>
public enum FillMiss
{
    /// <summary>The shape itself: the array is written only by the fill and read only by element after it in its block.</summary>
    None,

    /// <summary>An element is read before the fill in the same block.</summary>
    ReadBefore,

    /// <summary>An element is read after the counted loop whose body holds the fill.</summary>
    ReadAfterLoop,

    /// <summary>A second store to the array after the fill.</summary>
    SecondStore,

    /// <summary>The filled value reads the array itself.</summary>
    ValueReadsArray,

    /// <summary>The fill's body has a second statement.</summary>
    TwoStatements,

    /// <summary>The array is passed whole to a helper's collection parameter.</summary>
    PassedWhole,

    /// <summary>A double the value reads is assigned later in the fill's block.</summary>
    OperandAssignedLater,
}

/// <summary>Where a generated fill stands.</summary>
public enum FillPlace
{
    /// <summary>In the block being generated (the top of a method, or wherever that block is).</summary>
    Block,

    /// <summary>In the then branch of an if.</summary>
    Branch,

    /// <summary>In the body of a counted loop.</summary>
    Loop,

    /// <summary>In the body of a counted loop that is itself the body of another loop.</summary>
    NestedLoop,
}

// Fills (FuzzFeatures.Fills): a loop that fills a local array whole, the reads of its elements after it, and their near misses.
// FillLoops forwards the reads' adjoints to a linear value's operands and gives each iteration of an enclosing counted loop
// a copy of its own; both must give the gradients the statement-by-statement path gives, and so must the near misses.
public sealed partial class ProgramGenerator
{
    /// <summary>
    /// With <see cref="FuzzFeatures.Fills"/>, sometimes a fill with its declarations and reads, whose sum of reads is then
    /// added to a double in scope (so that its gradient reaches the result); else null. Needs such a double to add to.
    /// </summary>
    private IEnumerable<FuzzStatement>? TryGenerateFill()
    {
        // Draws nothing without the flag, so seeds keep giving the programs they gave before it existed.
        // A writer declares no array to fill.
        if (_inWriter || !_features.HasFlag(FuzzFeatures.Fills) || _doubles.Count == _assignableDoubles || _random.Next(12) != 0)
        {
            return null;
        }

        return GenerateFill();
    }

    private List<FuzzStatement> GenerateFill()
    {
        int id = _nextLocal++;
        string array = "fill" + id, counter = "c" + id, total = "g" + id;
        var place = (FillPlace)_random.Next(4);
        var miss = _random.Next(2) == 0 ? FillMiss.None : (FillMiss)_random.Next(1, 8);
        if (miss == FillMiss.ReadAfterLoop && place < FillPlace.Loop)
        {
            miss = FillMiss.ReadBefore;
        }

        var outer = new List<FuzzStatement> { new DeclareDouble(total, new Num(0.0)) };
        List<(string Name, FuzzParameterKind Kind)> readable = ReadableWithoutViews();

        // How the array is made, and so which bounds make the loop a fill: its Length always, the int local or the
        // collection length it was made with too.
        string? size = null, lengthOf = null;
        switch (_random.Next(3))
        {
            // Inside a loop, an int local declared in it counts as assigned there, and an array it sizes is refused (ADG0005).
            case 0 when _loopDepth == 0:
                size = "n" + id;
                outer.Add(new DeclareInt(size, FuzzIndex.ArrayLength));
                break;
            case 1 when readable.Count > 0:
                lengthOf = Pick(readable).Name;
                break;
        }

        var bounds = new List<string> { array + ".Length" };
        if (size is not null) bounds.Add(size);
        if (lengthOf is not null) bounds.Add(lengthOf + ".Length");
        string bound = Pick(bounds);

        var declaration = new DeclareArray(array, lengthOf) { SizeLocal = size };
        bool declareInside = place != FillPlace.Block && miss != FillMiss.ReadAfterLoop && _random.Next(3) == 0;
        if (!declareInside)
        {
            outer.Add(declaration);
        }

        // A double the value may read that nothing but the OperandAssignedLater miss assigns, and a passive factor.
        string operand = "o" + id, factor = "fac" + id;
        outer.Add(new DeclareDouble(operand, GenerateExpr(depth: 2)));
        outer.Add(new DeclareDouble(factor, new Num(System.Math.Round(_random.NextDouble() * 2 + 0.25, 2))));

        // In a loop, its counter may index what the value and the reads read (through GenerateIndex).
        string? loopCounter = place >= FillPlace.Loop ? "j" + id : null;
        if (loopCounter is not null)
        {
            _counters.Add(loopCounter);
        }

        _loopDepth++;
        var block = new List<FuzzStatement>();
        if (declareInside)
        {
            block.Add(declaration);
        }

        if (place >= FillPlace.Loop && HelperCall(scalarOnly: true) is { } call && _random.Next(2) == 0)
        {
            // The loop body calls a [Differentiable] method, so the loop cannot lend its tape.
            block.Add(new CompoundAssign(total, '+', call));
        }

        if (miss == FillMiss.ReadBefore)
        {
            block.Add(new CompoundAssign(total, '+', new ArrayRead(array, new FuzzIndex(null, _random.Next(FuzzIndex.ArrayLength)))));
        }

        FuzzExpr value = FillValue(counter, operand, factor, readable);
        if (miss == FillMiss.ValueReadsArray)
        {
            value = new Binary('+', value, new ArrayRead(array, new FuzzIndex(counter, 1)));
        }

        if (miss == FillMiss.OperandAssignedLater && !FuzzProgramWalk.Flatten(value).OfType<Var>().Any(v => v.Name == operand))
        {
            value = new Binary('-', value, new Var(operand));
        }

        FuzzStatement? second = miss == FillMiss.TwoStatements ? new CompoundAssign(total, '+', new ArrayRead(array, new FuzzIndex(counter, 0))) : null;
        block.Add(new Fill(array, counter, bound, value, second));
        if (miss == FillMiss.SecondStore)
        {
            block.Add(new ArrayWrite(array, new FuzzIndex(null, _random.Next(FuzzIndex.ArrayLength)), Pick(new[] { "=", "+=" }), GenerateExpr(depth: 1)));
        }

        if (miss == FillMiss.PassedWhole && HelperCall(scalarOnly: false, passWhole: array) is { } whole)
        {
            block.Add(new CompoundAssign(total, '+', whole));
        }

        for (int reads = _random.Next(1, 3); reads > 0; reads--)
        {
            block.Add(FillRead(array, total, id));
        }

        if (miss == FillMiss.OperandAssignedLater)
        {
            block.Add(new Assign(operand, new Binary('+', new Binary('*', new Var(operand), new Num(0.5)), new Num(0.25))));
        }

        _loopDepth--;
        if (loopCounter is not null)
        {
            _counters.Remove(loopCounter);
        }

        switch (place)
        {
            case FillPlace.Block:
                outer.AddRange(block);
                break;
            case FillPlace.Branch:
                outer.Add(new If(GenerateCondition(), block.ToImmutableArray(), ImmutableArray<FuzzStatement>.Empty));
                break;
            default:
                FuzzStatement loop = EnclosingLoop(loopCounter!, block, size);
                if (place == FillPlace.NestedLoop)
                {
                    loop = new For("k" + id, _random.Next(1, FuzzIndex.ArrayLength + 1), ImmutableArray.Create(loop));
                }

                outer.Add(loop);
                if (miss == FillMiss.ReadAfterLoop)
                {
                    outer.Add(new CompoundAssign(total, '+', new ArrayRead(array, new FuzzIndex(null, _random.Next(FuzzIndex.ArrayLength)))));
                }

                break;
        }

        // Add the reads to a double that was in scope before, so that their gradients reach the result.
        List<string> carriers = _doubles.Skip(_assignableDoubles).ToList();
        outer.Add(new CompoundAssign(Pick(carriers), _random.Next(2) == 0 ? '+' : '-', new Var(total)));
        _doubles.Add(total);
        _doubles.Add(operand);
        return outer;
    }

    /// <summary>A counted loop around the fill: constant, parameter, counter, local or expression bounds, up or down, from 0 or 1.</summary>
    private For EnclosingLoop(string counter, List<FuzzStatement> body, string? size)
    {
        var loop = new For(counter, _random.Next(1, FuzzIndex.ArrayLength + 1), body.ToImmutableArray());
        var collections = Readable().Where(r => !r.Name.StartsWith("fill", System.StringComparison.Ordinal)).Select(r => r.Name).ToList();
        var ints = _counters.ToList();
        string? bound = _random.Next(5) switch
        {
            0 when collections.Count > 0 => Pick(collections) + ".Length",
            1 when collections.Count > 0 => "(" + Pick(collections) + ".Length - 1)",
            2 when ints.Count > 0 => Pick(ints),
            3 when size is not null => size,
            _ => null,
        };
        return loop with { Bound = bound, Start = _random.Next(3) == 0 ? 1 : 0, Down = _random.Next(3) == 0 };
    }

    /// <summary>A linear value (differences, negations, passive factors, an added double) or a non-linear one, indexed by the fill's counter.</summary>
    private FuzzExpr FillValue(string counter, string operand, string factor, List<(string Name, FuzzParameterKind Kind)> readable)
    {
        FuzzExpr Element(int offset) => readable.Count > 0 ? new ArrayRead(Pick(readable).Name, new FuzzIndex(counter, offset)) : new Var(Pick(_doubles));
        FuzzExpr Passive() => _role == FuzzMethodRole.Instance && _random.Next(2) == 0 ? new FieldRead(Pick(ModelFields.All).Name) : new Var(factor);
        FuzzExpr Scalar() => _random.Next(2) == 0 ? new Var(operand) : new Var(Pick(_doubles));
        return _random.Next(10) switch
        {
            0 => new Binary('-', Element(0), Element(1)),
            1 => new Neg(Element(0)),
            2 => new Binary('+', new Binary('*', new Num(2.0), Element(0)), Scalar()),
            3 => new Binary('*', Passive(), Element(0)),
            4 => new Binary('*', new Binary('-', Element(0), Scalar()), Passive()),
            5 => new Unary("Sin", Element(0)),
            6 => new Binary('*', Element(0), Element(0)),
            7 => new Unary("Exp", Element(0)),
            8 => new Binary('-', Element(_random.Next(FuzzIndex.ArrayLength)), Scalar()),
            _ => new Binary('+', Element(0), GenerateExpr(depth: 1)),
        };
    }

    /// <summary>A read of the filled array after the fill, added to the total: in a nested loop, in a sum, or in a call.</summary>
    private FuzzStatement FillRead(string array, string total, int id)
    {
        FuzzExpr At(string? counter, int offset) => new ArrayRead(array, new FuzzIndex(counter, offset));
        switch (_random.Next(3))
        {
            case 0:
            {
                string counter = "r" + id + "_" + _random.Next(100);
                FuzzExpr weight = _random.Next(2) == 0 ? GenerateExpr(depth: 1) : new Num(0.5);
                FuzzExpr term = new Binary('*', new Binary('*', At(counter, 0), At(counter, _random.Next(2))), weight);
                var sum = new CompoundAssign(total, '+', term);
                return new For(counter, FuzzIndex.ArrayLength, ImmutableArray.Create<FuzzStatement>(sum)) { Bound = _random.Next(2) == 0 ? array + ".Length" : null };
            }

            case 1 when HelperCall(scalarOnly: true, elementOf: array) is { } call:
                return new CompoundAssign(total, '+', call);
            default:
                int first = _random.Next(FuzzIndex.ArrayLength);
                return new CompoundAssign(total, _random.Next(2) == 0 ? '+' : '-',
                    new Binary('+', At(null, first), new Binary('*', At(null, (first + 1) % FuzzIndex.ArrayLength), GenerateExpr(depth: 1))));
        }
    }

    /// <summary>
    /// A call to a helper this method may call: with <paramref name="scalarOnly"/> one that takes only doubles and ints (its
    /// first double an element of <paramref name="elementOf"/> when given), else one that takes a collection, passed
    /// <paramref name="passWhole"/>. Null when there is none.
    /// </summary>
    private Call? HelperCall(bool scalarOnly, string? elementOf = null, string? passWhole = null)
    {
        // A [NoDerivative] parameter (Inlining's near miss) must get a constant, which this call does not give, and a 2-D or
        // jagged one a matrix or jagged array, which it does not give either: such helpers are left out.
        List<FuzzMethod> callable = _methods.Where(m => CanCall(m) && m.Passive.IsDefault && !m.IsWriter && Enumerable.Range(0, m.Parameters.Length).All(i =>
                m.KindOf(i) is not (FuzzParameterKind.Matrix or FuzzParameterKind.Jagged) &&
                (scalarOnly ? !m.KindOf(i).IsCollection() : !IsReceiver(m, i) || !m.KindOf(i).IsCollection() || m.KindOf(i) == FuzzParameterKind.Array)) &&
            (scalarOnly || Enumerable.Range(0, m.Parameters.Length).Any(i => m.KindOf(i).IsCollection()))).ToList();
        if (callable.Count == 0)
        {
            return null;
        }

        FuzzMethod callee = Pick(callable);
        bool elementPassed = false;
        var arguments = ImmutableArray.CreateBuilder<FuzzExpr>();
        for (int i = 0; i < callee.Parameters.Length; i++)
        {
            FuzzParameterKind kind = callee.KindOf(i);
            if (kind == FuzzParameterKind.Double && elementOf is not null && !elementPassed)
            {
                elementPassed = true;
                arguments.Add(new ArrayRead(elementOf, new FuzzIndex(null, _random.Next(FuzzIndex.ArrayLength))));
                continue;
            }

            arguments.Add(kind switch
            {
                FuzzParameterKind.Double => GenerateExpr(depth: 1),
                FuzzParameterKind.Int => new IntArg(null, _random.Next(FuzzIndex.ArrayLength)),
                _ => new CollectionArg(passWhole!),
            });
        }

        if (elementOf is not null && !elementPassed)
        {
            return null;
        }

        CallStyle style = callee.Role switch
        {
            FuzzMethodRole.Extension => CallStyle.Extension,
            FuzzMethodRole.Instance when _role != FuzzMethodRole.Instance => _random.Next(2) == 0 ? CallStyle.ThroughStaticField : CallStyle.ThroughStaticProperty,
            _ => CallStyle.Plain,
        };
        return PassIn(new Call(callee.Name, arguments.ToImmutable()) { Style = style });
    }
}
