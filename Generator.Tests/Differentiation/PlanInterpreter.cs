using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Tests.Differentiation;

/// <summary>
/// Runs a <see cref="DerivativePlan"/> directly (no Roslyn, no generated C#): the forward instructions,
/// then the fused entry's reverse sweep (seeded with 1), giving the value and the gradient. Values are doubles; bools are 0/1.
/// It evaluates the IR with its own semantics, so the tests check the differentiation, not the emitter.
/// </summary>
internal static class PlanInterpreter
{
    public static (double Value, double[] Gradient) Run(DerivativePlan plan, IReadOnlyList<(string Name, double Value)> arguments)
    {
        var env = arguments.ToDictionary(a => a.Name, a => a.Value);
        Execute(plan.Forward, env);
        foreach (AdjointDeclaration declaration in plan.Fused.Declarations)
        {
            env[declaration.Adjoint.Name] = Evaluate(declaration.Initial, env);
        }

        Execute(plan.Fused.Body, env);
        return (env[plan.Result.Name], plan.ParameterAdjoints.Select(a => plan.Fused.Mentions(a.Local) ? env[a.Local.Name] : 0).ToArray());
    }

    /// <summary>Every adjoint write of a reverse sweep, in order, branches included.</summary>
    public static List<Accumulate> Writes(IReadOnlyList<Instr> instructions) => instructions.SelectMany(i => i switch
    {
        Accumulate a => new[] { a },
        Branch b => Writes(b.Then).Concat(Writes(b.Else)),
        Group g => Writes(g.Body),
        _ => Enumerable.Empty<Accumulate>(),
    }).ToList();

    private static void Execute(IReadOnlyList<Instr> instructions, Dictionary<string, double> env)
    {
        foreach (Instr instruction in instructions)
        {
            switch (instruction)
            {
                case Group g: Execute(g.Body, env); break;
                case Branch b: Execute(Evaluate(b.Condition, env) != 0 ? b.Then : b.Else, env); break;
                case Define d: env[d.Target.Name] = Round(d.Target.Kind, EvaluateOp(d.Op, d.Target.Kind, env)); break;
                case Accumulate { Write: AdjointWrite.Add } a: env[a.Adjoint.Name] += Evaluate(a.Contribution, env); break;
                case Accumulate a: env[a.Adjoint.Name] = Evaluate(a.Contribution, env); break;
                case NoMatch: throw new InvalidOperationException("switch expression matched no arm");
                default: throw new NotSupportedException(instruction.GetType().Name);
            }
        }
    }

    private static double Round(ScalarKind kind, double value) => kind switch
    {
        ScalarKind.Float => (float)value,
        ScalarKind.Int => Math.Truncate(value),
        _ => value,
    };

    private static double EvaluateOp(Op op, ScalarKind kind, Dictionary<string, double> env) => op switch
    {
        CopyOp c => Evaluate(c.Value, env),
        UnaryOp u => Evaluate(new Unary(kind, u.Operator, u.Operand), env),
        BinaryOp b => Evaluate(new Binary(kind, b.Operator, b.Left, b.Right), env),
        ConvertOp c => Round(c.To, Evaluate(c.Operand, env)),
        MathOp m => Evaluate(new MathCall(kind, m.Function, m.Container, new Model.EquatableArray<Expr>(m.Arguments)), env),
        _ => throw new NotSupportedException(op.GetType().Name),
    };

