using System;
using System.Collections.Generic;
using AutoDiffGen.Generator.Ir;
using static AutoDiffGen.Generator.Ir.BinaryOperator;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// THE table of derivative rules: for each operation, the partial derivative of its result with respect
/// to each operand, as an expression over the operand atoms and the result. A null partial is zero.
/// Conventions at kinks follow PyTorch: |x|' = sign(x) (0 at 0), min/max split the gradient evenly on
/// ties, clamp passes the gradient on the closed interval, pow's partials are 0 where PyTorch masks them.
/// </summary>
internal static class DerivativeRules
{
    private static readonly double Ln2 = Math.Log(2), Ln10 = Math.Log(10);

    /// <summary>The partials of <c>result = function(arguments)</c> in floating kind <paramref name="kind"/>.</summary>
    public static Expr?[] ForMath(MathFunction function, ScalarKind kind, IReadOnlyList<Expr> a, Expr result)
    {
        var e = new ExprBuilder(kind);
        Expr One() => e.Const(1);
        Expr Square(Expr x) => e.Mul(x, x);
        switch (function)
        {
            case MathFunction.Sin: return new[] { e.Call(MathFunction.Cos, a[0]) };
            case MathFunction.Cos: return new[] { e.Neg(e.Call(MathFunction.Sin, a[0])) };
            case MathFunction.Tan: return new[] { e.Add(One(), Square(result)) };
            case MathFunction.Asin: return new[] { e.Div(One(), e.Call(MathFunction.Sqrt, e.Sub(One(), Square(a[0])))) };
            case MathFunction.Acos: return new[] { e.Neg(e.Div(One(), e.Call(MathFunction.Sqrt, e.Sub(One(), Square(a[0]))))) };
            case MathFunction.Atan: return new[] { e.Div(One(), e.Add(One(), Square(a[0]))) };
            case MathFunction.Atan2:
            {
                // atan2(y, x): ∂/∂y = x / (x² + y²), ∂/∂x = -y / (x² + y²)
                Expr norm = e.Add(Square(a[1]), Square(a[0]));
                return new[] { e.Div(a[1], norm), e.Neg(e.Div(a[0], norm)) };
            }

            case MathFunction.Sinh: return new[] { e.Call(MathFunction.Cosh, a[0]) };
            case MathFunction.Cosh: return new[] { e.Call(MathFunction.Sinh, a[0]) };
            case MathFunction.Tanh: return new[] { e.Sub(One(), Square(result)) };
            case MathFunction.Exp: return new[] { result };
            case MathFunction.Log when a.Count == 2:
            {
                // log_b(x) = ln x / ln b: ∂/∂x = 1 / (x ln b), ∂/∂b = -log_b(x) / (b ln b)
                Expr lnBase = e.Call(MathFunction.Log, a[1]);
                return new[] { e.Div(One(), e.Mul(a[0], lnBase)), e.Neg(e.Div(result, e.Mul(a[1], lnBase))) };
            }

            case MathFunction.Log: return new[] { e.Div(One(), a[0]) };
            case MathFunction.Log10: return new[] { e.Div(One(), e.Mul(a[0], e.Const(Ln10))) };
            case MathFunction.Log2: return new[] { e.Div(One(), e.Mul(a[0], e.Const(Ln2))) };
            case MathFunction.Sqrt: return new[] { e.Div(e.Const(0.5), result) };
            case MathFunction.Cbrt: return new[] { e.Div(One(), e.Mul(e.Const(3), Square(result))) };
            case MathFunction.Pow:
            {
                // PyTorch: ∂/∂a = b·a^(b-1), 0 where b == 0; ∂/∂b = r·ln a, 0 where a == 0 and b >= 0.
                Expr zero = e.Const(0);
                Expr dBase = e.If(ExprBuilder.Compare(Equal, a[1], zero), zero,
                    e.Mul(a[1], e.Call(MathFunction.Pow, a[0], e.Sub(a[1], One()))));
                Expr dExponent = e.If(ExprBuilder.And(ExprBuilder.Compare(Equal, a[0], zero), ExprBuilder.Compare(GreaterOrEqual, a[1], zero)), zero,
                    e.Mul(result, e.Call(MathFunction.Log, a[0])));
                return new[] { dBase, dExponent };
            }

            case MathFunction.Abs:
                return new[] { e.If(ExprBuilder.Compare(Greater, a[0], e.Const(0)), One(), e.If(ExprBuilder.Compare(Less, a[0], e.Const(0)), e.Const(-1), e.Const(0))) };
            case MathFunction.Min:
                return new[] { TieSplit(e, Less, a[0], a[1]), TieSplit(e, Less, a[1], a[0]) };
            case MathFunction.Max:
                return new[] { TieSplit(e, Greater, a[0], a[1]), TieSplit(e, Greater, a[1], a[0]) };
            case MathFunction.Clamp:
            {
                Expr zero = e.Const(0);
                return new[]
                {
                    e.If(ExprBuilder.And(ExprBuilder.Compare(GreaterOrEqual, a[0], a[1]), ExprBuilder.Compare(LessOrEqual, a[0], a[2])), One(), zero),
                    e.If(ExprBuilder.Compare(Less, a[0], a[1]), One(), zero),
                    e.If(ExprBuilder.Compare(Greater, a[0], a[2]), One(), zero),
                };
            }

            case MathFunction.Floor or MathFunction.Ceiling or MathFunction.Round or MathFunction.Truncate or MathFunction.Sign or
                MathFunction.ViewLength or MathFunction.ViewIndex or MathFunction.CopyLength or MathFunction.ElementIndex or MathFunction.ElementCount or
                MathFunction.CopyRange or MathFunction.ClearRange or MathFunction.FillRange or MathFunction.ElementwiseLength:
                return new Expr?[a.Count];
            case MathFunction.FusedMultiplyAdd: return new[] { a[1], a[0], One() };
            case MathFunction.Asinh: return new[] { e.Div(One(), e.Call(MathFunction.Sqrt, e.Add(Square(a[0]), One()))) };
            case MathFunction.Acosh: return new[] { e.Div(One(), e.Call(MathFunction.Sqrt, e.Sub(Square(a[0]), One()))) };
            case MathFunction.Atanh: return new[] { e.Div(One(), e.Sub(One(), Square(a[0]))) };
            case MathFunction.LogP1: return new[] { e.Div(One(), e.Add(One(), a[0])) };
            case MathFunction.ExpM1: return new[] { e.Add(result, One()) };
            case MathFunction.Exp2: return new[] { e.Mul(result, e.Const(Ln2)) };
            case MathFunction.Exp10: return new[] { e.Mul(result, e.Const(Ln10)) };
            case MathFunction.SinPi: return new[] { e.Mul(e.Const(Math.PI), e.Call(MathFunction.Cos, e.Mul(e.Const(Math.PI), a[0]))) };
            case MathFunction.CosPi: return new[] { e.Neg(e.Mul(e.Const(Math.PI), e.Call(MathFunction.Sin, e.Mul(e.Const(Math.PI), a[0])))) };
            case MathFunction.TanPi: return new[] { e.Mul(e.Const(Math.PI), e.Add(One(), Square(result))) };
            // lerp(a, b, t) = a (1 - t) + b t
            case MathFunction.Lerp: return new[] { e.Sub(One(), a[2]), a[2], e.Sub(a[1], a[0]) };
            // PyTorch: ∂/∂x = result / x, 0 where x is 0; the sign's source has derivative 0.
            case MathFunction.CopySign: return new[] { e.If(ExprBuilder.Compare(Equal, a[0], e.Const(0)), e.Const(0), e.Div(result, a[0])), null };
            case MathFunction.DegreesToRadians: return new[] { e.Const(Math.PI / 180) };
            case MathFunction.RadiansToDegrees: return new[] { e.Const(180 / Math.PI) };
            // scaleB(x, n) = x·2ⁿ; n is an int.
            case MathFunction.ScaleB: return new[] { e.Call(MathFunction.ScaleB, One(), a[1]), null };
            case MathFunction.Hypot: return new[] { e.Div(a[0], result), e.Div(a[1], result) };
            case MathFunction.Sigmoid: return new[] { e.Mul(result, e.Sub(One(), result)) };
            default:
                throw new NotSupportedException("No derivative rule for " + function);
        }
    }

