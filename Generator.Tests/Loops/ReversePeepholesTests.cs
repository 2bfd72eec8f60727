using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Differentiation.Loops;
using AutoDiffGen.Generator.Ir;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// The loop form's reverse-sweep peepholes, on hand-made sweeps: each rule fires where it is exact and stays away where
/// it is not (an adjoint read by a later iteration, a copy's source written before its reader, an element of the same
/// array written in between). Every case also runs the raw and the rewritten sweep on the same values and requires the
/// same adjoints, so a rewrite that changed a gradient fails here.
/// </summary>
public sealed class ReversePeepholesTests
{
    private const ScalarKind D = ScalarKind.Double;
    private static readonly VariableRef Seed = V("seed");
    private static readonly VariableRef Result = V("d_value");

    private static VariableRef V(string name) => new(D, name);

    private static VariableRef I(string name) => new(ScalarKind.Int, name);

    private static Constant C(double value) => new(D, value);

    private static ElementRead At(string array, Expr index) => new(D, new CollectionRef(D, ValueShape.Span, array), index);

    private static Binary Mul(Expr a, Expr b) => new(D, BinaryOperator.Multiply, a, b);

    private static Unary Neg(Expr a) => new(D, UnaryOperator.Negate, a);

    private static RAdd Add(Expr adjoint, Expr contribution) => new(adjoint, contribution, Declare: false);

    private static RAdd Let(string local, Expr value) => new(V(local), value, Declare: true);

    private static RTake Take(string local, Expr adjoint) => new(V(local), adjoint);

    private static RGroup Group(params RInstr[] body) => new(new SourceInfo(1, "s"), body);

    /// <summary>A counted reverse loop running <c>i</c> from <paramref name="last"/> down to 0.</summary>
    private static RLoop Loop(string counter, int last, params RInstr[] body) =>
        new(new LLoop(null, 0, new LoopCounter(I(counter), new Constant(ScalarKind.Int, 0), 1), new Constant(ScalarKind.Bool, 1), Array.Empty<LStmt>(), Array.Empty<LStmt>()),
            Array.Empty<RInstr>(), body, new Constant(ScalarKind.Int, last));

    private static RIf If(string condition, RInstr[] then, RInstr[] otherwise) =>
        new(new LIf(null, 0, new VariableRef(ScalarKind.Bool, condition), Array.Empty<LStmt>(), Array.Empty<LStmt>()), then, otherwise);

    private static IReadOnlyList<RInstr> Optimize(IReadOnlyList<RInstr> raw, params string[] liveOut) =>
        ReversePeepholes.Analyze(raw, Result, Seed, liveOut).Rewrite(raw);

    /// <summary>Leaf instructions in order, containers flattened.</summary>
    private static List<RInstr> Leaves(IReadOnlyList<RInstr> instructions) => instructions.SelectMany(i => i switch
    {
        RGroup g => Leaves(g.Body),
        RIf f => Leaves(f.Then).Concat(Leaves(f.Else)),
        RLoop l => Leaves(l.Body),
        _ => new List<RInstr> { i },
    }).ToList();

    /// <summary>Runs both sweeps from the same state (result adjoint at the seed, other adjoints 0) and compares every adjoint named.</summary>
    private static void AssertSameAdjoints(IReadOnlyList<RInstr> raw, IReadOnlyList<RInstr> optimized, Dictionary<string, double> state, params string[] adjoints)
    {
        var before = new Dictionary<string, double>(state) { [Result.Name] = state[Seed.Name] };
        var after = new Dictionary<string, double>(state) { [Result.Name] = state[Seed.Name] };
        Interpreter.Run(raw, before);
        Interpreter.Run(optimized, after);
        foreach (string adjoint in adjoints)
        {
            Assert.Equal(Interpreter.Get(before, adjoint), Interpreter.Get(after, adjoint));
        }
    }

    [Fact]
    public void DeadTakeOfAnAdjointReadByTheNextIterationOnlyZeroesIt()
    {
        // for i: d_s += d_s * x;  (line: s = s * x, raw) ... then "s = 0" at the loop's top: its take's local is never read.
        RInstr[] raw =
        {
            Loop("i", 2,
                Group(Take("d_t1", V("d_s")), Add(V("d_x"), Mul(V("d_t1"), V("s"))), Add(V("d_s"), Mul(V("d_t1"), V("x")))),
                Group(Take("d_t2", V("d_s")))),
        };
        IReadOnlyList<RInstr> optimized = Optimize(raw, "d_x");

        Assert.Equal(new Expr[] { V("d_s") }, Leaves(optimized).OfType<RZero>().Select(z => z.Adjoint));
        Assert.Single(Leaves(optimized).OfType<RTake>()); // d_t1 is read: its take stays
        AssertSameAdjoints(raw, optimized, new() { ["seed"] = 1, ["d_s"] = 1.5, ["s"] = 2, ["x"] = 0.5, ["d_x"] = 0 }, "d_x", "d_s");
    }

