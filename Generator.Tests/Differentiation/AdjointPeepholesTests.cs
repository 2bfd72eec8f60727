using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Ir;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Differentiation;

/// <summary>
/// The rewrite of the raw reverse sweep into the emitted one: first writes become assignments or declarations
/// only where that is exact on every path, and the seed folds in. Each case also runs both sweeps on the
/// same values and requires the same adjoints, so a rewrite that changed a gradient would fail here.
/// </summary>
public sealed class AdjointPeepholesTests
{
    private static readonly ScalarKind D = ScalarKind.Double;
    private static readonly VariableRef Result = V("d_value");
    private static readonly Constant One = new(D, 1);

    private static VariableRef V(string name) => new(D, name);

    private static Accumulate Add(string adjoint, Expr contribution) => new(V(adjoint), contribution);

    private static Binary Mul(Expr a, Expr b) => new(D, BinaryOperator.Multiply, a, b);

    private static Branch If(string condition, IReadOnlyList<Instr> then, IReadOnlyList<Instr> otherwise) => new(new VariableRef(ScalarKind.Bool, condition), then, otherwise);

    private static Instr[] Block(params Instr[] instructions) => instructions;

    private static AdjointSweep Optimize(IReadOnlyList<Instr> raw, string[] zero, string[]? liveOut = null, Expr? seed = null) =>
        AdjointPeepholes.Optimize(raw, Result, seed ?? One, zero.Select(V).ToList(), (liveOut ?? new string[0]).Select(V));

    /// <summary>Runs the raw sweep (everything zero, result adjoint = 1) and the optimised one; their adjoints must agree.</summary>
    private static void AssertSameAdjoints(IReadOnlyList<Instr> raw, AdjointSweep optimized, IEnumerable<string> adjoints, Dictionary<string, double> primal)
    {
        var before = new Dictionary<string, double>(primal) { [Result.Name] = 1 };
        foreach (Accumulate write in PlanInterpreter.Writes(raw).Where(w => w.Adjoint != Result))
        {
            before[write.Adjoint.Name] = 0;
        }

        Run(raw, before);
        var after = new Dictionary<string, double>(primal);
        foreach (AdjointDeclaration declaration in optimized.Declarations)
        {
            after[declaration.Adjoint.Name] = PlanInterpreter.Evaluate(declaration.Initial, after);
        }

        Run(optimized.Body, after);
        foreach (string name in adjoints.Where(optimized.Mentioned.Contains))
        {
            Assert.Equal(before[name], after[name]);
        }
    }

    private static void Run(IReadOnlyList<Instr> instructions, Dictionary<string, double> env)
    {
        foreach (Instr instruction in instructions)
        {
            switch (instruction)
            {
                case Branch b: Run(PlanInterpreter.Evaluate(b.Condition, env) != 0 ? b.Then : b.Else, env); break;
                case Group g: Run(g.Body, env); break;
                case Accumulate { Write: AdjointWrite.Add } a: env[a.Adjoint.Name] += PlanInterpreter.Evaluate(a.Contribution, env); break;
                case Accumulate a: env[a.Adjoint.Name] = PlanInterpreter.Evaluate(a.Contribution, env); break;
            }
        }
    }

    [Fact]
    public void FirstTopLevelWriteDeclaresAndLaterWritesAccumulate()
    {
        Instr[] raw = Block(Add("d_a", Mul(Result, V("x"))), Add("d_a", Mul(Result, V("y"))), Add("d_b", Mul(V("d_a"), V("z"))));
        AdjointSweep sweep = Optimize(raw, new[] { "d_a", "d_b" });

        Assert.Equal(new[] { AdjointWrite.Declare, AdjointWrite.Add, AdjointWrite.Declare }, PlanInterpreter.Writes(sweep.Body).Select(w => w.Write));
        Assert.Empty(sweep.Declarations);
        Assert.Equal(V("x"), PlanInterpreter.Writes(sweep.Body)[0].Contribution); // 1 * x folded
        AssertSameAdjoints(raw, sweep, new[] { "d_a", "d_b" }, new() { ["x"] = 3, ["y"] = -2, ["z"] = 0.5 });
    }

    [Fact]
    public void VariableSeedIsSubstitutedWhereTheResultAdjointWasRead()
    {
        AdjointSweep sweep = Optimize(Block(Add("d_a", Mul(Result, V("x")))), new[] { "d_a" }, seed: V("seed"));
        Assert.Equal(Mul(V("seed"), V("x")), PlanInterpreter.Writes(sweep.Body)[0].Contribution);
    }

    [Fact]
    public void WriteInsideOneArmIsAnAssignmentAndTheAdjointIsDeclaredZeroUpFront()
    {
        // d_a is written in the then-arm only and read after the branch: on the else path it must still be 0.
        Instr[] raw = Block(If("c", Block(Add("d_a", Result)), Block()), Add("d_b", Mul(V("d_a"), V("x"))));
        AdjointSweep sweep = Optimize(raw, new[] { "d_a", "d_b" });

        Assert.Equal(AdjointWrite.Assign, PlanInterpreter.Writes(sweep.Body)[0].Write);
        Assert.Equal(new[] { "d_a" }, sweep.Declarations.Select(d => d.Adjoint.Name));
        Assert.Equal(0, ((Constant)sweep.Declarations[0].Initial).Value);
        foreach (double condition in new[] { 0.0, 1.0 })
        {
            AssertSameAdjoints(raw, sweep, new[] { "d_a", "d_b" }, new() { ["c"] = condition, ["x"] = 5 });
        }
    }

