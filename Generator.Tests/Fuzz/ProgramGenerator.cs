using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Makes random, well-typed programs from the subset the generator supports: arithmetic, unary
/// minus, Math calls kept inside their domains, locals, reassignment, compound assignment, ++/--,
/// int locals for control, if/else, ?:, early returns, and acyclic calls between the program's
/// methods. With <see cref="FuzzFeatures.Collections"/>, helpers and the entry also take collections (double[],
/// ReadOnlySpan&lt;double&gt;, Span&lt;double&gt;) that they only read, and calls pass them whole. The newer flags add arrays
/// declared inside loops, <c>is</c> patterns in conditions, extension helpers and instance helpers of a model object
/// (see <see cref="FuzzFeatures"/>). The same seed always gives the same program.
/// </summary>
public sealed partial class ProgramGenerator
{
    private static readonly string[] Comparisons = { "<", "<=", ">", ">=" };
    private static readonly string[] HelperParameters = { "a", "b", "c" };
    private static readonly string[] EntryParameters = { "x", "y", "z" };
    private static readonly string[] HelperCollections = { "u", "v", "w" };
    private static readonly string[] HelperInts = { "k", "m" };
    private static readonly string[] EntryCollections = { "p", "q" };

    private static readonly FuzzParameterKind[] CollectionKinds = { FuzzParameterKind.Array, FuzzParameterKind.ReadOnlySpan, FuzzParameterKind.Span };

    private readonly Random _random;
    private readonly long _seed;
    private readonly List<FuzzMethod> _methods = new();

    // State of the method being generated.
    private List<string> _doubles = new();
    private List<string> _ints = new();
    private List<string> _arrays = new();

    // The method's collection parameters: read and passed on, never written.
    private List<(string Name, FuzzParameterKind Kind)> _collectionParameters = new();
    private List<string> _counters = new();
    private int _loopDepth;
    private int _nextLocal;

    // Inside a sum loop (GenerateSumLoop) statements may only assign locals declared in the loop: the doubles and
    // ints from these positions on. Outside one, both are 0.
    private int _assignableDoubles;
    private int _assignableInts;
    private int _assignableArrays;

    // Where the method being generated is declared: decides which helpers it can call and whether it reads model fields.
    private FuzzMethodRole _role;

    private readonly FuzzFeatures _features;

    private ProgramGenerator(long seed, FuzzFeatures features)
    {
        _seed = seed;
        _features = features;
        _random = new Random(unchecked((int)(seed ^ (seed >> 32))));
    }

    public static FuzzProgram Generate(long seed, FuzzFeatures features = FuzzFeatures.Default) => new ProgramGenerator(seed, features).Generate();

    private FuzzProgram Generate()
    {
        bool collections = _features.HasFlag(FuzzFeatures.Collections);
        int helpers = _random.Next(0, collections ? 4 : 3);
        for (int i = 0; i < helpers; i++)
        {
            (string, FuzzParameterKind)[] parameters = collections && _random.Next(3) != 0
                ? HelperParametersWithCollections()
                : HelperParameters.Take(_random.Next(1, 4)).Select(p => (p, FuzzParameterKind.Double)).ToArray();
            FuzzMethodRole role = PickHelperRole();
            if (role == FuzzMethodRole.Extension && parameters[0].Item2 == FuzzParameterKind.Int)
            {
                // The receiver is the first parameter; an int one would make a literal receiver, (0).H0(), or pass a counter.
                int other = Array.FindIndex(parameters, p => p.Item2 != FuzzParameterKind.Int);
                (parameters[0], parameters[other]) = (parameters[other], parameters[0]);
            }

            _methods.Add(WithInParameters(GenerateMethod("H" + i, WithShapedParameters(parameters), statements: _random.Next(0, 4), role)));
        }

        GenerateWriters();
        GenerateInlineHelpers();
        var entryParameters = EntryParameters.Take(_random.Next(2, 4)).Select(p => (p, FuzzParameterKind.Double)).ToList();
        if (collections)
        {
            // Most entries take a collection or two, so that calls can pass the entry's own arguments on.
            foreach (string name in EntryCollections.Take(_random.Next(0, 3)))
            {
                entryParameters.Insert(_random.Next(entryParameters.Count + 1), (name, Pick(CollectionKinds)));
            }
        }

        // Drawn only with their flags, so seeds keep giving the programs they gave before the flags existed.
        if (_features.HasFlag(FuzzFeatures.Matrices) && _random.Next(6) == 0)
        {
            entryParameters.Insert(_random.Next(entryParameters.Count + 1), ("M", FuzzParameterKind.Matrix));
        }

        if (_features.HasFlag(FuzzFeatures.JaggedParameters) && _random.Next(6) == 0)
        {
            entryParameters.Insert(_random.Next(entryParameters.Count + 1), ("J", FuzzParameterKind.Jagged));
        }

        _inlineSites = _inlineHelpers.Count > 0;
        _writerSites = true;
        _inEntry = true;
        _methods.Add(WithInParameters(GenerateMethod("F", entryParameters.ToArray(), statements: _random.Next(1, 7), FuzzMethodRole.Static)));
        _inEntry = false;
        _inlineSites = false;
        _writerSites = false;
        int coordinates = entryParameters.Sum(p => p.Item2.Coordinates());
        ImmutableArray<double> point = Enumerable.Range(0, coordinates).Select(_ => Math.Round(_random.NextDouble() * 3 - 1.5, 3)).ToImmutableArray();
        return new FuzzProgram(_seed, _methods.ToImmutableArray(), point);
    }