    [Fact]
    public void TakeOfAnAdjointNothingReadsAfterwardsDisappears()
    {
        RInstr[] raw = { Group(Add(V("d_s"), Seed)), Loop("i", 2, Group(Add(At("dx", I("i")), V("d_s")))), Group(Take("d_t9", V("d_s"))) };
        IReadOnlyList<RInstr> optimized = Optimize(raw, "dx");

        Assert.DoesNotContain(Leaves(optimized), i => i is RTake or RZero);
        AssertSameAdjoints(raw, optimized, new() { ["seed"] = 2, ["d_s"] = 0 }, "dx[0]", "dx[1]", "dx[2]");
    }

    [Fact]
    public void TakeOfALiveOutAdjointStillZeroesIt()
    {
        // d_x is a parameter's adjoint, copied out after the sweep: zeroing it is the gradient of "x = …".
        RInstr[] raw = { Group(Add(V("d_x"), Seed)), Group(Take("d_t1", V("d_x"))) };
        IReadOnlyList<RInstr> optimized = Optimize(raw, "d_x");

        Assert.Equal(new Expr[] { V("d_x") }, Leaves(optimized).OfType<RZero>().Select(z => z.Adjoint));
        AssertSameAdjoints(raw, optimized, new() { ["seed"] = 2, ["d_x"] = 0.25 }, "d_x");
    }

    [Fact]
    public void TakeInsideALoopKeepsZeroingForTheNextIterationEvenWhenItIsTheOnlyMention()
    {
        // last = x[i] * w in a loop, then return last: only the last iteration may get the adjoint.
        RInstr[] raw =
        {
            Group(Add(V("d_last"), Result)),
            Loop("i", 2, Group(Take("d_t2", V("d_last")), Add(At("dx", I("i")), Mul(V("d_t2"), V("w"))))),
        };
        IReadOnlyList<RInstr> optimized = Optimize(raw, "dx");

        Assert.Single(Leaves(optimized).OfType<RTake>());
        AssertSameAdjoints(raw, optimized, new() { ["seed"] = 1, ["w"] = 3, ["d_last"] = 0 }, "dx[0]", "dx[1]", "dx[2]");
    }

    [Fact]
    public void CopyChainsCollapseIntoTheirReaders()
    {
        // double d_t0 = d_s; d_s = 0; double d_t6 = d_t0; double d_t5 = d_t6; double d_t3 = -d_t5; d_a += d_t3 * y; d_b += d_t6;
        RInstr[] raw =
        {
            Loop("i", 1,
                Group(Take("d_t0", V("d_s")), Let("d_t6", V("d_t0")), Let("d_t5", V("d_t6")), Let("d_t3", Neg(V("d_t5"))),
                    Add(V("d_a"), Mul(V("d_t3"), V("y"))), Add(V("d_b"), V("d_t6")), Add(V("d_s"), V("y")))),
        };
        IReadOnlyList<RInstr> optimized = Optimize(raw, "d_a", "d_b");

        List<RInstr> leaves = Leaves(optimized);
        Assert.Equal(4, leaves.Count);
        Assert.Equal(Take("d_t0", V("d_s")), leaves[0]);
        Assert.Equal(Add(V("d_a"), Neg(Mul(V("d_t0"), V("y")))), leaves[1]); // -(d_t0 * y): prints as "-="
        Assert.Equal(Add(V("d_b"), V("d_t0")), leaves[2]);
        AssertSameAdjoints(raw, optimized, new() { ["seed"] = 1, ["d_s"] = 0.75, ["y"] = -2, ["d_a"] = 0, ["d_b"] = 0 }, "d_a", "d_b", "d_s");
    }