    [Fact]
    public void AdjointUsedOnlyInsideOneArmIsDeclaredThere()
    {
        Instr[] raw = Block(If("c", Block(Add("d_t", Mul(Result, new Binary(D, BinaryOperator.Add, V("y"), V("z")))), Add("d_a", Mul(V("d_t"), V("x")))), Block(Add("d_a", Result))));
        AdjointSweep sweep = Optimize(raw, new[] { "d_t", "d_a" });

        List<Accumulate> writes = PlanInterpreter.Writes(sweep.Body);
        Assert.Equal(AdjointWrite.Declare, writes.Single(w => w.Adjoint.Name == "d_t").Write);
        Assert.All(writes.Where(w => w.Adjoint.Name == "d_a"), w => Assert.Equal(AdjointWrite.Assign, w.Write));
        Assert.Equal(new[] { "d_a" }, sweep.Declarations.Select(d => d.Adjoint.Name));
    }

    [Fact]
    public void WriteAfterABranchThatWroteInOneArmStillAccumulates()
    {
        Instr[] raw = Block(If("c", Block(Add("d_a", Result)), Block()), Add("d_a", Mul(Result, V("x"))));
        AdjointSweep sweep = Optimize(raw, new[] { "d_a" });

        Assert.Equal(new[] { AdjointWrite.Assign, AdjointWrite.Add }, PlanInterpreter.Writes(sweep.Body).Select(w => w.Write));
        foreach (double condition in new[] { 0.0, 1.0 })
        {
            AssertSameAdjoints(raw, sweep, new[] { "d_a" }, new() { ["c"] = condition, ["x"] = 7 });
        }
    }

    [Fact]
    public void WriteAfterABranchThatWroteInBothArmsStillAccumulates()
    {
        Instr[] raw = Block(If("c", Block(Add("d_a", Result)), Block(Add("d_a", V("x")))), Add("d_a", V("x")));
        AdjointSweep sweep = Optimize(raw, new[] { "d_a" });
        Assert.Equal(AdjointWrite.Add, PlanInterpreter.Writes(sweep.Body).Last().Write);
    }

    [Fact]
    public void ParameterLocalWrittenInOneArmIsDeclaredUpFrontBecauseItIsReadAfterTheSweep()
    {
        Instr[] raw = Block(If("c", Block(Add("d_x", Result)), Block()));
        AdjointSweep sweep = Optimize(raw, new[] { "d_x" }, liveOut: new[] { "d_x" });

        Assert.Equal(new[] { "d_x" }, sweep.Declarations.Select(d => d.Adjoint.Name));
        Assert.Equal(AdjointWrite.Assign, PlanInterpreter.Writes(sweep.Body).Single().Write);
    }

    [Fact]
    public void UntouchedAdjointIsNeitherDeclaredNorMentioned()
    {
        AdjointSweep sweep = Optimize(Block(Add("d_a", Result)), new[] { "d_a", "d_x" }, liveOut: new[] { "d_x" });
        Assert.DoesNotContain("d_x", sweep.Mentioned);
        Assert.DoesNotContain(sweep.Declarations, d => d.Adjoint.Name == "d_x");
    }

    [Fact]
    public void ResultAdjointThatIsAddedToStaysALocalHoldingTheSeed()
    {
        Instr[] raw = Block(Add(Result.Name, V("x")), Add("d_a", Mul(Result, V("y"))));
        AdjointSweep sweep = Optimize(raw, new[] { "d_a" });

        Assert.Equal(Result, sweep.Declarations.Single().Adjoint);
        Assert.Equal(One, sweep.Declarations.Single().Initial);
        Assert.Equal(AdjointWrite.Add, PlanInterpreter.Writes(sweep.Body)[0].Write);
        AssertSameAdjoints(raw, sweep, new[] { "d_a" }, new() { ["x"] = 2, ["y"] = 3 });
    }

    [Fact]
    public void CopiesDisappearIntoTheirReaders()
    {
        // d_t = 1 (the seed); d_u = d_t; d_x = d_u * b  →  d_x = b. The parameter's local d_x is kept, copy or not.
        Instr[] raw = Block(Add("d_t", Result), Add("d_u", V("d_t")), Add("d_x", Mul(V("d_u"), V("b"))), Add("d_y", V("d_u")));
        AdjointSweep sweep = Optimize(raw, new[] { "d_t", "d_u", "d_x", "d_y" }, liveOut: new[] { "d_x", "d_y" });

        List<Accumulate> writes = PlanInterpreter.Writes(sweep.Body);
        Assert.Equal(new[] { "d_x", "d_y" }, writes.Select(w => w.Adjoint.Name));
        Assert.Equal(V("b"), writes[0].Contribution);
        Assert.Equal(One, writes[1].Contribution);
        AssertSameAdjoints(raw, sweep, new[] { "d_x", "d_y" }, new() { ["b"] = 4 });
    }

    [Fact]
    public void AdjointWrittenTwiceIsNotACopy()
    {
        Instr[] raw = Block(Add("d_t", Result), Add("d_t", V("x")), Add("d_y", Mul(V("d_t"), V("x"))));
        AdjointSweep sweep = Optimize(raw, new[] { "d_t", "d_y" }, liveOut: new[] { "d_y" });
        Assert.Equal(new[] { "d_t", "d_t", "d_y" }, PlanInterpreter.Writes(sweep.Body).Select(w => w.Adjoint.Name));
        AssertSameAdjoints(raw, sweep, new[] { "d_y" }, new() { ["x"] = 3 });
    }
}
