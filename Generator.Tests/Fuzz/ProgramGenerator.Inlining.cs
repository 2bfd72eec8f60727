using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>How a generated inlining helper differs from what CallInliner takes in, if at all.</summary>
public enum InlineMiss
{
    /// <summary>A leaf: static, one final return, no call, no array, every double parameter differentiable.</summary>
    None,

    /// <summary>An <c>if (…) return …;</c> before the final return.</summary>
    EarlyReturn,

    /// <summary>A <c>[NoDerivative] double</c> parameter (callers pass it a constant).</summary>
    PassiveParameter,

    /// <summary>A call of its own, to an earlier helper.</summary>
    OwnCall,
}

// Inlining (FuzzFeatures.Inlining): small static helpers L0, L1… of the shapes CallInliner takes into a caller's loop (loops
// with break and continue, foreach over a collection parameter, ifs, switch statements, assigned parameters, names the
// caller uses too) and the near misses it must leave as calls; and, in F, call sites in loops of every kind it inlines
// (initializers, assignments, element stores, if conditions, returns, calls as arguments, one helper twice) and those it
// must not (?: branches, right of && and ||, while conditions, outside any loop). Both ways must give the same gradients.
public sealed partial class ProgramGenerator
{
    // Names the caller uses too (its parameters, its locals and counters), so that renaming apart is needed.
    private static readonly string[] InlineDoubleNames = { "x", "y", "a", "v0", "s1" };
    private static readonly string[] InlineIntNames = { "k", "i1", "n0" };
    private static readonly string[] InlineCollectionNames = { "p", "u", "arr2" };

    private readonly List<FuzzMethod> _inlineHelpers = new();

    // While generating a helper's body: GenerateExpr writes no call (a call would keep the helper from being inlined).
    private bool _noCalls;

    // While generating F with inlining helpers: blocks sometimes hold call sites of them (TryGenerateInlineSite).
    private bool _inlineSites;

    /// <summary>With <see cref="FuzzFeatures.Inlining"/>, one to three helpers L0… after the others; draws nothing without it.</summary>
    private void GenerateInlineHelpers()
    {
        if (!_features.HasFlag(FuzzFeatures.Inlining))
        {
            return;
        }

        int count = _random.Next(1, 4);
        for (int i = 0; i < count; i++)
        {
            var miss = _random.Next(3) == 0 ? (InlineMiss)_random.Next(1, 4) : InlineMiss.None;
            FuzzMethod helper = WithInParameters(GenerateInlineHelper("L" + i, miss));
            _methods.Add(helper);
            _inlineHelpers.Add(helper);
        }
    }

    private FuzzMethod GenerateInlineHelper(string name, InlineMiss miss)
    {
        bool collections = _features.HasFlag(FuzzFeatures.Collections);
        var parameters = InlineDoubleNames.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).Select(n => (n, FuzzParameterKind.Double)).ToList();
        if (_random.Next(2) == 0)
        {
            parameters.Add((Pick(InlineIntNames), FuzzParameterKind.Int));
        }

        if (collections && _random.Next(2) == 0)
        {
            parameters.AddRange(InlineCollectionNames.Take(_random.Next(1, 3)).Select(c => (c, Pick(CollectionKinds))));
        }

        string? passive = miss == InlineMiss.PassiveParameter ? "d" : null;
        if (passive is not null)
        {
            parameters.Add((passive, FuzzParameterKind.Double));
        }

        for (int i = parameters.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (parameters[i], parameters[j]) = (parameters[j], parameters[i]);
        }

        _role = FuzzMethodRole.Static;
        _doubles = parameters.Where(p => p.Item2 == FuzzParameterKind.Double).Select(p => p.Item1).ToList();
        _collectionParameters = parameters.Where(p => p.Item2.IsCollection()).ToList();
        _ints = new List<string>();
        _arrays = new List<string>();
        _views = new();
        _swappable = new();
        _counters = parameters.Where(p => p.Item2 == FuzzParameterKind.Int).Select(p => p.Item1).ToList();
        _loopDepth = 0;
        // Past the numbers the parameters' names use (v0, s1, i1, n0), so that no local takes a parameter's name.
        _nextLocal = 3;
        _assignableDoubles = _assignableInts = _assignableArrays = 0;
        _unreadSearch = null;
        _noCalls = true;

        // The scalars the body may assign: the double parameters, never the passive one.
        var scalars = _doubles.Where(d => d != passive).ToList();
        var body = new List<FuzzStatement>();
        if (_random.Next(2) == 0)
        {
            string parameter = Pick(scalars);
            body.Add(_random.Next(2) == 0 ? new Assign(parameter, GenerateExpr(depth: 2)) : new CompoundAssign(parameter, "+-*"[_random.Next(3)], GenerateExpr(depth: 2)));
        }