    [Fact]
    public void CopyStaysWhenItsSourceIsWrittenBeforeItsReader()
    {
        // double d_t1 = d_s; d_s += y; d_a += d_t1 * x;  — d_t1 must keep the value from before d_s changed.
        RInstr[] raw = { Loop("i", 1, Group(Let("d_t1", V("d_s")), Add(V("d_s"), V("y")), Add(V("d_a"), Mul(V("d_t1"), V("x"))))) };
        IReadOnlyList<RInstr> optimized = Optimize(raw, "d_a", "d_s");

        Assert.Contains(Let("d_t1", V("d_s")), Leaves(optimized));
        AssertSameAdjoints(raw, optimized, new() { ["seed"] = 1, ["d_s"] = 0.5, ["y"] = 3, ["x"] = 2, ["d_a"] = 0 }, "d_a", "d_s");
    }

    [Fact]
    public void CopyIntoItsLastReaderThatAlsoWritesTheSourceIsExact()
    {
        // double d_t1 = d_s; d_s += d_t1 * x;  → d_s += d_s * x (the contribution is read before the write).
        RInstr[] raw = { Group(Let("d_t1", V("d_s")), Add(V("d_s"), Mul(V("d_t1"), V("x")))) };
        IReadOnlyList<RInstr> optimized = Optimize(raw, "d_s");

        Assert.Equal(new RInstr[] { Add(V("d_s"), Mul(V("d_s"), V("x"))) }, Leaves(optimized));
        AssertSameAdjoints(raw, optimized, new() { ["seed"] = 1, ["d_s"] = 0.5, ["x"] = 3 }, "d_s");
    }

    [Fact]
    public void ElementCopyStaysWhenTheSameArrayIsWrittenAtAnotherIndexInBetween()
    {
        // double d_t1 = d_y[i]; d_y[j] += x; d_a += d_t1;  — with i == j the element changed: keep the copy.
        RInstr[] raw = { Group(Let("d_t1", At("d_y", I("i"))), Add(At("d_y", I("j")), V("x")), Add(V("d_a"), V("d_t1"))) };
        IReadOnlyList<RInstr> optimized = Optimize(raw, "d_a", "d_y");

        Assert.Contains(Let("d_t1", At("d_y", I("i"))), Leaves(optimized));
        AssertSameAdjoints(raw, optimized, new() { ["seed"] = 1, ["i"] = 1, ["j"] = 1, ["x"] = 5, ["d_a"] = 0, ["d_y[1]"] = 2 }, "d_a", "d_y[1]");
    }

    [Fact]
    public void ElementCopyWithNothingInBetweenMovesIntoItsReader()
    {
        RInstr[] raw = { Group(Let("d_t1", At("d_y", I("i"))), Add(V("d_a"), Mul(V("d_t1"), V("x")))) };
        IReadOnlyList<RInstr> optimized = Optimize(raw, "d_a", "d_y");

        Assert.Equal(new RInstr[] { Add(V("d_a"), Mul(At("d_y", I("i")), V("x"))) }, Leaves(optimized));
        AssertSameAdjoints(raw, optimized, new() { ["seed"] = 1, ["i"] = 0, ["x"] = 5, ["d_a"] = 1, ["d_y[0]"] = 2 }, "d_a");
    }

    [Fact]
    public void CopyReadInsideANestedBlockStays()
    {
        // The reader sits in a branch: not a reader of this block, so the copy is left alone.
        RInstr[] raw = { Let("d_t1", V("d_s")), If("c", new RInstr[] { Add(V("d_a"), V("d_t1")) }, Array.Empty<RInstr>()) };
        IReadOnlyList<RInstr> optimized = Optimize(raw, "d_a", "d_s");

        Assert.Contains(Let("d_t1", V("d_s")), Leaves(optimized));
    }

    [Fact]
    public void TheResultAdjointNobodyWritesIsTheSeed()
    {
        // return a * b: double d_t0 = d_value; d_value = 0; d_a += d_t0 * b; d_b += d_t0 * a;
        RInstr[] raw = { Group(Take("d_t0", Result), Add(V("d_a"), Mul(V("d_t0"), V("b"))), Add(V("d_b"), Mul(V("d_t0"), V("a")))) };
        ReversePeepholes peepholes = ReversePeepholes.Analyze(raw, Result, Seed, new[] { "d_a", "d_b" });
        IReadOnlyList<RInstr> optimized = peepholes.Rewrite(raw);

        Assert.True(peepholes.FoldsResultAdjoint);
        Assert.Equal(new RInstr[] { Add(V("d_a"), Mul(Seed, V("b"))), Add(V("d_b"), Mul(Seed, V("a"))) }, Leaves(optimized));
        AssertSameAdjoints(raw, optimized, new() { ["seed"] = 3, ["a"] = 2, ["b"] = -1, ["d_a"] = 0, ["d_b"] = 0 }, "d_a", "d_b");

        IReadOnlyList<RInstr> fused = ReversePeepholes.FoldSeed(optimized, "seed", C(1));
        Assert.Equal(new RInstr[] { Add(V("d_a"), V("b")), Add(V("d_b"), V("a")) }, Leaves(fused));
    }

