using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

// Writers (FuzzFeatures.Writers): static helpers W0, W1… that write elements of one or two Span<double>/double[] parameters
// and return void or a double, and their calls, which the generator replaces by the writer's statements (WriterInliner). A
// writer's body has what ADG0010 lets one have: no local array, no early return, no [NoDerivative] parameter; it may call
// the read-only helpers and earlier writers (never itself or a later one). Every collection has FuzzIndex.ArrayLength
// elements and every view covers all of one, so the writes stay in range whatever a caller passes.
public sealed partial class ProgramGenerator
{
    private static readonly FuzzParameterKind[] WritableKinds = { FuzzParameterKind.Span, FuzzParameterKind.Array };

    private readonly List<FuzzMethod> _writers = new();

    // While generating a writer's body: no local arrays, no early returns.
    private bool _inWriter;

    // The method being generated may call the writers made so far (F, and a writer calling earlier ones).
    private bool _writerSites;

    // Inside a sum loop only locals of the loop may be written: a writer's parameters and F's collections may not.
    private bool _inSumLoop;

    // In a writer, the parameters it writes (directly, through views, or by passing them to an earlier writer).
    private List<(string Name, FuzzParameterKind Kind)> _writtenParameters = new();

    // In F, its own double[] and Span parameters: it writes them only by passing them to a writer.
    private List<(string Name, FuzzParameterKind Kind)> _passableParameters = new();

    /// <summary>A writer's written parameters where a statement may write them (not inside a sum loop); empty elsewhere.</summary>
    private List<(string Name, FuzzParameterKind Kind)> WritableParameters() => _inSumLoop ? new() : _writtenParameters;

    /// <summary>With <see cref="FuzzFeatures.Writers"/>, one to three writers W0… after the read-only helpers; draws nothing without it.</summary>
    private void GenerateWriters()
    {
        if (!_features.HasFlag(FuzzFeatures.Writers))
        {
            return;
        }

        for (int i = _random.Next(1, 4) - 1; i >= 0; i--)
        {
            // No in parameters: C# passes one the caller's variable itself, so a writer given that variable by ref, or an element of
            // an array it writes, would read its own writes through it — calls the generator refuses (FB-25).
            FuzzMethod writer = GenerateWriter("W" + _writers.Count);
            _methods.Add(writer);
            _writers.Add(writer);
        }
    }

    /// <summary>
    /// A writer of one or two of u, v (Span or double[]), reading perhaps a collection w (any kind), up to two doubles and an
    /// int k, in a random order; void two times in three.
    /// </summary>
    private FuzzMethod GenerateWriter(string name)
    {
        List<(string Name, FuzzParameterKind Kind)> written = HelperCollections.Take(_random.Next(3) == 0 ? 2 : 1).Select(c => (c, Pick(WritableKinds))).ToList();
        var parameters = new List<(string Name, FuzzParameterKind Kind)>(written);
        if (_random.Next(3) != 0)
        {
            parameters.Add((HelperCollections[2], Pick(CollectionKinds)));
        }

        parameters.AddRange(HelperParameters.Take(_random.Next(0, 3)).Select(d => (d, FuzzParameterKind.Double)));
        if (_random.Next(3) == 0)
        {
            parameters.Add((HelperInts[0], FuzzParameterKind.Int));
        }

        for (int i = parameters.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (parameters[i], parameters[j]) = (parameters[j], parameters[i]);
        }

        bool returnsVoid = _random.Next(3) != 0;
        // Only a method returning void may take a ref parameter (ADG0002 otherwise); it goes last, after the shuffle.
        if (returnsVoid && _features.HasFlag(FuzzFeatures.RefScalars) && _random.Next(3) == 0)
        {
            parameters.Add(("r", FuzzParameterKind.RefDouble));
        }

        _inWriter = true;
        _writerSites = true;
        var body = new List<FuzzStatement>(BeginMethod(parameters.ToArray(), FuzzMethodRole.Static));
        _writtenParameters = written;
        for (int shapes = _random.Next(1, 4); shapes > 0; shapes--)
        {
            body.AddRange(GenerateWriterShape());
        }

        // Each parameter declared written is written here, whatever the shapes drew (a void method must write one, ADG0003).
        foreach ((string parameter, _) in written.Where(p => !FuzzProgramWalk.Statements(body).OfType<ArrayWrite>().Any(w => w.Array == p.Name)))
        {
            body.Add(WriterStore(parameter, counter: null));
        }

        // A void writer's Result is never printed (FuzzMethod.ReturnsVoid).
        FuzzExpr result = returnsVoid ? new Num(0) : TryGenerateWriterResult() ?? GenerateExpr(depth: 3);
        _inWriter = false;
        _writerSites = false;
        _writtenParameters = new();
        return new FuzzMethod(name, parameters.Select(p => p.Name).ToImmutableArray(), body.ToImmutableArray(), result)
        {
            Role = FuzzMethodRole.Static,
            Kinds = parameters.Select(p => p.Kind).ToImmutableArray(),
            Written = written.Select(p => p.Name).ToImmutableArray(),
            ReturnsVoid = returnsVoid,
        };
    }