    public static double Evaluate(Expr expr, IReadOnlyDictionary<string, double> env)
    {
        switch (expr)
        {
            case Constant c: return c.Value;
            case VariableRef v: return env[v.Name];
            case Conversion c: return Round(c.Kind, Evaluate(c.Operand, env));
            case Unary u: return u.Operator == UnaryOperator.Negate ? -Evaluate(u.Operand, env) : Evaluate(u.Operand, env) == 0 ? 1 : 0;
            case Conditional c: return Evaluate(c.Condition, env) != 0 ? Evaluate(c.WhenTrue, env) : Evaluate(c.WhenFalse, env);
            case Binary b:
            {
                double l = Evaluate(b.Left, env);
                if (b.Operator == BinaryOperator.LogicalAnd) return l != 0 && Evaluate(b.Right, env) != 0 ? 1 : 0;
                if (b.Operator == BinaryOperator.LogicalOr) return l != 0 || Evaluate(b.Right, env) != 0 ? 1 : 0;
                double r = Evaluate(b.Right, env);
                bool integer = b.Kind == ScalarKind.Int;
                return b.Operator switch
                {
                    BinaryOperator.Add => l + r,
                    BinaryOperator.Subtract => l - r,
                    BinaryOperator.Multiply => l * r,
                    BinaryOperator.Divide => integer ? Math.Truncate(l / r) : l / r,
                    BinaryOperator.Remainder => Math.IEEERemainder(l, r) is var _ ? l % r : 0,
                    BinaryOperator.Less => l < r ? 1 : 0,
                    BinaryOperator.LessOrEqual => l <= r ? 1 : 0,
                    BinaryOperator.Greater => l > r ? 1 : 0,
                    BinaryOperator.GreaterOrEqual => l >= r ? 1 : 0,
                    BinaryOperator.Equal => l == r ? 1 : 0,
                    _ => l != r ? 1 : 0,
                };
            }

            case MathCall m:
                return MathValue(m.Function, m.Arguments.Select(a => Evaluate(a, env)).ToArray());
            default:
                throw new NotSupportedException(expr.GetType().Name);
        }
    }

    /// <summary>The function itself, written independently of the generator's tables.</summary>
    public static double MathValue(MathFunction f, double[] a) => f switch
    {
        MathFunction.Sin => Math.Sin(a[0]),
        MathFunction.Cos => Math.Cos(a[0]),
        MathFunction.Tan => Math.Tan(a[0]),
        MathFunction.Asin => Math.Asin(a[0]),
        MathFunction.Acos => Math.Acos(a[0]),
        MathFunction.Atan => Math.Atan(a[0]),
        MathFunction.Atan2 => Math.Atan2(a[0], a[1]),
        MathFunction.Sinh => Math.Sinh(a[0]),
        MathFunction.Cosh => Math.Cosh(a[0]),
        MathFunction.Tanh => Math.Tanh(a[0]),
        MathFunction.Exp => Math.Exp(a[0]),
        MathFunction.Log => a.Length == 2 ? Math.Log(a[0], a[1]) : Math.Log(a[0]),
        MathFunction.Log10 => Math.Log10(a[0]),
        MathFunction.Log2 => Math.Log2(a[0]),
        MathFunction.Sqrt => Math.Sqrt(a[0]),
        MathFunction.Cbrt => Math.Cbrt(a[0]),
        MathFunction.Pow => Math.Pow(a[0], a[1]),
        MathFunction.Abs => Math.Abs(a[0]),
        MathFunction.Min => Math.Min(a[0], a[1]),
        MathFunction.Max => Math.Max(a[0], a[1]),
        MathFunction.Clamp => Math.Clamp(a[0], a[1], a[2]),
        MathFunction.Floor => Math.Floor(a[0]),
        MathFunction.Ceiling => Math.Ceiling(a[0]),
        MathFunction.Round => Math.Round(a[0]),
        MathFunction.Truncate => Math.Truncate(a[0]),
        MathFunction.Sign => Math.Sign(a[0]),
        MathFunction.FusedMultiplyAdd => Math.FusedMultiplyAdd(a[0], a[1], a[2]),
        MathFunction.Hypot => double.Hypot(a[0], a[1]),
        MathFunction.Asinh => Math.Asinh(a[0]),
        MathFunction.Acosh => Math.Acosh(a[0]),
        MathFunction.Atanh => Math.Atanh(a[0]),
        MathFunction.LogP1 => double.LogP1(a[0]),
        MathFunction.ExpM1 => double.ExpM1(a[0]),
        MathFunction.Exp2 => double.Exp2(a[0]),
        MathFunction.Exp10 => double.Exp10(a[0]),
        MathFunction.SinPi => double.SinPi(a[0]),
        MathFunction.CosPi => double.CosPi(a[0]),
        MathFunction.TanPi => double.TanPi(a[0]),
        MathFunction.Lerp => double.Lerp(a[0], a[1], a[2]),
        MathFunction.CopySign => Math.CopySign(a[0], a[1]),
        MathFunction.DegreesToRadians => double.DegreesToRadians(a[0]),
        MathFunction.RadiansToDegrees => double.RadiansToDegrees(a[0]),
        MathFunction.ScaleB => Math.ScaleB(a[0], (int)a[1]),
        _ => throw new NotSupportedException(f.ToString()),
    };
}
