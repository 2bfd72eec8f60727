using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Differentiation;

/// <summary>The pure transformation, IR in and plan out, built by hand and run by <see cref="PlanInterpreter"/> (no Roslyn).</summary>
public sealed class ReverseSweepTests
{
    private static readonly SourceInfo Line = new(1, "statement");
    private static readonly ScalarKind D = ScalarKind.Double;

    private static VariableRef V(string name, ScalarKind kind = ScalarKind.Double) => new(kind, name);

    private static Constant C(double value) => new(D, value);

    private static Binary Op(BinaryOperator op, Expr a, Expr b) => new(OperatorText.IsComparison(op) ? ScalarKind.Bool : a.Kind, op, a, b);

    private static MathCall Call(MathFunction f, params Expr[] args) => new(D, f, MathContainer.Math, args.ToEquatableArray());

    private static Block Body(params Stmt[] statements) => new(Line, statements.ToEquatableArray());

    private static MethodModel Method(Block body, params ParameterModel[] parameters) =>
        new("M()", "M.g.cs", null, EquatableArray.Of(new ContainingType("class", "C")), "M", "public", true,
            parameters.ToEquatableArray(), D, "MTape", "C.M()", body);

    private static ParameterModel P(string name, bool differentiable = true, ScalarKind kind = ScalarKind.Double) => new(name, kind.CSharpName(), kind, ValueShape.Scalar, differentiable);

    private static DerivativePlan Plan(MethodModel method) => ReverseSweep.Differentiate(method, Array.Empty<CustomRuleModel>());

    /// <summary>Gradient by central differences of the plan's own forward sweep, against the plan's reverse sweep.</summary>
    private static void AssertGradientMatchesFiniteDifferences(MethodModel method, params double[] point)
    {
        DerivativePlan plan = Plan(method);
        List<(string, double)> Args(double[] values) => method.Parameters.Select((p, i) => (p.Name, values[i])).ToList();
        (double value, double[] gradient) = PlanInterpreter.Run(plan, Args(point));
        Assert.False(double.IsNaN(value));
        int g = 0;
        for (int i = 0; i < point.Length; i++)
        {
            if (!method.Parameters[i].IsDifferentiable)
            {
                continue;
            }

            const double h = 1e-6;
            double[] up = (double[])point.Clone(), down = (double[])point.Clone();
            up[i] += h;
            down[i] -= h;
            double expected = (PlanInterpreter.Run(plan, Args(up)).Value - PlanInterpreter.Run(plan, Args(down)).Value) / (2 * h);
            Assert.True(Math.Abs(expected - gradient[g]) < 1e-6 * (1 + Math.Abs(expected)), $"∂/∂{method.Parameters[i].Name}: finite differences {expected}, reverse sweep {gradient[g]}");
            g++;
        }
    }

    [Fact]
    public void ReassignmentDefinesANewVariable()
    {
        // t = x * y; t = t * t; return t
        MethodModel method = Method(Body(
            new LocalDeclaration(Line, "t", D, Op(BinaryOperator.Multiply, V("x"), V("y"))),
            new Assignment(Line, "t", Op(BinaryOperator.Multiply, V("t"), V("t"))),
            new Return(Line, V("t"))), P("x"), P("y"));
        LoweredMethod lowered = SsaLowering.Lower(method, Array.Empty<CustomRuleModel>());
        Assert.Equal(new[] { "t", "t_1", "value" }, ReverseSweep.Definitions(lowered.Body).Select(v => v.Name));
        AssertGradientMatchesFiniteDifferences(method, 0.7, -1.3);
    }

    [Fact]
    public void TapeSavesExactlyWhatTheReverseSweepReads()
    {
        DerivativePlan product = Plan(Method(Body(new Return(Line, Op(BinaryOperator.Multiply, V("x"), V("y")))), P("x"), P("y")));
        Assert.Equal(new[] { "x", "y" }, product.TapeFields.Select(f => f.Name));

        DerivativePlan sum = Plan(Method(Body(new Return(Line, Op(BinaryOperator.Add, V("x"), V("y")))), P("x"), P("y")));
        Assert.Empty(sum.TapeFields);

        DerivativePlan exp = Plan(Method(Body(new Return(Line, Call(MathFunction.Exp, V("x")))), P("x")));
        Assert.Equal(new[] { "value" }, exp.TapeFields.Select(f => f.Name)); // exp' = exp: the result, not x
    }