    /// <summary>One piece of a writer's body: a store, a loop that stores (under an if sometimes), an if that stores, a call of an earlier writer, or ordinary statements.</summary>
    private IEnumerable<FuzzStatement> GenerateWriterShape()
    {
        string parameter = Pick(_writtenParameters).Name;
        switch (_random.Next(6))
        {
            case 0:
                return new[] { WriterStore(parameter, counter: null) };
            case 1:
            case 2:
            {
                // Over the parameter's Length or a constant count, the store indexed by the counter (wrapped past an offset).
                string counter = "i" + _nextLocal++;
                bool overLength = _random.Next(2) == 0;
                _counters.Add(counter);
                _loopDepth++;
                var loopBody = new List<FuzzStatement>(GenerateBlock(_random.Next(0, 3), nesting: 1));
                FuzzStatement store = WriterStore(parameter, counter);
                loopBody.Add(_random.Next(3) == 0 ? new If(GenerateCondition(), ImmutableArray.Create(store), ImmutableArray<FuzzStatement>.Empty) : store);
                _loopDepth--;
                _counters.Remove(counter);
                return new[] { new For(counter, overLength ? FuzzIndex.ArrayLength : _random.Next(1, FuzzIndex.ArrayLength + 1), loopBody.ToImmutableArray(), overLength ? parameter : null) };
            }

            case 3:
            {
                FuzzCondition condition = GenerateCondition();
                ImmutableArray<FuzzStatement> then = ImmutableArray.Create<FuzzStatement>(WriterStore(parameter, counter: null));
                ImmutableArray<FuzzStatement> otherwise = _random.Next(2) == 0 ? ImmutableArray.Create<FuzzStatement>(WriterStore(Pick(_writtenParameters).Name, counter: null)) : GenerateBlock(1, nesting: 1);
                return new[] { new If(condition, then, otherwise) };
            }

            case 4 when TryGenerateWriterCall(always: true) is { } call:
                return call;
            default:
                return GenerateBlock(_random.Next(1, 3), nesting: 0);
        }
    }

    /// <summary><c>u[index] op= value</c>: index a constant or the counter's (wrapped), op one of = += *=.</summary>
    private ArrayWrite WriterStore(string parameter, string? counter)
    {
        FuzzIndex index = counter is null ? GenerateIndex() : new FuzzIndex(counter, _random.Next(3) == 0 ? _random.Next(1, FuzzIndex.ArrayLength) : 0);
        return new ArrayWrite(parameter, index, Pick(new[] { "=", "+=", "*=" }), GenerateExpr(depth: 2));
    }

    /// <summary>
    /// Where a writer may be called (in F, or in a writer calling an earlier one), sometimes (always when
    /// <paramref name="always"/>) a call of one that can be given what it writes: as a statement, or for a writer returning
    /// double as the whole value of a new local's declaration or of an assignment. In F, when nothing here can be written, a
    /// new local array comes first for the call to write. Null, drawing nothing, where no writer is callable.
    /// </summary>
    private IEnumerable<FuzzStatement>? TryGenerateWriterCall(bool always = false)
    {
        if (!_writerSites || _writers.Count == 0 || (!always && _random.Next(4) != 0))
        {
            return null;
        }

        var statements = new List<FuzzStatement>();
        List<(string Name, FuzzParameterKind Kind)> targets = WriterTargets();
        if (!_inWriter && _features.HasFlag(FuzzFeatures.Arrays) && (_loopDepth == 0 || _features.HasFlag(FuzzFeatures.LoopArrays)) &&
            (targets.Count == 0 || _random.Next(4) == 0))
        {
            var array = new DeclareArray("arr" + _nextLocal++);
            _arrays.Add(array.Name);
            if (_loopDepth == 0)
            {
                _swappable[array.Name] = string.Empty;
            }

            statements.Add(array);
            targets = WriterTargets();
        }

        List<FuzzMethod> callable = _writers.Where(w => CanGiveArguments(w, targets)).ToList();
        if (callable.Count == 0)
        {
            return statements.Count == 0 ? null : statements;
        }

        FuzzMethod callee = Pick(callable);
        Call call = WriterCall(callee, targets);
        switch (callee.ReturnsVoid ? 0 : _random.Next(3))
        {
            case 0:
                statements.Add(new CallStatement(call));
                break;
            case 1 when PickTarget() is { } target:
                statements.Add(new Assign(target, call));
                break;
            default:
            {
                var declaration = new DeclareDouble("v" + _nextLocal++, call);
                _doubles.Add(declaration.Name);
                statements.Add(declaration);
                break;
            }
        }

        return statements;
    }

