using System;
using System.Collections.Immutable;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness itself must be able to fail: a tensor oracle that computes a different function
/// is reported as a mismatch, a broken program as invalid, and the shrinker cuts a failing program
/// down to the part that makes it fail.
/// </summary>
public sealed class CheckerSelfTests
{
    /// <summary>The oracle of a different function: every Sin of the program becomes Cos in its tensor twin.</summary>
    private static FuzzProgram SinBecomesCos(FuzzProgram p) => p with
    {
        Methods = p.Methods.Select(m => m with { Result = Twist(m.Result), Body = m.Body.Select(Twist).ToImmutableArray() }).ToImmutableArray(),
    };

    [Fact]
    public void A_graph_oracle_of_a_different_function_is_a_mismatch()
    {
        FuzzProgram program = Program(new Binary('*', new Unary("Sin", new Var("x")), new Var("y")));
        FuzzResult honest = DifferentialChecker.CheckBatch(new[] { program })[0];
        FuzzResult twisted = DifferentialChecker.CheckBatch(new[] { program }, SinBecomesCos)[0];

        Assert.Equal(FuzzOutcome.Passed, honest.Outcome);
        // The values already differ (sin vs cos), so the first check to see it is the value's.
        Assert.Equal(FuzzOutcome.ValueMismatch, twisted.Outcome);
    }

