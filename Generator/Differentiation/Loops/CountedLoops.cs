using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// Arithmetic on a counted loop whose trip count is known on entry (<see cref="LoopReverse.LastCounterValue"/> is not null):
/// for the regions on the tape that hold something per iteration, a fill's copies (the loop emitter) and saves' slots
/// (<see cref="KeptSlots"/>).
/// </summary>
internal static class CountedLoops
{
    /// <summary>
    /// The trip count from the start and the bound, not clamped at 0: <c>for (i = s; i &lt; b; i++)</c> runs b − s times,
    /// <c>i &lt;= b</c> one more; counting down, s − b and one more.
    /// </summary>
    public static Expr Trips(LLoop loop)
    {
        var e = new ExprBuilder(ScalarKind.Int);
        LoopCounter counter = loop.Counter!;
        var condition = (Binary)loop.Condition;
        Expr trips = counter.Step > 0 ? e.Sub(condition.Right, counter.Start) : e.Sub(counter.Start, condition.Right);
        return condition.Operator is BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual ? e.Add(trips, e.Const(1)) : trips;
    }

    /// <summary>Which iteration the counter is at, 0 for the first: its distance from the start.</summary>
    public static Expr Ordinal(LLoop loop)
    {
        var e = new ExprBuilder(ScalarKind.Int);
        LoopCounter counter = loop.Counter!;
        return counter.Step > 0 ? e.Sub(counter.Variable, counter.Start) : e.Sub(counter.Start, counter.Variable);
    }
}