    /// <summary>Draws nothing without the flags, so seeds keep giving the programs they gave before the flags existed.</summary>
    private FuzzMethodRole PickHelperRole() => !_features.HasFlag(FuzzFeatures.ExtensionCalls) && !_features.HasFlag(FuzzFeatures.InstanceCalls)
        ? FuzzMethodRole.Static
        : _random.Next(4) switch
    {
        0 when _features.HasFlag(FuzzFeatures.ExtensionCalls) => FuzzMethodRole.Extension,
        1 when _features.HasFlag(FuzzFeatures.InstanceCalls) => FuzzMethodRole.Instance,
        _ => FuzzMethodRole.Static,
    };

    /// <summary>One to three collections of random kinds, up to two doubles and an int, in a random order.</summary>
    private (string, FuzzParameterKind)[] HelperParametersWithCollections()
    {
        var parameters = HelperCollections.Take(_random.Next(1, 4)).Select(c => (c, Pick(CollectionKinds)))
            .Concat(HelperParameters.Take(_random.Next(0, 3)).Select(d => (d, FuzzParameterKind.Double)))
            .Concat(HelperInts.Take(_random.Next(0, 2)).Select(n => (n, FuzzParameterKind.Int)))
            .ToList();
        for (int i = parameters.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (parameters[i], parameters[j]) = (parameters[j], parameters[i]);
        }

        return parameters.ToArray();
    }

    private FuzzMethod GenerateMethod(string name, (string Name, FuzzParameterKind Kind)[] parameters, int statements, FuzzMethodRole role)
    {
        var body = ImmutableArray.CreateBuilder<FuzzStatement>();
        body.AddRange(BeginMethod(parameters, role));
        body.AddRange(GenerateBlock(statements, nesting: 0));
        // The returned value always runs: LINQ and local functions with statements may stand in it.
        _alwaysRuns = true;
        FuzzExpr result = TryGenerateWriterResult() ?? GenerateExpr(depth: 3);
        _alwaysRuns = false;
        var method = new FuzzMethod(name, parameters.Select(p => p.Name).ToImmutableArray(), body.ToImmutable(), result);
        method = method with { Role = role };
        return parameters.All(p => p.Kind == FuzzParameterKind.Double) ? method : method with { Kinds = parameters.Select(p => p.Kind).ToImmutableArray() };
    }

    /// <summary>
    /// Resets the state of the method about to be generated and returns its first statement, when it needs one: a method with
    /// no double parameter starts from an element of a collection, so that it has a double to assign.
    /// </summary>
    private IEnumerable<FuzzStatement> BeginMethod((string Name, FuzzParameterKind Kind)[] parameters, FuzzMethodRole role)
    {
        _role = role;
        _doubles = parameters.Where(p => p.Kind is FuzzParameterKind.Double or FuzzParameterKind.RefDouble).Select(p => p.Name).ToList();
        _collectionParameters = parameters.Where(p => p.Kind.IsCollection()).ToList();
        _ints = new List<string>();
        _arrays = new List<string>();
        _views = new();
        _swappable = new();
        _matrices = parameters.Where(p => p.Kind == FuzzParameterKind.Matrix).Select(p => p.Name).ToList();
        // F may write its 2-D parameter; a helper only reads one (writing it would make the helper a writer).
        _assignableMatrices = _writerSites && !_inWriter ? 0 : _matrices.Count;
        _jagged = parameters.Where(p => p.Kind == FuzzParameterKind.Jagged).Select(p => p.Name).FirstOrDefault();
        // Int parameters hold valid indices (callers pass 0..ArrayLength-1) and are never assigned: they serve as counters do.
        _counters = parameters.Where(p => p.Kind == FuzzParameterKind.Int).Select(p => p.Name).ToList();
        _loopDepth = 0;
        _nextLocal = 0;
        _assignableDoubles = _assignableInts = _assignableArrays = 0;
        _unreadSearch = null;
        _inSumLoop = false;
        _writtenParameters = new();
        _localFunctions = new();
        _blockDepth = 0;
        _alwaysRuns = false;
        // F's own double[] and Span parameters: what it may give a writer to write (it writes them no other way).
        _passableParameters = _writerSites && !_inWriter ? _collectionParameters.Where(p => p.Kind != FuzzParameterKind.ReadOnlySpan).ToList() : new();
        if (_doubles.Count == 0)
        {
            var first = new DeclareDouble("v" + _nextLocal++, new ArrayRead(Pick(_collectionParameters).Name, GenerateIndex()));
            _doubles.Add(first.Name);
            return new[] { first };
        }

        return Array.Empty<FuzzStatement>();
    }

