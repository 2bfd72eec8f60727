using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// F's local functions (<see cref="FuzzFeatures.LocalFunctions"/>): declared among F's top-level statements, so that they are in
/// scope for the rest of F, and made only of what the generator takes in (scalar parameters, scalar locals, one return at the
/// end, no writes but to their own locals, no calls of themselves, names of their own).
/// </summary>
public sealed partial class ProgramGenerator
{
    // The local functions the code being generated may call: F's declared so far, or, inside one, those declared before it.
    private List<DeclareLocalFunction> _localFunctions = new();

    // Whether F is being generated (only F declares local functions), and how many blocks deep the generator is.
    private bool _inEntry;
    private int _blockDepth;

    // Whether an expression generated now always runs when its statement does: a declaration's or assignment's value, a
    // return's, an if's condition, outside ?: branches. Calls whose statements the generator runs before the statement stand
    // only there (MethodParser.CanRunBeforeStatement).
    private bool _alwaysRuns;

    // How many local function calls the expression being generated is inside: their arguments may call again, but not forever.
    private int _localCallDepth;

    /// <summary>Local functions a call here may name: one with statements only where the statement always runs it.</summary>
    private List<DeclareLocalFunction> CallableLocalFunctions() =>
        _localCallDepth >= 2 ? new() : _localFunctions.Where(f => _alwaysRuns || !f.NeedsStatement).ToList();

    private LocalCall GenerateLocalCall(DeclareLocalFunction function)
    {
        _localCallDepth++;
        var arguments = function.Parameters.Select(p => p.IsInt
                ? new IntArg(_counters.Count > 0 && _random.Next(2) == 0 ? Pick(_counters) : null, _random.Next(FuzzIndex.ArrayLength))
                : p.In && _random.Next(2) == 0 ? new InArg(Pick(_doubles))
                : GenerateExpr(depth: 1))
            .ToImmutableArray();
        _localCallDepth--;
        return new LocalCall(function.Name, arguments);
    }

    /// <summary>
    /// With the flag, in F's top-level block, sometimes a local function (up to three; often first, reading F's parameters);
    /// else null.
    /// </summary>
    private IEnumerable<FuzzStatement>? TryGenerateLocalFunction(bool first)
    {
        if (!_features.HasFlag(FuzzFeatures.LocalFunctions) || !_inEntry || _blockDepth != 1 || _loopDepth != 0 || _localFunctions.Count >= 3 ||
            _random.Next(first ? 2 : 4) != 0)
        {
            return null;
        }

        string name = "Lf" + _localFunctions.Count;
        string prefix = "lf" + _localFunctions.Count;
        bool isStatic = _random.Next(3) == 0;
        var parameters = Enumerable.Range(0, _random.Next(1, 3))
            .Select(d => new LocalParameter(prefix + "ab"[d], IsInt: false, In: _features.HasFlag(FuzzFeatures.InParameters) && _random.Next(3) == 0))
            .ToList();
        if (_random.Next(4) == 0)
        {
            parameters.Insert(_random.Next(parameters.Count + 1), new LocalParameter(prefix + "k", IsInt: true, In: false));
        }

        // Inside, the function sees its parameters and what it may capture: F's doubles, int locals and double[] (never spans,
        // which C# does not let it capture); it assigns only locals of its own. A static one sees its parameters only.
        var saved = (_doubles, _ints, _arrays, _collectionParameters, _counters, _views, _matrices, _jagged, _localFunctions,
            _assignableDoubles, _assignableInts, _assignableArrays, _alwaysRuns);
        _doubles = parameters.Where(p => !p.IsInt).Select(p => p.Name).Concat(isStatic ? Enumerable.Empty<string>() : saved._doubles).ToList();
        _ints = isStatic ? new() : saved._ints.ToList();
        _arrays = isStatic ? new() : saved._arrays.ToList();
        _collectionParameters = isStatic ? new() : saved._collectionParameters.Where(c => c.Kind == FuzzParameterKind.Array).ToList();
        _counters = parameters.Where(p => p.IsInt).Select(p => p.Name).ToList();
        _views = new();
        _matrices = new();
        _jagged = null;
        _localFunctions = saved._localFunctions.Where(f => !isStatic || f.Static).ToList();
        (_assignableDoubles, _assignableInts, _assignableArrays) = (_doubles.Count, _ints.Count, _arrays.Count);
        _alwaysRuns = true;
        ImmutableArray<FuzzStatement> body = _random.Next(2) == 0 ? LocalFunctionBlock(prefix, _random.Next(1, 4), nesting: 0) : ImmutableArray<FuzzStatement>.Empty;
        FuzzExpr result = GenerateExpr(depth: 3);
        List<DeclareLocalFunction> visible = _localFunctions;
        (_doubles, _ints, _arrays, _collectionParameters, _counters, _views, _matrices, _jagged, _localFunctions,
            _assignableDoubles, _assignableInts, _assignableArrays, _alwaysRuns) = saved;

        IEnumerable<FuzzExpr> expressions = FuzzProgramWalk.Expressions(body).Concat(FuzzProgramWalk.Flatten(result));
        bool needsStatement = body.Length > 0 || expressions.Any(e => e is LinqReduction ||
            (e is LocalCall call && visible.Single(f => f.Name == call.Name).NeedsStatement));
        var declaration = new DeclareLocalFunction(name, isStatic, parameters.ToImmutableArray(), body, result, needsStatement);
        _localFunctions.Add(declaration);
        return new FuzzStatement[] { declaration };
    }

