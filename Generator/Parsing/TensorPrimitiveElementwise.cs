using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// The elementwise methods of System.Numerics.Tensors' TensorPrimitives that generated code performs as loops of stores
/// (<c>TensorPrimitives.Add(x, y, destination)</c> is <c>destination[i] = x[i] + y[i]</c>). Exact ones, whose every element
/// is one correctly rounded operation, are computed by the loop itself: its values are TensorPrimitives' own, bit for bit.
/// Transcendental ones (Exp, Tanh, Sigmoid…) are vectorised approximations a scalar loop would not reproduce: TensorPrimitives
/// computes their values into a scratch array, and the loop stores those, differentiating each as its scalar function.
/// </summary>
internal static class TensorPrimitiveElementwise
{
    // Name → number of operands before the destination (each a span or, where TensorPrimitives has the overload, a value).
    private static readonly Dictionary<string, int> s_operands = new()
    {
        ["Add"] = 2,
        ["Subtract"] = 2,
        ["Multiply"] = 2,
        ["Divide"] = 2,
        ["Max"] = 2,
        ["Min"] = 2,
        ["Negate"] = 1,
        ["Abs"] = 1,
        ["Sqrt"] = 1,
        ["MultiplyAdd"] = 3,
        ["FusedMultiplyAdd"] = 3,
    };

    // Name → the scalar function each element is, for the transcendental methods TensorPrimitives computes.
    private static readonly Dictionary<string, MathFunction> s_transcendental = new()
    {
        ["Exp"] = MathFunction.Exp,
        ["ExpM1"] = MathFunction.ExpM1,
        ["Exp2"] = MathFunction.Exp2,
        ["Exp10"] = MathFunction.Exp10,
        ["Log"] = MathFunction.Log,
        ["LogP1"] = MathFunction.LogP1,
        ["Log2"] = MathFunction.Log2,
        ["Log10"] = MathFunction.Log10,
        ["Sin"] = MathFunction.Sin,
        ["Cos"] = MathFunction.Cos,
        ["Tan"] = MathFunction.Tan,
        ["SinPi"] = MathFunction.SinPi,
        ["CosPi"] = MathFunction.CosPi,
        ["TanPi"] = MathFunction.TanPi,
        ["Asin"] = MathFunction.Asin,
        ["Acos"] = MathFunction.Acos,
        ["Atan"] = MathFunction.Atan,
        ["Sinh"] = MathFunction.Sinh,
        ["Cosh"] = MathFunction.Cosh,
        ["Tanh"] = MathFunction.Tanh,
        ["Asinh"] = MathFunction.Asinh,
        ["Acosh"] = MathFunction.Acosh,
        ["Atanh"] = MathFunction.Atanh,
        ["Cbrt"] = MathFunction.Cbrt,
        ["Sigmoid"] = MathFunction.Sigmoid,
        ["Pow"] = MathFunction.Pow,
        ["Atan2"] = MathFunction.Atan2,
        ["Hypot"] = MathFunction.Hypot,
    };

    /// <summary>The names taken, for a diagnostic that lists them.</summary>
    public static string Names => string.Join(", ", s_operands.Keys.Concat(s_transcendental.Keys));

    /// <summary>
    /// The element kind of <paramref name="method"/> if it is one of the methods above on double or float: its last
    /// parameter a <c>Span&lt;T&gt;</c> destination, the others <c>ReadOnlySpan&lt;T&gt;</c> or <c>T</c>, at least one a span.
    /// </summary>
    public static ScalarKind? Recognise(IMethodSymbol method) =>
        s_operands.TryGetValue(method.Name, out int operands) ? Recognise(method, operands) : null;

    /// <summary>Whether <paramref name="method"/> is one of the methods above, exact or transcendental: it writes its last argument.</summary>
    public static bool WritesDestination(IMethodSymbol method) => Recognise(method) is not null || RecogniseTranscendental(method) is not null;

    /// <summary>
    /// The element kind and scalar function of <paramref name="method"/> if it is one of the transcendental methods above,
    /// with one span operand, or two of which one may be a value (Pow, Atan2, Log with a base; Hypot takes two spans).
    /// </summary>
    public static (ScalarKind Kind, MathFunction Function)? RecogniseTranscendental(IMethodSymbol method) =>
        s_transcendental.TryGetValue(method.Name, out MathFunction function) && method.Parameters.Length is 2 or 3 &&
        Recognise(method, method.Parameters.Length - 1) is { } kind
            ? (kind, function)
            : null;

    private static ScalarKind? Recognise(IMethodSymbol method, int operands)
    {
        if (!TensorPrimitiveReductions.IsTensorPrimitives(method) ||
            method.Parameters.Length != operands + 1 || method.Parameters.Any(p => p.RefKind != RefKind.None) ||
            SymbolNames.CollectionOf(method.Parameters[operands].Type) is not ({ } kind and (ScalarKind.Double or ScalarKind.Float), ValueShape.Span))
        {
            return null;
        }

        bool spanOrValue(ITypeSymbol type) => SymbolNames.KindOf(type) == kind || SymbolNames.CollectionOf(type) == (kind, ValueShape.ReadOnlySpan);
        return method.Parameters.Take(operands).All(p => spanOrValue(p.Type)) &&
               method.Parameters.Take(operands).Any(p => SymbolNames.CollectionOf(p.Type) is not null)
            ? kind
            : null;
    }

    /// <summary>
    /// One element of a transcendental method's result: <paramref name="function"/> of the operands' elements (or values), its
    /// value <paramref name="value"/>, the element TensorPrimitives computed.
    /// </summary>
    public static Expr TranscendentalElement(MathFunction function, ScalarKind kind, IReadOnlyList<Expr> a, Expr value) =>
        new MathCall(kind, function, MathContainer.TensorPrimitiveElement, a.Concat(new[] { value }).ToEquatableArray());

    /// <summary>One element of <paramref name="name"/>'s result from the operands' elements (or values).</summary>
    public static Expr Element(string name, ScalarKind kind, IReadOnlyList<Expr> a)
    {
        MathContainer container = kind == ScalarKind.Float ? MathContainer.MathF : MathContainer.Math;
        Expr Math(MathFunction function, params Expr[] arguments) => new MathCall(kind, function, container, arguments.ToEquatableArray());
        Expr Binary(BinaryOperator op, Expr left, Expr right) => new Binary(kind, op, left, right);
        return name switch
        {
            "Add" => Binary(BinaryOperator.Add, a[0], a[1]),
            "Subtract" => Binary(BinaryOperator.Subtract, a[0], a[1]),
            "Multiply" => Binary(BinaryOperator.Multiply, a[0], a[1]),
            "Divide" => Binary(BinaryOperator.Divide, a[0], a[1]),
            "Max" => Math(MathFunction.Max, a[0], a[1]),
            "Min" => Math(MathFunction.Min, a[0], a[1]),
            "Negate" => new Unary(kind, UnaryOperator.Negate, a[0]),
            "Abs" => Math(MathFunction.Abs, a[0]),
            "Sqrt" => Math(MathFunction.Sqrt, a[0]),
            // (x × y) + addend, rounded twice, as TensorPrimitives computes it.
            "MultiplyAdd" => Binary(BinaryOperator.Add, Binary(BinaryOperator.Multiply, a[0], a[1]), a[2]),
            _ => Math(MathFunction.FusedMultiplyAdd, a[0], a[1], a[2]),
        };
    }
}