    /// <summary>What the method being generated can read elements of and pass on: its local arrays (double[]), collection parameters and views.</summary>
    private List<(string Name, FuzzParameterKind Kind)> Readable() =>
        ReadableWithoutViews().Concat(_views.Select(v => (v.Name, v.Kind))).ToList();

    /// <summary>Local arrays and collection parameters: what may size an array (a view's Length would be a local of a loop body).</summary>
    private List<(string Name, FuzzParameterKind Kind)> ReadableWithoutViews() =>
        _arrays.Select(a => (a, FuzzParameterKind.Array)).Concat(_collectionParameters).ToList();

    /// <summary>With <see cref="FuzzFeatures.Collections"/>, sometimes a collection whose .Length bounds a loop; else null.</summary>
    private string? PickLengthBound()
    {
        if (!_features.HasFlag(FuzzFeatures.Collections))
        {
            return null;
        }

        List<(string Name, FuzzParameterKind Kind)> readable = Readable();
        return readable.Count > 0 && _random.Next(3) == 0 ? Pick(readable).Name : null;
    }

    private ImmutableArray<FuzzStatement> GenerateBlock(int count, int nesting)
    {
        // Locals declared in a block go out of scope at its end.
        int doublesBefore = _doubles.Count, intsBefore = _ints.Count, arraysBefore = _arrays.Count, viewsBefore = _views.Count, matricesBefore = _matrices.Count;
        var block = ImmutableArray.CreateBuilder<FuzzStatement>();
        // The constructs drawn here build their own positions; only GenerateStatement's are known to always run.
        bool alwaysRuns = _alwaysRuns;
        _alwaysRuns = false;
        _blockDepth++;
        for (int i = 0; i < count; i++)
        {
            if (TryGenerateLocalFunction(first: i == 0) is { } function)
            {
                block.AddRange(function);
                continue;
            }

            if (_features.HasFlag(FuzzFeatures.Loops) && _loopDepth == 0 && _random.Next(8) == 0)
            {
                block.AddRange(GenerateSumLoop(nesting));
                continue;
            }

            if (TryGenerateSearch(sumLoopBody: false) is { } search)
            {
                block.AddRange(search);
                continue;
            }

            if (TryGenerateView() is { } view)
            {
                block.AddRange(view);
                continue;
            }

            if (TryGenerateSwap() is { } swap)
            {
                block.Add(swap);
                continue;
            }

            if (TryGenerateDoubleBuffer(nesting) is { } buffers)
            {
                block.AddRange(buffers);
                continue;
            }

            if (TryGenerateFill() is { } fill)
            {
                block.AddRange(fill);
                continue;
            }

            if (TryGenerateInlineSite(nesting) is { } site)
            {
                block.AddRange(site);
                continue;
            }

            if (TryGenerateWriterCall() is { } writerCall)
            {
                block.AddRange(writerCall);
                continue;
            }

            if (TryGenerateNewConstruct(nesting) is { } construct)
            {
                block.AddRange(construct);
                continue;
            }

            block.Add(GenerateStatement(nesting));
        }

        _matrices.RemoveRange(matricesBefore, _matrices.Count - matricesBefore);
        _doubles.RemoveRange(doublesBefore, _doubles.Count - doublesBefore);
        _ints.RemoveRange(intsBefore, _ints.Count - intsBefore);
        _arrays.RemoveRange(arraysBefore, _arrays.Count - arraysBefore);
        _views.RemoveRange(viewsBefore, _views.Count - viewsBefore);
        _blockDepth--;
        _alwaysRuns = alwaysRuns;
        return block.ToImmutable();
    }