    /// <summary>Where writers may be called, sometimes a call of one returning double as the method's returned value; else null.</summary>
    private FuzzExpr? TryGenerateWriterResult()
    {
        if (!_writerSites || _writers.Count == 0 || _random.Next(4) != 0)
        {
            return null;
        }

        List<(string Name, FuzzParameterKind Kind)> targets = WriterTargets();
        List<FuzzMethod> callable = _writers.Where(w => !w.ReturnsVoid && CanGiveArguments(w, targets)).ToList();
        return callable.Count == 0 ? null : WriterCall(Pick(callable), targets);
    }

    /// <summary>
    /// What a writer called here may write: local arrays a statement here may write, Span views of them, a writer's own
    /// written parameters and F's double[]/Span parameters (these two not inside a sum loop).
    /// </summary>
    private List<(string Name, FuzzParameterKind Kind)> WriterTargets() =>
        WritableArrays().Select(a => (a, FuzzParameterKind.Array))
            .Concat(WritableViews().Select(v => (v, FuzzParameterKind.Span)))
            .Concat(WritableParameters())
            .Concat(_inSumLoop ? Enumerable.Empty<(string, FuzzParameterKind)>() : _passableParameters)
            .ToList();

    private bool CanGiveArguments(FuzzMethod writer, List<(string Name, FuzzParameterKind Kind)> targets)
    {
        List<(string Name, FuzzParameterKind Kind)> readable = Readable();
        // A ref parameter needs a double the call may assign (inside a sum loop, one of the loop's own).
        return Enumerable.Range(0, writer.Parameters.Length).All(i => writer.KindOf(i) == FuzzParameterKind.RefDouble ? _doubles.Count > _assignableDoubles
            : !writer.KindOf(i).IsCollection() || (writer.Writes(i) ? targets : readable).Any(c => c.Kind.Converts(writer.KindOf(i))));
    }

    /// <summary>
    /// The call's arguments: a written parameter gets a target (often one passed already, so one array is read and written
    /// twice), or a view of it; a read collection anything readable; doubles expressions; an int a counter or a constant in range.
    /// </summary>
    private Call WriterCall(FuzzMethod callee, List<(string Name, FuzzParameterKind Kind)> targets)
    {
        var arguments = ImmutableArray.CreateBuilder<FuzzExpr>();
        for (int i = 0; i < callee.Parameters.Length; i++)
        {
            FuzzParameterKind kind = callee.KindOf(i);
            if (kind.IsCollection() && callee.Writes(i))
            {
                List<(string Name, FuzzParameterKind Kind)> compatible = targets.Where(t => t.Kind.Converts(kind)).ToList();
                List<string> again = arguments.OfType<CollectionArg>().Select(c => c.Name).Where(n => compatible.Any(t => t.Name == n)).ToList();
                string chosen = again.Count > 0 && _random.Next(3) == 0 ? Pick(again) : Pick(compatible).Name;
                arguments.Add(WithView(new CollectionArg(chosen), kind, compatible.First(t => t.Name == chosen).Kind));
                continue;
            }

            arguments.Add(kind switch
            {
                FuzzParameterKind.Double => GenerateExpr(depth: 2),
                FuzzParameterKind.RefDouble => new RefArg(PickTarget()!),
                FuzzParameterKind.Int => _counters.Count > 0 && _random.Next(2) == 0
                    ? new IntArg(Pick(_counters), 0)
                    : new IntArg(null, _random.Next(FuzzIndex.ArrayLength)),
                _ => CollectionArgument(kind, arguments, exact: false),
            });
        }

        return PassIn(new Call(callee.Name, arguments.ToImmutable()));
    }
}