    [Fact]
    public void TheResultAdjointIsNotTheSeedWhenSomethingAddsToIt()
    {
        // A return in a loop: each iteration's take must see what the one after it left.
        RInstr[] raw = { Loop("i", 2, Group(Take("d_t0", Result), Add(At("dx", I("i")), V("d_t0"))), Group(Add(Result, V("y")))) };
        ReversePeepholes peepholes = ReversePeepholes.Analyze(raw, Result, Seed, new[] { "dx" });
        IReadOnlyList<RInstr> optimized = peepholes.Rewrite(raw);

        Assert.False(peepholes.FoldsResultAdjoint);
        AssertSameAdjoints(raw, optimized, new() { ["seed"] = 3, ["y"] = 0.5 }, "dx[0]", "dx[1]", "dx[2]");
    }

    [Fact]
    public void AnInstructionThePassDoesNotKnowLeavesTheSweepUnchanged()
    {
        RInstr[] raw = { Group(Take("d_t0", Result), Let("d_t1", V("d_t0")), Add(V("d_a"), V("d_t1"))), new Unknown() };

        Assert.Same(raw, Optimize(raw, "d_a"));
    }

    private sealed record Unknown : RInstr;

    /// <summary>Runs a reverse sweep over named doubles; an element is the entry <c>array[index]</c>.</summary>
    private static class Interpreter
    {
        public static double Get(Dictionary<string, double> state, string name) => state.TryGetValue(name, out double value) ? value : 0;

        public static void Run(IReadOnlyList<RInstr> instructions, Dictionary<string, double> state)
        {
            foreach (RInstr instruction in instructions)
            {
                switch (instruction)
                {
                    case RGroup g: Run(g.Body, state); break;
                    case RIf f: Run(Evaluate(f.Forward.Condition, state) != 0 ? f.Then : f.Else, state); break;
                    case RLoop l:
                        string counter = l.Forward.Counter!.Variable.Name;
                        for (double i = Evaluate(l.LastCounter!, state); i >= Evaluate(l.Forward.Counter.Start, state); i--)
                        {
                            state[counter] = i;
                            Run(l.Step, state);
                            Run(l.Body, state);
                        }

                        break;
                    case RTake t:
                        state[Key(t.Local, state)] = Evaluate(t.Adjoint, state);
                        state[Key(t.Adjoint, state)] = 0;
                        break;
                    case RZero z: state[Key(z.Adjoint, state)] = 0; break;
                    case RAdd { Declare: true } a: state[Key(a.Adjoint, state)] = Evaluate(a.Contribution, state); break;
                    case RAdd a:
                        double contribution = Evaluate(a.Contribution, state);
                        state[Key(a.Adjoint, state)] = Evaluate(a.Adjoint, state) + contribution;
                        break;
                    default: throw new InvalidOperationException("The test interpreter does not run " + instruction.GetType().Name);
                }
            }
        }

        private static string Key(Expr assignable, Dictionary<string, double> state) => assignable switch
        {
            VariableRef v => v.Name,
            ElementRead { Collection: CollectionRef c } e => c.Name + "[" + Evaluate(e.Index, state) + "]",
            _ => throw new InvalidOperationException("Not assignable: " + assignable),
        };

        private static double Evaluate(Expr expr, Dictionary<string, double> state) => expr switch
        {
            Constant c => c.Value,
            VariableRef or ElementRead => Get(state, Key(expr, state)),
            Unary { Operator: UnaryOperator.Negate } u => -Evaluate(u.Operand, state),
            Binary { Operator: BinaryOperator.Multiply } b => Evaluate(b.Left, state) * Evaluate(b.Right, state),
            Binary { Operator: BinaryOperator.Add } b => Evaluate(b.Left, state) + Evaluate(b.Right, state),
            Binary { Operator: BinaryOperator.Subtract } b => Evaluate(b.Left, state) - Evaluate(b.Right, state),
            Binary { Operator: BinaryOperator.Divide } b => Evaluate(b.Left, state) / Evaluate(b.Right, state),
            _ => throw new InvalidOperationException("The test interpreter does not evaluate " + expr),
        };
    }
}