    /// <summary>
    /// A loop whose iterations only add to a new sum (declared just before it, so the body cannot read it): the body
    /// assigns only its own locals, so the generator differentiates it iteration by iteration when it also has an
    /// inner loop or a call; a break or an early return in it makes the same shape a near miss.
    /// </summary>
    private IEnumerable<FuzzStatement> GenerateSumLoop(int nesting)
    {
        var sum = new DeclareDouble("s" + _nextLocal++, GenerateExpr(depth: 2));
        string counter = "i" + _nextLocal++;
        int count = _random.Next(1, FuzzIndex.ArrayLength + 1);
        string? lengthOf = PickLengthBound();
        (int doubles, int ints, int arrays, int matrices) = (_assignableDoubles, _assignableInts, _assignableArrays, _assignableMatrices);
        bool inSumLoop = _inSumLoop;
        _inSumLoop = true;
        _assignableDoubles = _doubles.Count;
        _assignableInts = _ints.Count;
        _assignableArrays = _arrays.Count;
        _assignableMatrices = _matrices.Count;
        _counters.Add(counter);
        _loopDepth++;
        _unreadSearch = null;
        int doublesBefore = _doubles.Count, intsBefore = _ints.Count, arraysBefore = _arrays.Count, viewsBefore = _views.Count, matricesBefore = _matrices.Count;
        var body = ImmutableArray.CreateBuilder<FuzzStatement>();
        body.AddRange(GenerateBlockKeepingLocals(_random.Next(1, 4), nesting + 1));
        // A search in the body whose variable nothing after it reads yet is read by the sum, so that its gradient matters.
        // The sign is drawn before the expression, as it was before searches existed, so older feature sets keep their programs.
        char sign = _random.Next(2) == 0 ? '+' : '-';
        FuzzExpr added = GenerateExpr(depth: 3);
        if (_unreadSearch is { } unread && _doubles.Contains(unread))
        {
            added = new Binary('+', new Var(unread), added);
        }

        _unreadSearch = null;
        body.Add(new CompoundAssign(sum.Name, sign, added));
        _doubles.RemoveRange(doublesBefore, _doubles.Count - doublesBefore);
        _ints.RemoveRange(intsBefore, _ints.Count - intsBefore);
        _arrays.RemoveRange(arraysBefore, _arrays.Count - arraysBefore);
        _views.RemoveRange(viewsBefore, _views.Count - viewsBefore);
        _matrices.RemoveRange(matricesBefore, _matrices.Count - matricesBefore);
        _loopDepth--;
        _counters.Remove(counter);
        (_assignableDoubles, _assignableInts, _assignableArrays, _assignableMatrices) = (doubles, ints, arrays, matrices);
        _inSumLoop = inSumLoop;
        _doubles.Add(sum.Name);
        return new FuzzStatement[] { sum, new For(counter, lengthOf is null ? count : FuzzIndex.ArrayLength, body.ToImmutable(), lengthOf) };
    }

    /// <summary>Statements whose locals stay in scope after them (the caller removes them), so a statement after them can read them.</summary>
    private IEnumerable<FuzzStatement> GenerateBlockKeepingLocals(int count, int nesting)
    {
        var statements = new List<FuzzStatement>();
        bool alwaysRuns = _alwaysRuns;
        _alwaysRuns = false;
        _blockDepth++;
        for (int i = 0; i < count; i++)
        {
            if (TryGenerateSearch(sumLoopBody: true) is { } search)
            {
                statements.AddRange(search);
                continue;
            }

            if (TryGenerateView() is { } view)
            {
                statements.AddRange(view);
                continue;
            }

            if (TryGenerateSwap() is { } swap)
            {
                statements.Add(swap);
                continue;
            }

            if (TryGenerateFill() is { } fill)
            {
                statements.AddRange(fill);
                continue;
            }

            if (TryGenerateInlineSite(nesting) is { } site)
            {
                statements.AddRange(site);
                continue;
            }

            if (TryGenerateWriterCall() is { } writerCall)
            {
                statements.AddRange(writerCall);
                continue;
            }

            if (TryGenerateNewConstruct(nesting) is { } construct)
            {
                statements.AddRange(construct);
                continue;
            }

            statements.Add(GenerateStatement(nesting));
        }

        _blockDepth--;
        _alwaysRuns = alwaysRuns;
        return statements;
    }