    /// <summary>A local function's statements: declarations, assignments of its own locals, ifs and counted loops.</summary>
    private ImmutableArray<FuzzStatement> LocalFunctionBlock(string prefix, int count, int nesting)
    {
        int doublesBefore = _doubles.Count, countersBefore = _counters.Count;
        var block = ImmutableArray.CreateBuilder<FuzzStatement>();
        for (int i = 0; i < count; i++)
        {
            string? target = PickTarget();
            switch (_random.Next(nesting < 2 ? 7 : 5))
            {
                case 2 when target is not null:
                    block.Add(new Assign(target, GenerateExpr(depth: 2)));
                    break;
                case 3 when target is not null:
                    block.Add(new CompoundAssign(target, "+-*"[_random.Next(3)], GenerateExpr(depth: 2)));
                    break;
                case 5:
                {
                    FuzzCondition condition = GenerateCondition();
                    ImmutableArray<FuzzStatement> then = LocalFunctionBlock(prefix, _random.Next(1, 3), nesting + 1);
                    ImmutableArray<FuzzStatement> otherwise = _random.Next(2) == 0 ? ImmutableArray<FuzzStatement>.Empty : LocalFunctionBlock(prefix, _random.Next(1, 3), nesting + 1);
                    block.Add(new If(condition, then, otherwise));
                    break;
                }

                case 6:
                {
                    string counter = prefix + "i" + _nextLocal++;
                    int trips = _random.Next(1, FuzzIndex.ArrayLength + 1);
                    _counters.Add(counter);
                    ImmutableArray<FuzzStatement> loopBody = LocalFunctionBlock(prefix, _random.Next(1, 3), nesting + 1);
                    _counters.Remove(counter);
                    block.Add(new For(counter, trips, loopBody));
                    break;
                }

                default:
                {
                    var declaration = new DeclareDouble(prefix + "v" + _nextLocal++, GenerateExpr(depth: 3));
                    _doubles.Add(declaration.Name);
                    block.Add(declaration);
                    break;
                }
            }
        }

        _doubles.RemoveRange(doublesBefore, _doubles.Count - doublesBefore);
        _counters.RemoveRange(countersBefore, _counters.Count - countersBefore);
        return block.ToImmutable();
    }
}
