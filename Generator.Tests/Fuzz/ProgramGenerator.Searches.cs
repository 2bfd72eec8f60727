using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>How a generated search differs from the shape the generator rewrites (LastWriteLoops), if at all.</summary>
public enum SearchMiss
{
    /// <summary>The shape itself: the loop body is one if that overwrites the variable (and maybe an int) and nothing else.</summary>
    None,

    /// <summary>The written value reads the variable: <c>best = best * 0.5 + p[i]</c>.</summary>
    ReadsItself,

    /// <summary>The branch writes a second double.</summary>
    TwoWrites,

    /// <summary>The if has an else.</summary>
    Else,

    /// <summary>The loop body has a second statement, before or after the if.</summary>
    SecondStatement,

    /// <summary>The loop body breaks, before or after the if.</summary>
    Break,
}

// Searches (FuzzFeatures.Searches): a loop over a collection that only overwrites one double under a condition, read after
// the loop, and its near misses. The generator rewrites the shape to differentiate only the last write; the near misses
// must be left to the statement-by-statement path. Both must agree with finite differences and the dynamic graph.
public sealed partial class ProgramGenerator
{
    private static readonly string[] SearchComparisons = { ">", ">=", "<" };

    // A search variable declared in a sum loop before the loop declared anything else to carry it: the sum reads it.
    private string? _unreadSearch;

    /// <summary>
    /// With <see cref="FuzzFeatures.Searches"/>, sometimes a search (declarations, the loop, a read of the variable); else null.
    /// A search needs a local to read its variable into after the loop, or (<paramref name="sumLoopBody"/>: directly in a sum
    /// loop's body, where none may be assigned yet) the sum that ends the body.
    /// </summary>
    private IEnumerable<FuzzStatement>? TryGenerateSearch(bool sumLoopBody)
    {
        // Draws nothing without the flag, so seeds keep giving the programs they gave before it existed.
        if (!_features.HasFlag(FuzzFeatures.Searches) || Readable().Count == 0 || (_doubles.Count == _assignableDoubles && !sumLoopBody) ||
            _random.Next(10) != 0)
        {
            return null;
        }

        return GenerateSearch();
    }