    /// <summary>A double a statement may assign, or null inside a sum loop that has declared none yet.</summary>
    private string? PickTarget() =>
        _doubles.Count > _assignableDoubles ? _doubles[_assignableDoubles + _random.Next(_doubles.Count - _assignableDoubles)] : null;

    private FuzzStatement DeclareDoubleStatement()
    {
        var declaration = new DeclareDouble("v" + _nextLocal++, GenerateExpr(depth: 3));
        _doubles.Add(declaration.Name);
        return declaration;
    }

    private FuzzStatement GenerateStatement(int nesting)
    {
        bool alwaysRuns = _alwaysRuns;
        _alwaysRuns = true;
        FuzzStatement statement = GenerateWhereItAlwaysRuns(nesting);
        _alwaysRuns = alwaysRuns;
        return statement;
    }

    /// <summary>A statement of <see cref="GenerateAnyStatement"/>'s: its expressions always run when it does (but in ?: branches).</summary>
    private FuzzStatement GenerateWhereItAlwaysRuns(int nesting)
    {
        FuzzStatement statement = GenerateAnyStatement(nesting);
        // Inside a sum loop, a statement that would assign a value from outside it declares a new local instead.
        return statement switch
        {
            Assign a when !Assignable(a.Name) => DeclareDoubleStatement(),
            CompoundAssign c when !Assignable(c.Name) => DeclareDoubleStatement(),
            Increment i when !Assignable(i.Name) => DeclareDoubleStatement(),
            // Inside a sum loop only arrays declared in the loop (fresh each iteration) may be written.
            ArrayWrite w when !MayWrite(w.Array) => DeclareDoubleStatement(),
            SpanStore s when !MayWrite(s.Target.Collection) => DeclareDoubleStatement(),
            IntAdd n when _ints.IndexOf(n.Name) < _assignableInts => DeclareDoubleStatement(),
            _ => statement,
        };
    }

    private bool Assignable(string name) => _doubles.IndexOf(name) >= _assignableDoubles;

    private FuzzStatement GenerateAnyStatement(int nesting)
    {
        switch (_random.Next(nesting < 2 ? 16 : 13))
        {
            // A writer's arrays have the lengths F's have in loops (a constant or a parameter's Length), which stay the same
            // when the writer is called in F's loops and its arrays are made once before them (ADG0010 refuses the rest).
            case 9 when _features.HasFlag(FuzzFeatures.Arrays) && (_loopDepth == 0 || _features.HasFlag(FuzzFeatures.LoopArrays)) &&
                        (!_inWriter || _features.HasFlag(FuzzFeatures.WriterArrays)):
            {
                // In a loop the array must keep its length across iterations (ADG0005 refuses the rest): a constant, or the
                // Length of a collection the method only reads. A writer's arrays have constant lengths: the Length of its
                // parameter is that of what a call gives it, a view whose start may read the counter of the caller's loop.
                List<(string Name, FuzzParameterKind Kind)> readable = ReadableWithoutViews();
                string? lengthOf = _features.HasFlag(FuzzFeatures.LoopArrays) && readable.Count > 0 && _random.Next(3) == 0 && !_inWriter ? Pick(readable).Name : null;
                var declaration = new DeclareArray("arr" + _nextLocal++, lengthOf);
                _arrays.Add(declaration.Name);
                if (_loopDepth == 0 && !_arrays.Contains(lengthOf ?? string.Empty))
                {
                    // Made once, with a length of a constant or a parameter's: an array a swap may take.
                    _swappable[declaration.Name] = lengthOf ?? string.Empty;
                }

                return declaration;
            }

            case 10:
            case 11:
            {
                // A Span view of a writable array, when there is one, is written through as often as the arrays themselves.
                List<string> views = WritableViews().ToList();
                List<string> writable = views.Count > 0 && _random.Next(2) == 0 ? views : WritableArrays().Concat(WritableParameters().Select(p => p.Name)).ToList();
                if (writable.Count > 0 && _features.HasFlag(FuzzFeatures.SpanStores) && _random.Next(3) == 0)
                {
                    return GenerateSpanStore(Pick(writable));
                }

                return writable.Count > 0
                    ? new ArrayWrite(Pick(writable), GenerateIndex(), Pick(new[] { "=", "+=", "*=" }), GenerateExpr(depth: 2))
                    : new CompoundAssign(Pick(_doubles), '+', GenerateExpr(depth: 2));
            }

            case 12:
                return _loopDepth > 0 ? new BreakIf(GenerateCondition()) : new Increment(Pick(_doubles), Up: false);
            case 13 or 14 when _features.HasFlag(FuzzFeatures.Loops):
            {
                // The counter is in scope (for conditions and indices) only inside the body, and never assigned.
                string counter = "i" + _nextLocal++;
                int count = _random.Next(1, FuzzIndex.ArrayLength + 1);
                string? lengthOf = PickLengthBound();
                _counters.Add(counter);
                _loopDepth++;
                ImmutableArray<FuzzStatement> body = GenerateBlock(_random.Next(1, 4), nesting + 1);
                _loopDepth--;
                _counters.Remove(counter);
                return new For(counter, lengthOf is null ? count : FuzzIndex.ArrayLength, body, lengthOf);
            }

            case 0:
            case 1:
            {
                var declaration = new DeclareDouble("v" + _nextLocal++, GenerateExpr(depth: 3));
                _doubles.Add(declaration.Name);
                return declaration;
            }

            case 2:
                return new Assign(Pick(_doubles), GenerateExpr(depth: 3));
            case 3:
                return new CompoundAssign(Pick(_doubles), "+-*/"[_random.Next(4)], GenerateExpr(depth: 2));
            case 4:
                return new Increment(Pick(_doubles), _random.Next(2) == 0);
            case 5:
            {
                var declaration = new DeclareInt("n" + _nextLocal++, _random.Next(-2, 4));
                _ints.Add(declaration.Name);
                return declaration;
            }

            case 6:
                return _ints.Count > 0 ? new IntAdd(Pick(_ints), _random.Next(-2, 3)) : new Increment(Pick(_doubles), Up: true);
            case 7:
            case 8:
                // Early returns are rarer than assignments: each one cuts the rest of the method short. A writer has none (ADG0010).
                return _random.Next(3) == 0 && !_inWriter
                    ? new ReturnIf(GenerateCondition(), GenerateExpr(depth: 2))
                    : new Assign(Pick(_doubles), GenerateExpr(depth: 2));
            case 9 or 13 or 14:
                return new Assign(Pick(_doubles), GenerateExpr(depth: 3));
            default:
                FuzzCondition condition = GenerateCondition();
                ImmutableArray<FuzzStatement> then = GenerateBlock(_random.Next(1, 3), nesting + 1);
                ImmutableArray<FuzzStatement> otherwise = _random.Next(2) == 0
                    ? ImmutableArray<FuzzStatement>.Empty
                    : GenerateBlock(_random.Next(1, 3), nesting + 1);
                return new If(condition, then, otherwise);
        }
    }