    [Fact]
    public void MergedBranchesAndEarlyReturnsDifferentiateCorrectly()
    {
        // y = x; if (x > 0) { y = sin(x) * z; } else { y = y * y; }  if (z < 0) return y * z;  return y + exp(z);
        MethodModel method = Method(Body(
            new LocalDeclaration(Line, "y", D, V("x")),
            new If(Line, Op(BinaryOperator.Greater, V("x"), C(0)),
                Body(new Assignment(Line, "y", Op(BinaryOperator.Multiply, Call(MathFunction.Sin, V("x")), V("z")))),
                Body(new Assignment(Line, "y", Op(BinaryOperator.Multiply, V("y"), V("y"))))),
            new If(Line, Op(BinaryOperator.Less, V("z"), C(0)), Body(new Return(Line, Op(BinaryOperator.Multiply, V("y"), V("z")))), null),
            new Return(Line, Op(BinaryOperator.Add, V("y"), Call(MathFunction.Exp, V("z"))))), P("x"), P("z"));
        AssertGradientMatchesFiniteDifferences(method, 0.6, 1.1);
        AssertGradientMatchesFiniteDifferences(method, -0.6, 1.1);
        AssertGradientMatchesFiniteDifferences(method, 0.6, -1.1);
        AssertGradientMatchesFiniteDifferences(method, -0.6, -1.1);
    }

    [Fact]
    public void SwitchStatementWithDefaultFirstRunsDefaultLast()
    {
        // switch (n) { default: r = x; break; case 1: r = x * x; break; case 2 or 3: r = x * x * x; break; }
        var n = V("n", ScalarKind.Int);
        MethodModel method = Method(Body(
            new LocalDeclaration(Line, "r", D, null),
            new Switch(Line, n, EquatableArray.Of(
                new SwitchSection(EquatableArray.Of<Pattern>(new DiscardPattern()), Body(new Assignment(Line, "r", V("x")))),
                new SwitchSection(EquatableArray.Of<Pattern>(new ConstantPattern(new Constant(ScalarKind.Int, 1))), Body(new Assignment(Line, "r", Op(BinaryOperator.Multiply, V("x"), V("x"))))),
                new SwitchSection(EquatableArray.Of<Pattern>(new OrPattern(new ConstantPattern(new Constant(ScalarKind.Int, 2)), new ConstantPattern(new Constant(ScalarKind.Int, 3)))),
                    Body(new Assignment(Line, "r", Op(BinaryOperator.Multiply, Op(BinaryOperator.Multiply, V("x"), V("x")), V("x"))))))),
            new Return(Line, V("r"))), P("x"), P("n", differentiable: false, ScalarKind.Int));
        DerivativePlan plan = Plan(method);
        foreach ((int mode, double expected) in new[] { (0, 1.0), (1, 2 * 1.5), (3, 3 * 1.5 * 1.5) })
        {
            (_, double[] gradient) = PlanInterpreter.Run(plan, new List<(string, double)> { ("x", 1.5), ("n", mode) });
            Assert.Equal(expected, gradient[0], 12);
        }
    }

    [Fact]
    public void IntegersAndNoDerivativeParametersGetNoAdjoint()
    {
        // return c * x * (double)n
        MethodModel method = Method(Body(new Return(Line,
            Op(BinaryOperator.Multiply, Op(BinaryOperator.Multiply, V("c"), V("x")), new Conversion(D, V("n", ScalarKind.Int))))),
            P("x"), P("n", differentiable: false, ScalarKind.Int), P("c", differentiable: false));
        DerivativePlan plan = Plan(method);
        Assert.Equal(new[] { "dx" }, plan.ParameterAdjoints.Select(a => a.Adjoint.Name));
        Assert.DoesNotContain(plan.Fused.Declarations, d => !d.Adjoint.Kind.IsFloatingPoint());
        Assert.Equal("d_x", plan.ParameterAdjoints[0].Local.Name);
        (_, double[] gradient) = PlanInterpreter.Run(plan, new List<(string, double)> { ("x", 2), ("n", 3), ("c", 0.5) });
        Assert.Equal(1.5, gradient[0]);
    }