    private List<FuzzStatement> GenerateSearch()
    {
        var statements = new List<FuzzStatement>();
        string collection = Pick(Readable()).Name;

        // The variable: a new local from a constant or an expression, or (nested in an outer loop, say) one that already
        // exists and so keeps what earlier iterations found. It is out of _doubles while the loop is made, so that only
        // the expressions chosen to read it do.
        List<string> assignable = _doubles.Skip(_assignableDoubles).ToList();
        string target;
        int existingAt = -1;
        if (assignable.Count >= 2 && _random.Next(3) == 0)
        {
            target = Pick(assignable);
            existingAt = _doubles.IndexOf(target);
            _doubles.RemoveAt(existingAt);
        }
        else
        {
            target = "best" + _nextLocal++;
            FuzzExpr start = _random.Next(3) switch
            {
                0 => new Num(_random.Next(2) == 0 ? -10.0 : 10.0),
                1 => new Num(System.Math.Round(_random.NextDouble() * 4 - 2, 2)),
                _ => GenerateExpr(depth: 2),
            };
            statements.Add(new DeclareDouble(target, start));
        }

        var miss = (SearchMiss)(_random.Next(2) == 0 ? 0 : _random.Next(1, 6));
        string? second = null;
        if (miss is SearchMiss.TwoWrites or SearchMiss.Else or SearchMiss.SecondStatement)
        {
            second = "w" + _nextLocal++;
            statements.Add(new DeclareDouble(second, GenerateExpr(depth: 2)));
        }

        int loopKind = _random.Next(3);
        bool isForEach = loopKind == 2;
        string counter = (isForEach ? "e" : "i") + _nextLocal++;
        string? at = null;
        if (!isForEach && _random.Next(3) == 0)
        {
            at = "n" + _nextLocal++;
            statements.Add(new DeclareInt(at, _random.Next(-1, 1)));
        }

        // In the loop: the counter indexes (and may be passed on), or the element is a double to read.
        if (isForEach)
        {
            _doubles.Add(counter);
        }
        else
        {
            _counters.Add(counter);
        }

        _loopDepth++;
        FuzzExpr element = isForEach ? new Var(counter) : new ArrayRead(collection, new FuzzIndex(counter, _random.Next(4) == 0 ? 1 : 0));
        FuzzExpr value = SearchValue(element);
        FuzzCondition test = SearchTest(element, value, target);
        if (miss == SearchMiss.ReadsItself)
        {
            value = new Binary('+', new Binary('*', new Var(target), new Num(0.5)), value);
        }

        var then = new List<FuzzStatement> { new Assign(target, value) };
        if (at is not null)
        {
            then.Insert(_random.Next(2), new IntSet(at, counter));
        }

        if (miss == SearchMiss.TwoWrites)
        {
            then.Insert(_random.Next(then.Count + 1), new Assign(second!, SearchValue(element)));
        }

        ImmutableArray<FuzzStatement> otherwise = miss != SearchMiss.Else ? ImmutableArray<FuzzStatement>.Empty
            : _random.Next(2) == 0
                ? ImmutableArray.Create<FuzzStatement>(new Assign(second!, SearchValue(element)))
                : ImmutableArray.Create<FuzzStatement>(new Assign(target, new Binary('*', new Var(target), new Num(0.9))));
        var body = new List<FuzzStatement> { new If(test, then.ToImmutableArray(), otherwise) };
        FuzzStatement? extra = miss switch
        {
            SearchMiss.SecondStatement => new CompoundAssign(second!, '+', element),
            SearchMiss.Break => new BreakIf(_random.Next(2) == 0 ? GenerateCondition() : new DoubleComparison(new Var(target), ">", new Num(1.0))),
            _ => null,
        };
        if (extra is not null)
        {
            body.Insert(_random.Next(2), extra);
        }

        _loopDepth--;
        if (isForEach)
        {
            _doubles.Remove(counter);
            statements.Add(new ForEach(counter, collection, body.ToImmutableArray()));
        }
        else
        {
            _counters.Remove(counter);
            string? lengthOf = loopKind == 1 ? collection : null;
            statements.Add(new For(counter, FuzzIndex.ArrayLength, body.ToImmutableArray(), lengthOf) { Start = _random.Next(2) });
        }

        // After the loop the variable (and the others) are locals like any: later statements and the result may read them.
        if (existingAt >= 0)
        {
            _doubles.Insert(existingAt, target);
        }
        else
        {
            _doubles.Add(target);
        }

        if (second is not null)
        {
            _doubles.Add(second);
        }

        if (at is not null)
        {
            _ints.Add(at);
        }

        // Read the variable at once, so that its gradient matters even if nothing else does.
        List<string> carriers = _doubles.Skip(_assignableDoubles).Where(d => d != target).ToList();
        if (carriers.Count > 0)
        {
            statements.Add(new CompoundAssign(Pick(carriers), _random.Next(2) == 0 ? '+' : '-', new Var(target)));
        }
        else
        {
            _unreadSearch = target;
        }

        return statements;
    }

    /// <summary>What a search writes: the element, an expression of it, or another element at the counter.</summary>
    private FuzzExpr SearchValue(FuzzExpr element) => _random.Next(6) switch
    {
        0 or 1 => element,
        2 => new Binary("+-*"[_random.Next(3)], element, GenerateExpr(depth: 1)),
        3 => new Unary(Pick(UnaryFunctions.All), element),
        4 => new Binary('*', element, GenerateExpr(depth: 2)),
        _ => GenerateLeaf() is ArrayRead read ? read : new Binary('-', GenerateExpr(depth: 1), element),
    };

    /// <summary>
    /// The search's test: the value (or the element) against the variable, their absolute values compared, or a test that
    /// does not read the variable at all (the last element that passes it).
    /// </summary>
    private FuzzCondition SearchTest(FuzzExpr element, FuzzExpr value, string target) => _random.Next(6) switch
    {
        0 or 1 => new DoubleComparison(value, Pick(SearchComparisons), new Var(target)),
        2 => new DoubleComparison(element, Pick(SearchComparisons), new Var(target)),
        3 => new DoubleComparison(new Unary("Abs", value), Pick(SearchComparisons), new Unary("Abs", new Var(target))),
        4 => new DoubleComparison(element, Pick(SearchComparisons), GenerateExpr(depth: 1)),
        _ => GenerateCondition(),
    };
}