        if (miss == InlineMiss.EarlyReturn)
        {
            body.Add(new ReturnIf(GenerateCondition(), GenerateExpr(depth: 2)));
        }

        string accumulator = "v" + _nextLocal++;
        body.Add(new DeclareDouble(accumulator, GenerateExpr(depth: 1)));
        _doubles.Add(accumulator);
        scalars.Add(accumulator);
        for (int shapes = _random.Next(1, 3); shapes > 0; shapes--)
        {
            body.AddRange(GenerateHelperShape(accumulator, scalars));
        }

        FuzzExpr result = new Binary('+', new Var(accumulator), GenerateExpr(depth: 2));
        _noCalls = false;
        if (miss == InlineMiss.OwnCall)
        {
            result = new Binary('*', result, GenerateCallOrLeaf(depth: 2));
        }

        var method = new FuzzMethod(name, parameters.Select(p => p.Item1).ToImmutableArray(), body.ToImmutableArray(), result) { Role = FuzzMethodRole.Static };
        if (passive is not null)
        {
            method = method with { Passive = ImmutableArray.Create(passive) };
        }

        return parameters.All(p => p.Item2 == FuzzParameterKind.Double) ? method : method with { Kinds = parameters.Select(p => p.Item2).ToImmutableArray() };
    }

    /// <summary>A loop (for, while, foreach) with continue and break, an if/else, a switch, or plain updates of the accumulator.</summary>
    private IEnumerable<FuzzStatement> GenerateHelperShape(string accumulator, List<string> scalars)
    {
        FuzzStatement Update() => _random.Next(3) == 0
            ? new Assign(accumulator, new Binary('+', new Binary('*', new Var(accumulator), new Num(0.5)), GenerateExpr(depth: 2)))
            : new CompoundAssign(accumulator, "+-*"[_random.Next(3)], GenerateExpr(depth: 2));

        ImmutableArray<FuzzStatement> LoopBody()
        {
            var loop = new List<FuzzStatement>();
            if (_random.Next(2) == 0) loop.Add(new ContinueIf(GenerateCondition()));
            loop.Add(Update());
            if (_random.Next(2) == 0) loop.Add(new BreakIf(GenerateCondition()));
            return loop.ToImmutableArray();
        }

        int id = _nextLocal++;
        switch (_random.Next(6))
        {
            case 0:
            {
                string counter = "i" + id;
                string? lengthOf = _collectionParameters.Count > 0 && _random.Next(2) == 0 ? Pick(_collectionParameters).Name : null;
                _counters.Add(counter);
                _loopDepth++;
                ImmutableArray<FuzzStatement> loopBody = LoopBody();
                _loopDepth--;
                _counters.Remove(counter);
                return new[] { new For(counter, lengthOf is null ? _random.Next(1, FuzzIndex.ArrayLength + 1) : FuzzIndex.ArrayLength, loopBody, lengthOf) };
            }

            case 1:
            {
                string counter = "i" + id;
                int count = _random.Next(1, FuzzIndex.ArrayLength + 1);
                _loopDepth++;
                // The counter is -1 until the body's first statement: only then may it index.
                _counters.Add(counter);
                ImmutableArray<FuzzStatement> loopBody = LoopBody();
                _counters.Remove(counter);
                _loopDepth--;
                return new[] { new While(counter, count, loopBody) };
            }

            case 2 when _collectionParameters.Count > 0:
            {
                string element = "e" + id;
                string collection = Pick(_collectionParameters).Name;
                // The element is read, never assigned: it is not one of the scalars.
                _doubles.Add(element);
                _loopDepth++;
                ImmutableArray<FuzzStatement> loopBody = LoopBody();
                _loopDepth--;
                _doubles.Remove(element);
                var scaled = new CompoundAssign(accumulator, '+', new Binary('*', new Var(element), GenerateExpr(depth: 1)));
                return new[] { new ForEach(element, collection, loopBody.Add(scaled)) };
            }

            case 3:
            {
                FuzzStatement Assignment() => new CompoundAssign(Pick(scalars), "+-*"[_random.Next(3)], GenerateExpr(depth: 2));
                ImmutableArray<FuzzStatement> otherwise = _random.Next(2) == 0 ? ImmutableArray<FuzzStatement>.Empty : ImmutableArray.Create(Assignment());
                return new[] { new If(GenerateCondition(), ImmutableArray.Create(Assignment()), otherwise) };
            }

            case 4:
            {
                var statements = new List<FuzzStatement>();
                string subject;
                if (_counters.Count > 0 && _random.Next(3) != 0)
                {
                    subject = Pick(_counters);
                }
                else
                {
                    subject = "n" + id;
                    statements.Add(new DeclareInt(subject, _random.Next(-1, 3)));
                }

                ImmutableArray<FuzzStatement> Section()
                {
                    int before = _doubles.Count;
                    var section = new List<FuzzStatement>();
                    if (_random.Next(3) == 0)
                    {
                        var local = new DeclareDouble("v" + _nextLocal++, GenerateExpr(depth: 2));
                        section.Add(local);
                        _doubles.Add(local.Name);
                        section.Add(new CompoundAssign(accumulator, '+', new Var(local.Name)));
                    }
                    else
                    {
                        section.Add(Update());
                    }

                    _doubles.RemoveRange(before, _doubles.Count - before);
                    return section.ToImmutableArray();
                }

                var cases = Enumerable.Range(0, _random.Next(1, 3)).Select(_ => Section()).ToImmutableArray();
                statements.Add(new SwitchOn(subject, cases, _random.Next(2) == 0 ? ImmutableArray<FuzzStatement>.Empty : Section()));
                return statements;
            }

            default:
            {
                var local = new DeclareDouble("v" + id, GenerateExpr(depth: 2));
                _doubles.Add(local.Name);
                scalars.Add(local.Name);
                return new FuzzStatement[] { local, Update() };
            }
        }
    }

    /// <summary>
    /// In F, with inlining helpers, sometimes call sites of them: in a loop when in one, else mostly in a new for or while
    /// loop around them (or, a near miss, outside any loop). Null otherwise; draws nothing without the flag.
    /// </summary>
    private IEnumerable<FuzzStatement>? TryGenerateInlineSite(int nesting)
    {
        if (!_inlineSites || _random.Next(4) != 0)
        {
            return null;
        }

        if (_loopDepth > 0 || _random.Next(6) == 0)
        {
            return GenerateInlineSite();
        }

        int id = _nextLocal++;
        string counter = (_random.Next(2) == 0 ? "i" : "w") + id;
        bool isWhile = counter[0] == 'w';
        int count = _random.Next(1, FuzzIndex.ArrayLength + 1);
        int doublesBefore = _doubles.Count, intsBefore = _ints.Count, arraysBefore = _arrays.Count;
        _counters.Add(counter);
        _loopDepth++;
        var body = new List<FuzzStatement>();
        for (int sites = _random.Next(1, 3); sites > 0; sites--)
        {
            body.AddRange(GenerateInlineSite());
        }

        if (_random.Next(3) == 0)
        {
            body.Add(GenerateStatement(nesting + 1));
        }

        _loopDepth--;
        _counters.Remove(counter);
        _doubles.RemoveRange(doublesBefore, _doubles.Count - doublesBefore);
        _ints.RemoveRange(intsBefore, _ints.Count - intsBefore);
        _arrays.RemoveRange(arraysBefore, _arrays.Count - arraysBefore);
        return new FuzzStatement[] { isWhile ? new While(counter, count, body.ToImmutableArray()) : new For(counter, count, body.ToImmutableArray()) };
    }

    /// <summary>One call site of an inlining helper, with what adds its value to a double in scope.</summary>
    private List<FuzzStatement> GenerateInlineSite()
    {
        var statements = new List<FuzzStatement>();
        List<FuzzMethod> callable = _inlineHelpers.Where(CanPassArguments).ToList();
        if (callable.Count == 0)
        {
            statements.Add(DeclareDoubleStatement());
            return statements;
        }

        FuzzExpr Site() => InlineCallExpression(callable);
        FuzzCondition ComparedWithSite() => new DoubleComparison(Site(), Pick(Comparisons), GenerateExpr(depth: 1));
        string? target = PickTarget();
        FuzzStatement AddTo(FuzzExpr value) => target is null ? NewLocal(value) : new CompoundAssign(target, '+', value);

        // In a block of its own (a branch, a loop's body) a new local is out of scope after it: nothing else may read it.
        FuzzStatement AddInBlock(FuzzExpr value) => target is null ? new DeclareDouble("v" + _nextLocal++, value) : new CompoundAssign(target, '+', value);

        switch (_random.Next(10))
        {
            case 0 or 1:
            {
                FuzzStatement local = NewLocal(Site());
                statements.Add(local);
                if (target is not null)
                {
                    statements.Add(new CompoundAssign(target, '+', new Var(((DeclareDouble)local).Name)));
                }

                break;
            }

            case 2:
                statements.Add(AddTo(Site()));
                break;
            case 3:
                statements.Add(target is null ? NewLocal(Site()) : new Assign(target, new Binary('-', new Var(target), Site())));
                break;
            case 4:
            {
                List<string> writable = _arrays.Skip(_assignableArrays).ToList();
                statements.Add(writable.Count > 0 ? new ArrayWrite(Pick(writable), GenerateIndex(), Pick(new[] { "=", "+=" }), Site()) : AddTo(Site()));
                break;
            }

            case 5:
                statements.Add(new If(ComparedWithSite(), ImmutableArray.Create(AddInBlock(GenerateExpr(depth: 1))),
                    _random.Next(2) == 0 ? ImmutableArray<FuzzStatement>.Empty : ImmutableArray.Create(AddInBlock(GenerateExpr(depth: 1)))));
                break;
            case 6:
                // A return inside the loop: its value, or its condition, is a call.
                statements.Add(_random.Next(2) == 0 ? new ReturnIf(GenerateCondition(), Site()) : new ReturnIf(ComparedWithSite(), GenerateExpr(depth: 1)));
                break;
            case 7:
                // Near miss: a call in a ?: branch runs only sometimes.
                statements.Add(AddTo(new Conditional(GenerateCondition(), Site(), GenerateExpr(depth: 1))));
                break;
            case 8:
                // Near miss: right of && or ||.
                statements.Add(new If(new FuzzLogical(_random.Next(2) == 0, GenerateCondition(), ComparedWithSite()), ImmutableArray.Create(AddInBlock(Site())), ImmutableArray<FuzzStatement>.Empty));
                break;
            default:
            {
                // Near miss: a call in a while loop's condition.
                string counter = "w" + _nextLocal++;
                var extra = new DoubleComparison(Site(), Pick(Comparisons), new Num(Math.Round(_random.NextDouble() * 4 - 2, 2)));
                statements.Add(new While(counter, _random.Next(1, FuzzIndex.ArrayLength + 1), ImmutableArray.Create(AddInBlock(GenerateExpr(depth: 1)))) { Extra = extra });
                break;
            }
        }

        return statements;
    }

    private FuzzStatement NewLocal(FuzzExpr value)
    {
        var declaration = new DeclareDouble("v" + _nextLocal++, value);
        _doubles.Add(declaration.Name);
        return declaration;
    }

    /// <summary>A call of a helper, one of two calls of the same helper, or a call whose argument is another call.</summary>
    private FuzzExpr InlineCallExpression(List<FuzzMethod> callable)
    {
        FuzzMethod helper = Pick(callable);
        switch (_random.Next(5))
        {
            case 0:
                return new Binary('*', InlineCall(helper), InlineCall(helper));
            case 1:
            {
                Call outer = InlineCall(helper);
                int[] doubles = Enumerable.Range(0, helper.Parameters.Length).Where(i => helper.KindOf(i) == FuzzParameterKind.Double && !helper.IsPassive(i)).ToArray();
                return outer with { Arguments = outer.Arguments.SetItem(Pick(doubles), InlineCall(Pick(callable))) };
            }

            case 2:
                return new Binary('+', InlineCall(helper), GenerateExpr(depth: 1));
            default:
                return InlineCall(helper);
        }
    }

    private Call InlineCall(FuzzMethod helper)
    {
        var arguments = ImmutableArray.CreateBuilder<FuzzExpr>();
        for (int i = 0; i < helper.Parameters.Length; i++)
        {
            arguments.Add(ArgumentFor(helper, i, arguments, depth: 2));
        }

        return PassIn(new Call(helper.Name, arguments.ToImmutable()));
    }

    /// <summary>What a call passes to parameter <paramref name="i"/>: a constant to a [NoDerivative] one, so that no oracle sees its gradient.</summary>
    private FuzzExpr ArgumentFor(FuzzMethod callee, int i, IEnumerable<FuzzExpr> passedBefore, int depth) => callee.KindOf(i) switch
    {
        FuzzParameterKind.Double when callee.IsPassive(i) => new Num(Math.Round(_random.NextDouble() * 4 - 2, 2)),
        FuzzParameterKind.Double => GenerateExpr(depth - 1),
        FuzzParameterKind.Int => _counters.Count > 0 && _random.Next(2) == 0
            ? new IntArg(Pick(_counters), 0)
            : new IntArg(null, _random.Next(FuzzIndex.ArrayLength)),
        FuzzParameterKind kind => CollectionArgument(kind, passedBefore, exact: false),
    };

    private bool CanPassArguments(FuzzMethod callee)
    {
        List<(string Name, FuzzParameterKind Kind)> readable = Readable();
        return Enumerable.Range(0, callee.Parameters.Length).All(i => !callee.KindOf(i).IsCollection() || readable.Any(r => r.Kind.Converts(callee.KindOf(i))));
    }
}
