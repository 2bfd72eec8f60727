using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// The floating values the iterations of a counted loop save for the reverse sweep (what an assignment destroys, a kept
/// exponential), laid out as one region of the tape reserved before the loop runs: a slot per save and iteration,
/// as a hand-written gradient keeps one array per saved quantity. The forward sweep writes each value to its slot
/// and the reverse reads it back from there, so no save is a push: nothing moves the tape's count inside the loop.
/// </summary>
/// <param name="Loop">The loop: counted, its trip count known on entry, with no loop inside it.</param>
/// <param name="Length">The region's length: slots per iteration times the trip count, 0 when the loop does not run.</param>
/// <param name="Slots">Each save's slot (keyed by the assignment or store that saves what it destroys, or by the kept
/// value's <see cref="SavedMath"/>), in terms of the loop's counter, which the reverse loop runs through the same values.</param>
internal sealed record SlotRegion(LLoop Loop, Expr Length, IReadOnlyDictionary<object, Expr> Slots);

/// <summary>
/// Finds the <see cref="SlotRegion"/> of every counted loop with something to keep. The emitter uses a region only
/// for a loop outside every other loop of a fused sweep, where the region is held as a span in a local: a push that
/// moves the tape to a larger array leaves that span where it was, and both sweeps use the same span.
/// </summary>
/// <remarks>
/// Only a loop with no loop inside it: the region's span stays live across the whole loop, and across an inner loop it
/// costs the inner loop registers. Measured on the GMM gradient (Gmm/README round 8), slots for the saves of a nest, at
/// <c>c * d + j</c>, made d = 64 about 13 % slower than pushing them; with only the flat log-sum-exp loop's slots, the
/// change gains at every size measured. A save in a branch has its slot whether or not the branch runs; the reverse
/// reads it only when the branch ran.
/// </remarks>
internal static class KeptSlots
{
    public static IReadOnlyDictionary<LLoop, SlotRegion> Plan(LoopMethod method, HashSet<LStmt> saved,
        IReadOnlyDictionary<LStmt, IReadOnlyList<SavedNode>> savedNodes, IReadOnlyDictionary<LStmt, ReductionLoop> reductions)
    {
        var regions = new Dictionary<LLoop, SlotRegion>(StatementComparer.Instance);
        LoopStatements.Visit(method.Body, statement =>
        {
            if (statement is LLoop loop && !reductions.ContainsKey(loop) && Layout(loop, saved, savedNodes) is { } region)
            {
                regions[loop] = region;
            }
        });

        return regions;
    }

    private static SlotRegion? Layout(LLoop loop, HashSet<LStmt> saved, IReadOnlyDictionary<LStmt, IReadOnlyList<SavedNode>> savedNodes)
    {
        IReadOnlyList<LStmt> iteration = loop.Body.Concat(loop.Step).ToList();
        bool nested = false;
        LoopStatements.Visit(iteration, s => nested |= s is LLoop);
        if (nested || !FixedTrips(loop))
        {
            return null;
        }

        // The saves of an iteration, both branches of an if included: the k-th has slot k of the iteration's share.
        var saves = new List<object>();
        LoopStatements.Visit(iteration, s => saves.AddRange(Saves(s, saved, savedNodes)));
        if (saves.Count == 0)
        {
            return null;
        }

        var e = new ExprBuilder(ScalarKind.Int);
        Expr first = e.Mul(CountedLoops.Ordinal(loop), e.Const(saves.Count));
        var slots = new Dictionary<object, Expr>(ReferenceKeys.Instance);
        for (int k = 0; k < saves.Count; k++)
        {
            slots[saves[k]] = e.Add(first, e.Const(k));
        }

        return new SlotRegion(loop, e.Mul(Trips(loop), e.Const(saves.Count)), slots);
    }

    /// <summary>
    /// A counted loop that leaves its bounds alone, with a start that reads no array element (every slot's index reads the
    /// start again, so it must hold the same value throughout the loop).
    /// </summary>
    private static bool FixedTrips(LLoop loop) =>
        LoopReverse.LastCounterValue(loop) is not null
        && ExprChildren.AllOf(loop.Counter!.Start).All(e => e is VariableRef or Constant or LengthOf or CollectionRef or Binary or Unary or Conversion)
        && !ExprNames.Read(loop.Counter.Start).Contains(loop.Counter.Variable.Name);

    /// <summary>The loop's trip count clamped at 0 (a length less a start of 0, or a constant that is not negative, needs no clamp).</summary>
    private static Expr Trips(LLoop loop)
    {
        var e = new ExprBuilder(ScalarKind.Int);
        Expr trips = CountedLoops.Trips(loop);
        return trips is LengthOf || trips is Constant { Value: >= 0 } ? trips : e.Call(MathFunction.Max, e.Const(0), trips);
    }

    /// <summary>The floating values <paramref name="statement"/> itself saves, in the order the forward sweep writes them.</summary>
    private static IEnumerable<object> Saves(LStmt statement, HashSet<LStmt> saved, IReadOnlyDictionary<LStmt, IReadOnlyList<SavedNode>> savedNodes)
    {
        if (savedNodes.TryGetValue(statement, out IReadOnlyList<SavedNode>? nodes))
        {
            foreach (SavedMath math in nodes.OfType<SavedMath>().Where(m => IsFloating(m.Temp.Kind)))
            {
                yield return math;
            }
        }

        ScalarKind? destroyed = statement switch
        {
            LAssign assign => assign.Target.Kind,
            LStore store => store.Array.Kind,
            _ => null,
        };
        if (destroyed is { } kind && IsFloating(kind) && saved.Contains(statement))
        {
            yield return statement;
        }
    }

    private static bool IsFloating(ScalarKind kind) => kind is ScalarKind.Double or ScalarKind.Float;

    /// <summary>Keys compared by reference: two saves may be equal records in different places.</summary>
    internal sealed class ReferenceKeys : IEqualityComparer<object>
    {
        public static readonly ReferenceKeys Instance = new();

        bool IEqualityComparer<object>.Equals(object? x, object? y) => ReferenceEquals(x, y);

        int IEqualityComparer<object>.GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
