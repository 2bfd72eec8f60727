using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// The floating values the iterations of a counted loop save for the reverse sweep (what an assignment destroys, a kept
/// exponential), laid out as one region of the tape reserved before the loop runs: a slot per save and iteration,
/// as a hand-written gradient keeps one array per saved quantity. The forward sweep writes each value to its slot
/// and the reverse reads it back from there, so no save is a push: nothing moves the tape's count inside the loop
/// nest, and the count and array need not stay live in registers across it.
/// </summary>
/// <param name="Loop">The loop; its trip count must be known on entry (a counted loop that leaves its bounds alone).</param>
/// <param name="Length">The region's length: slots per iteration times the trip count, 0 when the loop does not run.</param>
/// <param name="Slots">Each save's slot (keyed by the assignment or store that saves what it destroys, or by the kept
/// value's <see cref="SavedMath"/>), in terms of the loop counters, which the reverse loops run through the same values.</param>
internal sealed record SlotRegion(LLoop Loop, Expr Length, IReadOnlyDictionary<object, Expr> Slots);

/// <summary>
/// Finds the <see cref="SlotRegion"/> of every counted loop with something to keep. The emitter uses a region only
/// for a loop outside every other loop of a fused sweep, where the region is held as a span in a local: a push that
/// moves the tape to a larger array leaves that span where it was, and both sweeps use the same span.
/// </summary>
/// <remarks>
/// An inner loop's saves get slots too when its trip count is the same in every iteration of the outer one: its start
/// and bound read nothing the outer loop assigns. Saves anywhere else in the nest (in a loop whose trips vary, a while
/// loop, a callee's partials) stay pushes, above the region. A save in a branch has its slot whether or not the branch
/// runs; the reverse reads it only when the branch ran.
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

    private static SlotRegion? Layout(LLoop root, HashSet<LStmt> saved, IReadOnlyDictionary<LStmt, IReadOnlyList<SavedNode>> savedNodes)
    {
        if (root.Counter is null)
        {
            return null;
        }

        var assigned = new HashSet<string> { root.Counter.Variable.Name };
        LoopStatements.Visit(root.Body.Concat(root.Step).ToList(), s =>
        {
            if (LoopStatements.AssignedScalar(s) is { } scalar) assigned.Add(scalar.Name);
        });

        // The root's start is read again by every slot's index, so it is held to what its inner loops are held to.
        var layout = new Layouter(saved, savedNodes, assigned);
        if (!layout.SameTripsThroughout(root))
        {
            return null;
        }

        IReadOnlyList<LStmt> iteration = Iteration(root);
        Expr perIteration = layout.Size(iteration, new HashSet<LLoop>(StatementComparer.Instance));
        if (perIteration is Constant { Value: 0 })
        {
            return null;
        }

        var slots = new Dictionary<object, Expr>(ReferenceKeys.Instance);
        layout.Assign(iteration, new List<PathStep> { new IntoIteration(root) }, slots);
        return new SlotRegion(root, Int.Mul(Trips(root, running: false), perIteration), slots);
    }

    private static ExprBuilder Int => new(ScalarKind.Int);

    private static IReadOnlyList<LStmt> Iteration(LLoop loop) => loop.Body.Concat(loop.Step).ToList();

    /// <summary>Which iteration the counter is at: 0 for the first.</summary>
    private static Expr Ordinal(LLoop loop)
    {
        LoopCounter counter = loop.Counter!;
        return counter.Step > 0 ? Int.Sub(counter.Variable, counter.Start) : Int.Sub(counter.Start, counter.Variable);
    }

    /// <summary>
    /// The loop's trip count, from its start and bound: <c>b - s</c> for <c>i &lt; b</c> counting up from s, one more for
    /// <c>&lt;=</c>. Inside the loop (<paramref name="running"/>) it is at least 1; elsewhere it is clamped at 0.
    /// </summary>
    private static Expr Trips(LLoop loop, bool running)
    {
        LoopCounter counter = loop.Counter!;
        var condition = (Binary)loop.Condition;
        Expr trips = counter.Step > 0 ? Int.Sub(condition.Right, counter.Start) : Int.Sub(counter.Start, condition.Right);
        if (condition.Operator is BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual)
        {
            trips = Int.Add(trips, Int.Const(1));
        }

        // A length less a start of 0 is never negative.
        return running || trips is LengthOf || trips is Constant { Value: >= 0 } ? trips : Int.Call(MathFunction.Max, Int.Const(0), trips);
    }

    // The way from the root's first slot to a save's: whole iterations of the loops around it, the statements before it.
    private abstract record PathStep;

    /// <summary>The iterations of <paramref name="Loop"/> before the current one.</summary>
    private sealed record IntoIteration(LLoop Loop) : PathStep;

    /// <summary>The slots of <paramref name="Statements"/>, which run before the save in the same iteration.</summary>
    private sealed record After(IReadOnlyList<LStmt> Statements) : PathStep;

    /// <summary>The statement's own saves written before this one.</summary>
    private sealed record AfterOwn(int Count) : PathStep;

    private sealed class Layouter
    {
        private readonly HashSet<LStmt> _saved;
        private readonly IReadOnlyDictionary<LStmt, IReadOnlyList<SavedNode>> _savedNodes;
        private readonly HashSet<string> _assignedInRoot;

        public Layouter(HashSet<LStmt> saved, IReadOnlyDictionary<LStmt, IReadOnlyList<SavedNode>> savedNodes, HashSet<string> assignedInRoot)
        {
            _saved = saved;
            _savedNodes = savedNodes;
            _assignedInRoot = assignedInRoot;
        }

        /// <summary>The slots one run of <paramref name="statements"/> takes, the loops in <paramref name="running"/> known to run.</summary>
        public Expr Size(IReadOnlyList<LStmt> statements, HashSet<LLoop> running) =>
            statements.Aggregate((Expr)Int.Const(0), (size, statement) => Int.Add(size, SizeOf(statement, running)));

        /// <summary>Gives each save in <paramref name="statements"/>, which <paramref name="path"/> leads to, its slot.</summary>
        public void Assign(IReadOnlyList<LStmt> statements, List<PathStep> path, Dictionary<object, Expr> slots)
        {
            for (int position = 0; position < statements.Count; position++)
            {
                LStmt statement = statements[position];
                var before = new List<PathStep>(path) { new After(statements.Take(position).ToList()) };
                List<object> saves = Saves(statement).ToList();
                for (int k = 0; k < saves.Count; k++)
                {
                    slots[saves[k]] = Slot(new List<PathStep>(before) { new AfterOwn(k) });
                }

                switch (statement)
                {
                    case LIf branch:
                        Assign(branch.Then, before, slots);
                        Assign(branch.Else, new List<PathStep>(before) { new After(branch.Then) }, slots);
                        break;
                    case LLoop loop when SameTripsThroughout(loop):
                        Assign(Iteration(loop), new List<PathStep>(before) { new IntoIteration(loop) }, slots);
                        break;
                }
            }
        }

        /// <summary>
        /// A slot's index. Every loop on the way runs when the save does, so its trip count needs no clamping at 0 in the
        /// sizes here (the region's length, counted before anything runs, clamps them all): <c>ik * d + j</c>.
        /// </summary>
        private Expr Slot(List<PathStep> path)
        {
            var running = new HashSet<LLoop>(path.OfType<IntoIteration>().Select(s => s.Loop), StatementComparer.Instance);
            return path.Aggregate((Expr)Int.Const(0), (index, step) => Int.Add(index, step switch
            {
                IntoIteration into => Int.Mul(Ordinal(into.Loop), Size(Iteration(into.Loop), running)),
                After after => Size(after.Statements, running),
                AfterOwn own => Int.Const(own.Count),
                _ => throw new System.InvalidOperationException(step.ToString()),
            }));
        }

        private Expr SizeOf(LStmt statement, HashSet<LLoop> running)
        {
            Expr own = Int.Const(Saves(statement).Count());
            switch (statement)
            {
                case LIf branch:
                    return Int.Add(own, Int.Add(Size(branch.Then, running), Size(branch.Else, running)));
                case LLoop loop when SameTripsThroughout(loop):
                {
                    Expr perIteration = Size(Iteration(loop), running);
                    return perIteration is Constant { Value: 0 } ? own : Int.Add(own, Int.Mul(Trips(loop, running.Contains(loop)), perIteration));
                }

                default:
                    return own;
            }
        }

        /// <summary>The floating values <paramref name="statement"/> itself saves, in the order the forward sweep writes them.</summary>
        private IEnumerable<object> Saves(LStmt statement)
        {
            if (_savedNodes.TryGetValue(statement, out IReadOnlyList<SavedNode>? nodes))
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
            if (destroyed is { } kind && IsFloating(kind) && _saved.Contains(statement))
            {
                yield return statement;
            }
        }

        /// <summary>
        /// A loop in the root runs the same number of times in each of the root's iterations when it is counted, keeps its
        /// bounds, and its start and bound read no variable the root assigns (its counter included) nor any array element.
        /// </summary>
        public bool SameTripsThroughout(LLoop loop) =>
            LoopReverse.LastCounterValue(loop) is not null
            && new[] { loop.Counter!.Start, ((Binary)loop.Condition).Right }.SelectMany(ExprChildren.AllOf)
                .All(e => e is VariableRef v ? !_assignedInRoot.Contains(v.Name) : e is Constant or LengthOf or CollectionRef or Binary or Unary or Conversion);
    }

    /// <summary>Keys compared by reference: two saves may be equal records in different places.</summary>
    internal sealed class ReferenceKeys : IEqualityComparer<object>
    {
        public static readonly ReferenceKeys Instance = new();

        bool IEqualityComparer<object>.Equals(object? x, object? y) => ReferenceEquals(x, y);

        int IEqualityComparer<object>.GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    private static bool IsFloating(ScalarKind kind) => kind is ScalarKind.Double or ScalarKind.Float;
}