    private FuzzIndex GenerateIndex() =>
        _counters.Count > 0 && _random.Next(3) != 0
            ? new FuzzIndex(Pick(_counters), _random.Next(FuzzIndex.ArrayLength))
            : new FuzzIndex(null, _random.Next(FuzzIndex.ArrayLength));

    private FuzzCondition GenerateCondition()
    {
        bool integer = _ints.Count + _counters.Count > 0 && _random.Next(3) == 0;
        if (_features.HasFlag(FuzzFeatures.Patterns) && _random.Next(4) == 0)
        {
            if (integer)
            {
                return new IntPatternTest(Pick(_ints.Concat(_counters).ToList()), GenerateIntPattern());
            }

            // A constant subject would make the compiler judge the pattern (always or never matching) at compile time.
            FuzzExpr subject = GenerateExpr(depth: 1);
            return new DoublePatternTest(subject is Num ? new Var(Pick(_doubles)) : subject, GenerateDoublePattern());
        }

        return integer
            ? new IntComparison(Pick(_ints.Concat(_counters).ToList()), Pick(Comparisons), _random.Next(-1, 3))
            : new DoubleComparison(GenerateExpr(depth: 1), Pick(Comparisons), GenerateExpr(depth: 1));
    }

    /// <summary>
    /// A pattern some double matches (C# refuses one that none can, CS8518): a relational or constant one, its negation, an
    /// interval (lo, hi) with lo &lt; hi, one of those without a point, or a union of two.
    /// </summary>
    private FuzzPattern GenerateDoublePattern()
    {
        double Constant() => Math.Round(_random.NextDouble() * 4 - 2, 1) + 0.0;
        FuzzPattern Simple() => _random.Next(4) == 0 ? new FuzzConstant(Constant()) : new FuzzRelational(Pick(Comparisons), Constant());
        switch (_random.Next(6))
        {
            case 0:
                return new FuzzNot(Simple());
            case 1:
            case 2:
            {
                double lo = Constant(), hi = lo + 0.1 + Math.Round(_random.NextDouble() * 2, 1);
                FuzzPattern interval = new FuzzAndOr(false, new FuzzRelational(Pick(new[] { ">", ">=" }), lo), new FuzzRelational(Pick(new[] { "<", "<=" }), hi));
                return _random.Next(3) == 0 ? new FuzzNot(interval) : interval;
            }

            case 3:
                return new FuzzAndOr(false, new FuzzRelational(Pick(Comparisons), Constant()), new FuzzNot(new FuzzConstant(Constant())));
            case 4:
                return new FuzzAndOr(true, Simple(), Simple());
            default:
                return Simple();
        }
    }

