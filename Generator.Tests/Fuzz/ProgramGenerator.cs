using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Makes random, well-typed programs from the subset the generator supports: arithmetic, unary
/// minus, Math calls kept inside their domains, locals, reassignment, compound assignment, ++/--,
/// int locals for control, if/else, ?:, early returns, and acyclic calls between the program's
/// methods. The same seed always gives the same program.
/// </summary>
public sealed class ProgramGenerator
{
    private static readonly string[] Comparisons = { "<", "<=", ">", ">=" };
    private static readonly string[] HelperParameters = { "a", "b", "c" };
    private static readonly string[] EntryParameters = { "x", "y", "z" };

    private readonly Random _random;
    private readonly long _seed;
    private readonly List<FuzzMethod> _methods = new();

    // State of the method being generated.
    private List<string> _doubles = new();
    private List<string> _ints = new();
    private List<string> _arrays = new();
    private List<string> _counters = new();
    private int _loopDepth;
    private int _nextLocal;

    // Inside a sum loop (GenerateSumLoop) statements may only assign locals declared in the loop: the doubles and
    // ints from these positions on. Outside one, both are 0.
    private int _assignableDoubles;
    private int _assignableInts;

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
        int helpers = _random.Next(0, 3);
        for (int i = 0; i < helpers; i++)
        {
            _methods.Add(GenerateMethod("H" + i, HelperParameters.Take(_random.Next(1, 4)).ToArray(), statements: _random.Next(0, 4)));
        }