    [Fact]
    public void A_program_that_does_not_compile_is_invalid_and_the_rest_of_the_batch_is_still_checked()
    {
        FuzzProgram good = Program(new Binary('+', new Var("x"), new Var("y")));
        FuzzProgram bad = Program(new Var("undeclared"));
        var results = DifferentialChecker.CheckBatch(new[] { good, bad });

        Assert.Equal(FuzzOutcome.Passed, results[0].Outcome);
        Assert.Equal(FuzzOutcome.InvalidProgram, results[1].Outcome);
        Assert.Contains("undeclared", results[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shrinker_keeps_only_what_makes_the_program_fail()
    {
        // A generated program whose Sin reaches the output, so that the twisted oracle disagrees. The features are those before
        // views, whose programs this test's time budget was set for.
        FuzzProgram[] withSin = Enumerable.Range(0, 300)
            .Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.BeforeViews))
            .Where(p => ProgramPrinter.ToCSharp(p, "P").Contains("Math.Sin(", StringComparison.Ordinal))
            .ToArray();
        FuzzResult failure = DifferentialChecker.CheckBatch(withSin, SinBecomesCos)
            // A mismatch, the twist's doing: not some other failure of the same batch (an open generator bug).
            .Where(r => r.Outcome >= FuzzOutcome.ValueMismatch && r.Program.Methods.Length > 1)
            .OrderBy(r => ProgramPrinter.ToCSharp(r.Program, "P").Length)
            .First();

        FuzzResult shrunk = Shrinker.Shrink(failure, programs => DifferentialChecker.CheckBatch(programs, SinBecomesCos), TimeSpan.FromSeconds(40));

        Assert.Equal(failure.Outcome, shrunk.Outcome);
        string before = ProgramPrinter.ToCSharp(failure.Program, "P");
        string after = ProgramPrinter.ToCSharp(shrunk.Program, "P");
        Assert.True(after.Length * 2 < before.Length, $"less than half was removed:\n{before}\n=>\n{after}");
        Assert.Contains("Math.Sin(", after, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_jumps_within_a_few_ulps_is_not_compared_with_the_graph()
    {
        // Seed 105000401 (default features): x grows to ~1e15 through x -= 1 + x³, y -= x + x·y follows it, and F is
        // tanh((1 + x²)^sin(y)): 1 in C#, and through the graph, whose rounding lands sin(y) elsewhere, 2.7e-32 in the
        // campaign and -1 on its own. F is flat at each value, so its gradient called it well conditioned, and the values
        // were reported as a mismatch.
        FuzzProgram program = ProgramGenerator.Generate(105000401, FuzzFeatures.BeforeViews & ~FuzzFeatures.Inlining);
        Assert.Contains("Math.Sin(y)", ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);

        FuzzResult result = DifferentialChecker.CheckBatch(new[] { program })[0];

        Assert.True(result.Outcome == FuzzOutcome.Passed, result.Outcome + ": " + result.Detail);
        Assert.True(result.GraphSkippedIllConditioned);
    }

    [Fact]
    public void A_gradient_component_that_jumps_within_a_few_ulps_is_not_compared_with_the_graph()
    {
        // Seed 113002698 (default features before views): x is driven to ~1e25 and F's last factor takes Math.Pow(1 + p0², Math.Sin(x)),
        // so ∂F/∂x carries cos(x), which a few ulps of the inputs move from 1.1e26 to 2.7e26. Differences of the gradient at
        // a step of 1e-6 happened to call the component tame, and the generated 1.1e26 against the graph's 0 was reported.
        FuzzProgram program = ProgramGenerator.Generate(113002698, FuzzFeatures.BeforeViews);
        Assert.Contains("Math.Pow((1.0 + p[0] * p[0]), Math.Sin(x))", ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);

        FuzzResult result = DifferentialChecker.CheckBatch(new[] { program })[0];

        Assert.True(result.Outcome == FuzzOutcome.Passed, result.Outcome + ": " + result.Detail);
        Assert.True(result.GraphSkippedIllConditioned);
    }

    [Fact]
    public void Differences_allow_for_a_value_that_rounds_worse_than_an_ulp()
    {
        // Seed 115000673 (default features before views): x is cubed three times, to ~1e190, and F is x. F's rounding, a few ulps of it,
        // divided by the step of 2e-6, moved the differences of ∂F/∂p[0] by 2e-4 (1.03005e185 against the generated and the
        // graph's 1.02983e185; steps of 1e-4 and 1e-5 agree with them to 2e-6), past a tolerance that assumed one ulp.
        FuzzProgram program = ProgramGenerator.Generate(115000673, FuzzFeatures.BeforeViews);
        Assert.Contains("Math.Sin((-0.7))", ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);

        FuzzResult result = DifferentialChecker.CheckBatch(new[] { program })[0];

        Assert.True(result.Outcome == FuzzOutcome.Passed, result.Outcome + ": " + result.Detail);
    }

    [Theory]
    [InlineData(111000841L, FuzzFeatures.Arrays | FuzzFeatures.Loops | FuzzFeatures.LoopArrays | FuzzFeatures.Fills)]
    [InlineData(116001087L, FuzzFeatures.Arrays | FuzzFeatures.Loops | FuzzFeatures.Collections | FuzzFeatures.Inlining)]
    public void A_graph_that_loses_cancelling_adjoints_is_overruled_by_differences_and_listed(long seed, FuzzFeatures features)
    {
        // Both take x - x under a huge adjoint (1e28 in FB-13's program; in 116001087, L0(s, s) of a helper that starts
        // v3 = v0 - v0 and multiplies it by ~s² three times). The generated code sums the two opposite partials first and adds
        // nothing; the graph adds them one by one, as PyTorch does, and loses what ∂F/∂x held before (a third of it in
        // 116001087, where central differences agree with the generated gradient to 1e-9).
        FuzzProgram program = ProgramGenerator.Generate(seed, features);

        FuzzResult result = DifferentialChecker.CheckBatch(new[] { program })[0];

        Assert.True(result.Outcome == FuzzOutcome.Passed, result.Outcome + ": " + result.Detail);
        Assert.True(result.GraphOverruledByDifferences);
    }

    [Fact]
    public void A_gradient_left_from_cancelling_terms_is_compared_within_its_rounding_noise()
    {
        // Seed 71003776 computes H0(z) = z·(z + √(1 + z²)) at z ≈ −7026: the derivative, ~1e-9, is what is left of
        // adjoint terms ~0.1 that cancel, so the generated code and the graph (which order the pow differently)
        // agree only to its rounding noise. It failed as a graph mismatch before the noise widened the tolerance.
        FuzzProgram program = ProgramGenerator.Generate(71003776, FuzzFeatures.None);
        Assert.Contains("Math.Sqrt(1.0 + a * a)", ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);

        Assert.Equal(FuzzOutcome.Passed, DifferentialChecker.CheckBatch(new[] { program })[0].Outcome);
    }

    [Fact]
    public void A_gradient_component_float64_cannot_resolve_is_judged_by_its_own_conditioning()
    {
        // Seed 94000261 (with the feature set of its run): an extension helper called in a loop sums its argument into s0,
        // which grows to ~1e8, and multiplies by cos(s0) + 2·s0, so ∂F/∂x carries sin(s0), which one ulp of s0 moves by 1e-8
        // relative. F is well conditioned, so the graph comparison ran at 1e-10 and reported the generated gradient and the
        // graph (both ~6e-8 from the exact value, FoundBugs.md) as a mismatch until components were judged by their own.
        FuzzProgram program = ProgramGenerator.Generate(94000261,
            FuzzFeatures.Arrays | FuzzFeatures.Loops | FuzzFeatures.Collections | FuzzFeatures.LoopArrays | FuzzFeatures.Patterns | FuzzFeatures.ExtensionCalls | FuzzFeatures.InstanceCalls);
        Assert.Contains("a *= (Math.Cos(s0) + (s0 + s0));", ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);

        FuzzResult result = DifferentialChecker.CheckBatch(new[] { program })[0];

        Assert.True(result.Outcome == FuzzOutcome.Passed, $"{result.Outcome}: {result.Detail}");
    }

    [Fact]
    public void An_input_lost_to_rounding_in_an_ill_conditioned_program_is_not_compared_with_differences()
    {
        // Seed 102000113 (the feature set of its run), shrunk: y += y·y nine times (y reaches ~2e29), then y += x and F takes
        // sin(y). x ± h leaves y, and F, unchanged at every step, so the differences are 0 while ∂F/∂x = ∂F/∂y ≈ −0.095.
        FuzzProgram program = ProgramGenerator.Generate(102000113,
            FuzzFeatures.Arrays | FuzzFeatures.Loops | FuzzFeatures.Collections | FuzzFeatures.LoopArrays | FuzzFeatures.Patterns | FuzzFeatures.ExtensionCalls |
            FuzzFeatures.InstanceCalls | FuzzFeatures.Searches);
        Assert.Contains("Math.Sin(Math.Abs(x))", ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);

        FuzzResult result = DifferentialChecker.CheckBatch(new[] { program })[0];

        Assert.True(result.Outcome == FuzzOutcome.Passed, $"{result.Outcome}: {result.Detail}");
    }

    [Fact]
    public void An_input_lost_to_rounding_where_the_graph_agrees_is_not_compared_with_differences()
    {
        // Seed 116001102: x += L0(L0(L0(-1.68))) twice, where L0 cubes its argument, so x reaches ~1e30 and the input x is
        // lost in it; F = -0.68·y²·1.16^sin(x). The differences are 0 at every step, while the generated ∂F/∂x, -0.166, is
        // the graph's too. The program is well conditioned by F's gradient, so only the graph's agreement tells.
        FuzzProgram program = ProgramGenerator.Generate(116001102, FuzzFeatures.Arrays | FuzzFeatures.Loops | FuzzFeatures.Collections | FuzzFeatures.Inlining);
        Assert.Contains("L0(L0(L0((-1.68))))", ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);

        FuzzResult result = DifferentialChecker.CheckBatch(new[] { program })[0];

        Assert.True(result.Outcome == FuzzOutcome.Passed, $"{result.Outcome}: {result.Detail}");
        Assert.False(result.GraphSkippedIllConditioned);
    }

    [Fact]
    public void Finite_differences_of_a_huge_function_allow_for_their_own_rounding()
    {
        // Seed 74001240, shrunk: H0(a, b) = (a − b)·b³ and F = H0(y, H0(1, H0(1.15, x − 2))) = (y − d)·d³ with
        // d ≈ −7.6e5, so ∂F/∂y = d³ exactly, but F(y ± 1e-6) ≈ 3e23 differ only in their last digits: the central
        // difference is off by ~1e-5 relative from rounding alone.
        var h0 = new FuzzMethod("H0", ImmutableArray.Create("a", "b"), ImmutableArray<FuzzStatement>.Empty,
            new Binary('*', new Binary('-', new Var("a"), new Var("b")), new PowInt(new Var("b"), 3)));
        FuzzExpr H0(FuzzExpr a, FuzzExpr b) => new Call("H0", ImmutableArray.Create(a, b));
        var f = new FuzzMethod("F", ImmutableArray.Create("x", "y"), ImmutableArray.Create<FuzzStatement>(new Assign("x", new Binary('-', new Var("x"), new Num(2)))),
            H0(new Var("y"), H0(new Num(1), H0(new Num(1.15), new Var("x")))));
        var program = new FuzzProgram(74001240, ImmutableArray.Create(h0, f), ImmutableArray.Create(-0.084, -0.85));

        Assert.Equal(FuzzOutcome.Passed, DifferentialChecker.CheckBatch(new[] { program })[0].Outcome);
    }

    [Fact]
    public void A_tie_in_max_gives_each_side_half_in_the_graph_as_in_the_generated_code()
    {
        // Seed 76001004: Math.Max(-0.76, x) at x = -0.76. torch.maximum's convention, which the generator follows,
        // splits the gradient on a tie; the graph twin used to hand it all to one side.
        FuzzProgram program = Program(new MinMax(true, new Num(-0.76), new Var("x"))) with { Point = ImmutableArray.Create(-0.76, 0.785) };
        Assert.Equal(FuzzOutcome.Passed, DifferentialChecker.CheckBatch(new[] { program })[0].Outcome);
    }

    [Fact]
    public void Finite_differences_too_coarse_for_an_oscillation_are_not_trusted()
    {
        // Seed 76004346's shape: F = sin(w) − w with w = (1069.3·x)³ ≈ −4.7e8, so w' ≈ 1.9e9 and sin(w) turns over
        // thousands of times inside a step of 1e-6: both coarse steps see only −w' and agree on the wrong slope.
        FuzzExpr w = new PowInt(new Binary('*', new Var("x"), new Num(1069.3)), 3);
        FuzzProgram program = Program(new Binary('-', new Unary("Sin", w), w)) with { Point = ImmutableArray.Create(-0.726, 0.481) };
        FuzzResult result = DifferentialChecker.CheckBatch(new[] { program })[0];
        Assert.Equal(FuzzOutcome.Passed, result.Outcome);
        Assert.True(result.FiniteDifferencesSkipped);
    }

    [Fact]
    public void Finite_differences_are_not_compared_where_the_slope_turns_within_every_step()
    {
        // Seed 82002182, shrunk: three rounds of x += (x·(1 + x))³; x += cos(x) take x to ≈ 1.8e10, so F's slope carries a
        // factor 1 − sin(x) that turns over every 1e-11 in the input. All three steps of the differences average it away
        // and agree on 5.9e11, while the true derivative (forward mode by hand: 1.175e11) is what the generated code gives.
        var h0 = new FuzzMethod("H0", ImmutableArray.Create("a", "b", "c"), ImmutableArray<FuzzStatement>.Empty, new PowInt(new Var("b"), 3));
        var call = new Call("H0", ImmutableArray.Create<FuzzExpr>(new Num(1), new Binary('*', new Var("x"), new Binary('+', new Num(1), new Var("x"))), new Num(1)));
        var round = ImmutableArray.Create<FuzzStatement>(
            new For("i4", 1, ImmutableArray.Create<FuzzStatement>(new Assign("y", call))),
            new CompoundAssign("x", '+', new Var("y")),
            new CompoundAssign("x", '+', new Unary("Cos", new Var("x"))));
        var f = new FuzzMethod("F", ImmutableArray.Create("x", "y"), ImmutableArray.Create<FuzzStatement>(new For("i3", 3, round)), new Var("x"));
        var program = new FuzzProgram(82002182, ImmutableArray.Create(h0, f), ImmutableArray.Create(0.448, 0.318));

        FuzzResult result = DifferentialChecker.CheckBatch(new[] { program })[0];
        Assert.Equal(FuzzOutcome.Passed, result.Outcome);
        Assert.True(result.FiniteDifferencesSkipped);
    }

    private static FuzzProgram Program(FuzzExpr result) =>
        new(0, ImmutableArray.Create(new FuzzMethod("F", ImmutableArray.Create("x", "y"), ImmutableArray<FuzzStatement>.Empty, result)), ImmutableArray.Create(0.7, -1.3));

    private static FuzzStatement Twist(FuzzStatement s) => s switch
    {
        DeclareDouble d => d with { Value = Twist(d.Value) },
        Assign a => a with { Value = Twist(a.Value) },
        CompoundAssign c => c with { Value = Twist(c.Value) },
        ReturnIf r => r with { Value = Twist(r.Value) },
        If f => f with { Then = f.Then.Select(Twist).ToImmutableArray(), Else = f.Else.Select(Twist).ToImmutableArray() },
        _ => s,
    };

    private static FuzzExpr Twist(FuzzExpr e) => e switch
    {
        Unary { Function: "Sin" } u => new Unary("Cos", Twist(u.Arg)),
        Unary u => u with { Arg = Twist(u.Arg) },
        Neg n => n with { Operand = Twist(n.Operand) },
        Binary b => b with { Left = Twist(b.Left), Right = Twist(b.Right) },
        SafeDiv d => d with { Numerator = Twist(d.Numerator), Den = Twist(d.Den) },
        PowInt p => p with { Base = Twist(p.Base) },
        MinMax m => m with { Left = Twist(m.Left), Right = Twist(m.Right) },
        Conditional c => c with { WhenTrue = Twist(c.WhenTrue), WhenFalse = Twist(c.WhenFalse) },
        Call c => c with { Arguments = c.Arguments.Select(Twist).ToImmutableArray() },
        _ => e,
    };
}