    /// <summary>
    /// The partials of <paramref name="call"/>'s result: for an element of a TensorPrimitives call
    /// (<see cref="MathContainer.TensorPrimitiveElement"/>) those of its function, and none for the last argument, the value.
    /// </summary>
    public static Expr?[] ForMath(MathCall call, ScalarKind kind, IReadOnlyList<Expr> a, Expr result)
    {
        if (call.Container != MathContainer.TensorPrimitiveElement)
        {
            return ForMath(call.Function, kind, a, result);
        }

        var operands = new Expr[a.Count - 1];
        for (int i = 0; i < operands.Length; i++)
        {
            operands[i] = a[i];
        }

        Expr?[] partials = ForMath(call.Function, kind, operands, result);
        Array.Resize(ref partials, a.Count);
        return partials;
    }

    /// <summary>True for the functions whose derivative is zero wherever it exists.</summary>
    public static bool HasZeroDerivative(MathFunction function) =>
        function is MathFunction.Floor or MathFunction.Ceiling or MathFunction.Round or MathFunction.Truncate or MathFunction.Sign or
            MathFunction.ViewLength or MathFunction.ViewIndex or MathFunction.CopyLength or MathFunction.ElementIndex or MathFunction.ElementCount or
                MathFunction.CopyRange or MathFunction.ClearRange or MathFunction.FillRange or MathFunction.ElementwiseLength;

    // 1 where `self` wins strictly, 0.5 on a tie, 0 where it loses (PyTorch's minimum/maximum backward).
    private static Expr TieSplit(ExprBuilder e, BinaryOperator wins, Expr self, Expr other) =>
        e.If(ExprBuilder.Compare(wins, self, other), e.Const(1), e.If(ExprBuilder.Compare(Equal, self, other), e.Const(0.5), e.Const(0)));

    /// <summary>The partials of <c>result = left op right</c> for the arithmetic operators.</summary>
    public static Expr?[] ForBinary(BinaryOperator op, ScalarKind kind, Expr left, Expr right, Expr result)
    {
        var e = new ExprBuilder(kind);
        return op switch
        {
            Add => new Expr?[] { e.Const(1), e.Const(1) },
            Subtract => new Expr?[] { e.Const(1), e.Const(-1) },
            Multiply => new Expr?[] { right, left },
            // For a reciprocal q = 1/b, -q/b is -q·q: a multiply instead of a second division (PyTorch's reciprocal rule).
            Divide when ExprBuilder.IsConst(left, 1) => new Expr?[] { null, e.Neg(e.Mul(result, result)) },
            Divide => new Expr?[] { e.Div(e.Const(1), right), e.Neg(e.Div(result, right)) },
            // a % b = a - b·trunc(a/b): the derivative almost everywhere (it jumps where a/b crosses an integer).
            Remainder => new Expr?[] { e.Const(1), e.Neg(e.Call(MathFunction.Truncate, e.Div(left, right))) },
            _ => new Expr?[] { null, null },
        };
    }
}