        string[] entryParameters = EntryParameters.Take(_random.Next(2, 4)).ToArray();
        _methods.Add(GenerateMethod("F", entryParameters, statements: _random.Next(1, 7)));
        ImmutableArray<double> point = entryParameters.Select(_ => Math.Round(_random.NextDouble() * 3 - 1.5, 3)).ToImmutableArray();
        return new FuzzProgram(_seed, _methods.ToImmutableArray(), point);
    }

    private FuzzMethod GenerateMethod(string name, string[] parameters, int statements)
    {
        _doubles = parameters.ToList();
        _ints = new List<string>();
        _arrays = new List<string>();
        _counters = new List<string>();
        _loopDepth = 0;
        _nextLocal = 0;
        _assignableDoubles = _assignableInts = 0;
        ImmutableArray<FuzzStatement> body = GenerateBlock(statements, nesting: 0);
        return new FuzzMethod(name, parameters.ToImmutableArray(), body, GenerateExpr(depth: 3));
    }

    private ImmutableArray<FuzzStatement> GenerateBlock(int count, int nesting)
    {
        // Locals declared in a block go out of scope at its end.
        int doublesBefore = _doubles.Count, intsBefore = _ints.Count, arraysBefore = _arrays.Count;
        var block = ImmutableArray.CreateBuilder<FuzzStatement>();
        for (int i = 0; i < count; i++)
        {
            if (_features.HasFlag(FuzzFeatures.Loops) && _loopDepth == 0 && _random.Next(8) == 0)
            {
                block.AddRange(GenerateSumLoop(nesting));
                continue;
            }

            block.Add(GenerateStatement(nesting));
        }

        _doubles.RemoveRange(doublesBefore, _doubles.Count - doublesBefore);
        _ints.RemoveRange(intsBefore, _ints.Count - intsBefore);
        _arrays.RemoveRange(arraysBefore, _arrays.Count - arraysBefore);
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
        (int doubles, int ints) = (_assignableDoubles, _assignableInts);
        _assignableDoubles = _doubles.Count;
        _assignableInts = _ints.Count;
        _counters.Add(counter);
        _loopDepth++;
        int doublesBefore = _doubles.Count, intsBefore = _ints.Count;
        var body = ImmutableArray.CreateBuilder<FuzzStatement>();
        body.AddRange(GenerateBlockKeepingLocals(_random.Next(1, 4), nesting + 1));
        body.Add(new CompoundAssign(sum.Name, _random.Next(2) == 0 ? '+' : '-', GenerateExpr(depth: 3)));
        _doubles.RemoveRange(doublesBefore, _doubles.Count - doublesBefore);
        _ints.RemoveRange(intsBefore, _ints.Count - intsBefore);
        _loopDepth--;
        _counters.Remove(counter);
        (_assignableDoubles, _assignableInts) = (doubles, ints);
        _doubles.Add(sum.Name);
        return new FuzzStatement[] { sum, new For(counter, count, body.ToImmutable()) };
    }

    /// <summary>Statements whose locals stay in scope after them (the caller removes them), so a statement after them can read them.</summary>
    private IEnumerable<FuzzStatement> GenerateBlockKeepingLocals(int count, int nesting)
    {
        var statements = new List<FuzzStatement>();
        for (int i = 0; i < count; i++)
        {
            statements.Add(GenerateStatement(nesting));
        }

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
        FuzzStatement statement = GenerateAnyStatement(nesting);
        // Inside a sum loop, a statement that would assign a value from outside it declares a new local instead.
        return statement switch
        {
            Assign a when !Assignable(a.Name) => DeclareDoubleStatement(),
            CompoundAssign c when !Assignable(c.Name) => DeclareDoubleStatement(),
            Increment i when !Assignable(i.Name) => DeclareDoubleStatement(),
            ArrayWrite when _assignableDoubles > 0 => DeclareDoubleStatement(),
            IntAdd n when _ints.IndexOf(n.Name) < _assignableInts => DeclareDoubleStatement(),
            _ => statement,
        };
    }

    private bool Assignable(string name) => _doubles.IndexOf(name) >= _assignableDoubles;

    private FuzzStatement GenerateAnyStatement(int nesting)
    {
        switch (_random.Next(nesting < 2 ? 16 : 13))
        {
            case 9 when _features.HasFlag(FuzzFeatures.Arrays) && _loopDepth == 0:
            {
                // Arrays are declared outside loops: inside one they are a documented limitation (ADG0005).
                var declaration = new DeclareArray("arr" + _nextLocal++);
                _arrays.Add(declaration.Name);
                return declaration;
            }

            case 10:
            case 11:
                return _arrays.Count > 0
                    ? new ArrayWrite(Pick(_arrays), GenerateIndex(), Pick(new[] { "=", "+=", "*=" }), GenerateExpr(depth: 2))
                    : new CompoundAssign(Pick(_doubles), '+', GenerateExpr(depth: 2));
            case 12:
                return _loopDepth > 0 ? new BreakIf(GenerateCondition()) : new Increment(Pick(_doubles), Up: false);
            case 13 or 14 when _features.HasFlag(FuzzFeatures.Loops):
            {
                // The counter is in scope (for conditions and indices) only inside the body, and never assigned.
                string counter = "i" + _nextLocal++;
                int count = _random.Next(1, FuzzIndex.ArrayLength + 1);
                _counters.Add(counter);
                _loopDepth++;
                ImmutableArray<FuzzStatement> body = GenerateBlock(_random.Next(1, 4), nesting + 1);
                _loopDepth--;
                _counters.Remove(counter);
                return new For(counter, count, body);
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
                // Early returns are rarer than assignments: each one cuts the rest of the method short.
                return _random.Next(3) == 0
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

    private FuzzCondition GenerateCondition() =>
        _ints.Count + _counters.Count > 0 && _random.Next(3) == 0
            ? new IntComparison(Pick(_ints.Concat(_counters).ToList()), Pick(Comparisons), _random.Next(-1, 3))
            : new DoubleComparison(GenerateExpr(depth: 1), Pick(Comparisons), GenerateExpr(depth: 1));

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
            < 17 => new Conditional(GenerateCondition(), GenerateExpr(depth - 1), GenerateExpr(depth - 1)),
            _ => GenerateCallOrLeaf(depth),
        };
    }

    private FuzzExpr GenerateCallOrLeaf(int depth)
    {
        // Only methods generated earlier exist yet, so the call graph is acyclic by construction.
        if (_methods.Count == 0)
        {
            return GenerateLeaf();
        }

        FuzzMethod callee = Pick(_methods);
        return new Call(callee.Name, callee.Parameters.Select(_ => GenerateExpr(depth - 1)).ToImmutableArray());
    }

    private FuzzExpr GenerateLeaf() =>
        _random.Next(5) switch
        {
            0 => new Num(Math.Round(_random.NextDouble() * 4 - 2, 2)),
            1 when _arrays.Count > 0 => new ArrayRead(Pick(_arrays), GenerateIndex()),
            _ => new Var(Pick(_doubles)),
        };

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