    /// <summary>An int pattern some int in the counters' range matches: constants (0 or 2), not, inclusive ranges, unions.</summary>
    private FuzzPattern GenerateIntPattern()
    {
        int Constant() => _random.Next(-1, 4);
        switch (_random.Next(5))
        {
            case 0:
            {
                int first = Constant(), second = (first + 1 + _random.Next(3)) % 4;
                return new FuzzAndOr(true, new FuzzConstant(first), new FuzzConstant(second));
            }

            case 1:
                return new FuzzNot(new FuzzConstant(Constant()));
            case 2:
            {
                int lo = Constant(), hi = lo + _random.Next(3);
                return new FuzzAndOr(false, new FuzzRelational(">=", lo), new FuzzRelational("<=", hi));
            }

            case 3:
                return new FuzzAndOr(true, new FuzzRelational("<", Constant()), new FuzzRelational(">", Constant()));
            default:
                return _random.Next(2) == 0 ? new FuzzConstant(Constant()) : new FuzzRelational(Pick(Comparisons), Constant());
        }
    }

    private FuzzExpr GenerateExpr(int depth)
    {
        if (depth <= 0 || _random.Next(5) == 0)
        {
            return GenerateLeaf();
        }

        int choice = _random.Next(20);
        return choice switch
        {
            < 7 => new Binary("+-*"[_random.Next(3)], GenerateExpr(depth - 1), GenerateExpr(depth - 1)),
            < 8 => new Neg(GenerateExpr(depth - 1)),
            < 9 => new SafeDiv(GenerateExpr(depth - 1), GenerateExpr(depth - 1)),
            < 13 => new Unary(Pick(UnaryFunctions.All), GenerateExpr(depth - 1)),
            < 14 => new PowInt(GenerateExpr(depth - 1), _random.Next(2, 4)),
            < 15 => new PowVar(GenerateExpr(depth - 1), GenerateExpr(depth - 1)),
            < 16 => new MinMax(_random.Next(2) == 0, GenerateExpr(depth - 1), GenerateExpr(depth - 1)),
            < 17 => GenerateConditional(depth),
            // Drawn only with the flag, so seeds keep giving the programs they gave before it existed.
            19 when _features.HasFlag(FuzzFeatures.Reductions) && _random.Next(8) == 0 => GenerateReduction(),
            _ => GenerateCallOrLeaf(depth),
        };
    }

    /// <summary>A ?: whose branches run only sometimes: LINQ and local functions with statements may stand in its condition only.</summary>
    private FuzzExpr GenerateConditional(int depth)
    {
        FuzzCondition condition = GenerateCondition();
        bool alwaysRuns = _alwaysRuns;
        _alwaysRuns = false;
        FuzzExpr whenTrue = GenerateExpr(depth - 1);
        FuzzExpr whenFalse = GenerateExpr(depth - 1);
        _alwaysRuns = alwaysRuns;
        return new Conditional(condition, whenTrue, whenFalse);
    }

