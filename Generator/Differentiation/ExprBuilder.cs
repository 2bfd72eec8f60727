using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Small constructors for derivative formulas, in one floating kind, with the obvious simplifications
/// (x·1, x + 0, x + x = 2·x, constant folding), so rules stay general and generated code stays short: the partial
/// of Math.Pow(x, 2.0) prints as 2.0 * Math.Pow(x, 1.0), not as a conditional on constants.
/// </summary>
internal readonly struct ExprBuilder
{
    public ExprBuilder(ScalarKind kind) => Kind = kind;

    public ScalarKind Kind { get; }

    public Constant Const(double value) => new(Kind, Kind == ScalarKind.Float ? (float)value : value);

    public Expr Add(Expr a, Expr b) => a is Constant x && b is Constant y ? Const(x.Value + y.Value)
        : IsConst(b, 0) ? a : IsConst(a, 0) ? b
        : a.Equals(b) ? Mul(Const(2), a) // exact: doubling never rounds
        : new Binary(Kind, BinaryOperator.Add, a, b);

    public Expr Sub(Expr a, Expr b) => a is Constant x && b is Constant y ? Const(x.Value - y.Value)
        : IsConst(b, 0) ? a : new Binary(Kind, BinaryOperator.Subtract, a, b);

    public Expr Mul(Expr a, Expr b) => a is Constant x && b is Constant y ? Const(x.Value * y.Value)
        : IsConst(a, 1) ? b : IsConst(b, 1) ? a
        : IsConst(b, -1) ? Neg(a) : IsConst(a, -1) ? Neg(b)
        : b is Unary { Operator: UnaryOperator.Negate } negated ? Neg(Mul(a, negated.Operand)) // g * -f → -(g * f), printed as "-="
        : b is Binary { Operator: BinaryOperator.Divide, Left: Constant { Value: 1 } } reciprocal ? Div(a, reciprocal.Right) // g * (1 / f) → g / f: one rounding, one operation
        : new Binary(Kind, BinaryOperator.Multiply, a, b);

    // Folding a constant quotient in double is exact for float too: rounding the double quotient to float gives the float quotient.
    public Expr Div(Expr a, Expr b) => a is Constant x && b is Constant y && y.Value != 0 ? Const(x.Value / y.Value)
        : IsConst(b, 1) ? a : new Binary(Kind, BinaryOperator.Divide, a, b);

    public Expr Neg(Expr a) => a switch
    {
        Unary { Operator: UnaryOperator.Negate } n => n.Operand,
        Constant c => Const(-c.Value),
        _ => new Unary(Kind, UnaryOperator.Negate, a),
    };

    public Expr Call(MathFunction function, params Expr[] arguments) =>
        new MathCall(Kind, function, Kind == ScalarKind.Float ? MathContainer.MathF : MathContainer.Math, arguments.ToEquatableArray());

    public Expr If(Expr condition, Expr whenTrue, Expr whenFalse) => condition is Constant c
        ? (c.Value != 0 ? whenTrue : whenFalse)
        : new Conditional(Kind, condition, whenTrue, whenFalse);

    public static Expr Compare(BinaryOperator op, Expr a, Expr b)
    {
        if (a is Constant x && b is Constant y)
        {
            bool result = op switch
            {
                BinaryOperator.Less => x.Value < y.Value,
                BinaryOperator.LessOrEqual => x.Value <= y.Value,
                BinaryOperator.Greater => x.Value > y.Value,
                BinaryOperator.GreaterOrEqual => x.Value >= y.Value,
                BinaryOperator.Equal => x.Value == y.Value,
                _ => x.Value != y.Value,
            };
            return new Constant(ScalarKind.Bool, result ? 1 : 0);
        }

        return new Binary(ScalarKind.Bool, op, a, b);
    }

    public static Expr And(Expr a, Expr b) =>
        a is Constant x ? (x.Value != 0 ? b : x)
        : b is Constant y ? (y.Value != 0 ? a : y)
        : new Binary(ScalarKind.Bool, BinaryOperator.LogicalAnd, a, b);

    public static bool IsConst(Expr e, double value) => e is Constant c && c.Value == value;
}