    [Fact]
    public void ResultIndependentOfInputsIsReportedInactive()
    {
        DerivativePlan plan = Plan(Method(Body(new Return(Line, Op(BinaryOperator.Multiply, V("c"), C(2)))), P("c", differentiable: false)));
        Assert.False(plan.ResultIsActive);
        Assert.Empty(plan.Backward.Body);
        Assert.Empty(plan.Fused.Body);
    }

    [Fact]
    public void CastToIntegerFlowingIntoTheValueIsFlagged()
    {
        var cast = new Conversion(ScalarKind.Int, V("x"), new SourceSpan(10, 6));
        DerivativePlan plan = Plan(Method(Body(new Return(Line, Op(BinaryOperator.Multiply, V("x"), new Conversion(D, cast)))), P("x")));
        Assert.Equal(new[] { new SourceSpan(10, 6) }, plan.Activity.NonDifferentiableOperations);
    }

    [Fact]
    public void ParameterAdjointNamesAvoidClashesWithSourceNames()
    {
        // Parameters x and dx: the adjoint of x cannot be called dx.
        DerivativePlan plan = Plan(Method(Body(new Return(Line, Op(BinaryOperator.Multiply, V("x"), V("dx")))), P("x"), P("dx")));
        string[] names = plan.ParameterAdjoints.Select(a => a.Adjoint.Name).ToArray();
        Assert.Equal(2, names.Distinct().Count());
        Assert.DoesNotContain("x", names);
        Assert.DoesNotContain("dx", names);
    }

    [Fact]
    public void ValueTestedOnlyInAConditionGetsNoAdjoint()
    {
        // a = Math.Abs(x); if (a <= 1) return x * x; return x;  — a decides the branch but carries no derivative.
        MethodModel method = Method(Body(
            new LocalDeclaration(Line, "a", D, Call(MathFunction.Abs, V("x"))),
            new If(Line, Op(BinaryOperator.LessOrEqual, V("a"), C(1)), Body(new Return(Line, Op(BinaryOperator.Multiply, V("x"), V("x")))), null),
            new Return(Line, V("x"))), P("x"));
        DerivativePlan plan = Plan(method);
        Assert.DoesNotContain(PlanInterpreter.Writes(plan.Fused.Body), w => w.Adjoint.Name == "d_a");
        Assert.False(plan.Activity.IsActive(V("a")));
        AssertGradientMatchesFiniteDifferences(method, 0.5);
        AssertGradientMatchesFiniteDifferences(method, -3);
    }

    [Fact]
    public void SquareContributesOnceDoubled()
    {
        DerivativePlan plan = Plan(Method(Body(new Return(Line, Op(BinaryOperator.Multiply, V("x"), V("x")))), P("x")));
        Accumulate write = Assert.Single(PlanInterpreter.Writes(plan.Fused.Body));
        Assert.Equal(new Binary(D, BinaryOperator.Multiply, C(2), V("x")), write.Contribution); // seed 1 folded: d_x = 2 * x
    }

    [Fact]
    public void ReciprocalReusesTheQuotient()
    {
        // q = 1 / x: dq/dx = -q², a multiply, not -q / x.
        DerivativePlan plan = Plan(Method(Body(new Return(Line, Op(BinaryOperator.Divide, C(1), V("x")))), P("x")));
        Accumulate write = Assert.Single(PlanInterpreter.Writes(plan.Fused.Body));
        Assert.Equal(new Unary(D, UnaryOperator.Negate, new Binary(D, BinaryOperator.Multiply, V("value"), V("value"))), write.Contribution);
        AssertGradientMatchesFiniteDifferences(Method(Body(new Return(Line, Op(BinaryOperator.Divide, C(1), V("x")))), P("x")), 0.7);
    }
}