    private FuzzExpr GenerateCallOrLeaf(int depth)
    {
        // Only methods generated earlier exist yet, so the call graph is acyclic by construction.
        if (_methods.Count == 0 || _noCalls)
        {
            return GenerateLeaf();
        }

        // A callee is callable when every collection parameter it has can take one of the caller's collections.
        // Extension helpers take their receiver as declared (no conversion), so its collection kind must match exactly.
        List<(string Name, FuzzParameterKind Kind)> readable = Readable();
        // A writer's call stands only as a statement or a whole value (TryGenerateWriterCall), never inside an expression.
        List<FuzzMethod> callable = _methods.Where(m => CanCall(m) && !m.IsWriter && Enumerable.Range(0, m.Parameters.Length)
            .All(i => m.KindOf(i) switch
            {
                FuzzParameterKind.Matrix => _matrices.Count > 0,
                FuzzParameterKind.Jagged => _jagged is not null,
                var kind => !kind.IsCollection() || readable.Any(r => IsReceiver(m, i) ? r.Kind == kind : r.Kind.Converts(kind)),
            })).ToList();
        if (callable.Count == 0)
        {
            return GenerateLeaf();
        }

        FuzzMethod callee = Pick(callable);
        var arguments = ImmutableArray.CreateBuilder<FuzzExpr>();
        for (int i = 0; i < callee.Parameters.Length; i++)
        {
            FuzzParameterKind kind = callee.KindOf(i);
            arguments.Add(kind switch
            {
                FuzzParameterKind.Double when callee.IsPassive(i) => new Num(Math.Round(_random.NextDouble() * 4 - 2, 2)),
                FuzzParameterKind.Double => GenerateExpr(depth - 1),
                FuzzParameterKind.Int => _counters.Count > 0 && _random.Next(2) == 0
                    ? new IntArg(Pick(_counters), 0)
                    : new IntArg(null, _random.Next(FuzzIndex.ArrayLength)),
                FuzzParameterKind.Matrix => new CollectionArg(Pick(_matrices)),
                FuzzParameterKind.Jagged => new CollectionArg(_jagged!),
                _ => CollectionArgument(kind, arguments, exact: IsReceiver(callee, i)),
            });
        }

        CallStyle style = callee.Role switch
        {
            FuzzMethodRole.Extension => CallStyle.Extension,
            FuzzMethodRole.Instance when _role != FuzzMethodRole.Instance => _random.Next(2) == 0 ? CallStyle.ThroughStaticField : CallStyle.ThroughStaticProperty,
            _ => CallStyle.Plain,
        };
        return PassIn(new Call(callee.Name, arguments.ToImmutable()) { Style = style });
    }

    /// <summary>
    /// Static helpers are reachable from the program's class only, instance helpers from it and from one another (on this),
    /// extension helpers from anywhere.
    /// </summary>
    private bool CanCall(FuzzMethod callee) => callee.Role switch
    {
        FuzzMethodRole.Extension => true,
        FuzzMethodRole.Instance => _role != FuzzMethodRole.Extension,
        _ => _role == FuzzMethodRole.Static,
    };

    private static bool IsReceiver(FuzzMethod callee, int parameter) => callee.Role == FuzzMethodRole.Extension && parameter == 0;

    /// <summary>A collection of the caller that converts to <paramref name="kind"/>; often one the call already passes (aliasing).</summary>
    private CollectionArg CollectionArgument(FuzzParameterKind kind, IEnumerable<FuzzExpr> passedBefore, bool exact)
    {
        List<(string Name, FuzzParameterKind Kind)> compatible = Readable().Where(r => exact ? r.Kind == kind : r.Kind.Converts(kind)).ToList();
        List<string> again = passedBefore.OfType<CollectionArg>().Select(c => c.Name)
            .Where(name => compatible.Any(r => r.Name == name)).ToList();
        var argument = new CollectionArg(again.Count > 0 && _random.Next(3) == 0 ? Pick(again) : Pick(compatible).Name);
        return exact ? argument : WithView(argument, kind, compatible.First(r => r.Name == argument.Name).Kind);
    }

    private FuzzExpr GenerateLeaf() =>
        _random.Next(5) switch
        {
            0 when _role == FuzzMethodRole.Instance && _random.Next(2) == 0 => new FieldRead(Pick(ModelFields.All).Name),
            0 => new Num(Math.Round(_random.NextDouble() * 4 - 2, 2)),
            1 when _arrays.Count + _collectionParameters.Count > 0 => new ArrayRead(Pick(Readable()).Name, GenerateIndex()),
            // Only F with a matrix or jagged parameter, or a method that made a matrix, has these: no draw without the flags.
            2 when _matrices.Count > 0 && (_jagged is null || _random.Next(2) == 0) => MatrixRead(),
            2 when _jagged is { } jagged => JaggedRead(jagged),
            // No local functions and no LINQ without their flags: no draw.
            3 when CallableLocalFunctions() is { Count: > 0 } functions => GenerateLocalCall(Pick(functions)),
            4 when _features.HasFlag(FuzzFeatures.LinqReductions) && _alwaysRuns && LinqSources() is { Count: > 0 } sources && _random.Next(3) == 0 =>
                GenerateLinqReduction(sources),
            _ => new Var(Pick(_doubles)),
        };

    /// <summary>A construct of the flags added last (stepped indices, matrices, a jagged parameter's loops and rows), or null.</summary>
    private IEnumerable<FuzzStatement>? TryGenerateNewConstruct(int nesting) =>
        TryGenerateSteppedRun() ?? TryGenerateMatrixStatements(nesting) ?? TryGenerateJaggedStatements(nesting) ?? TryGenerateElementwise();

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
