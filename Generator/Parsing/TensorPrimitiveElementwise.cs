using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// The elementwise methods of System.Numerics.Tensors' TensorPrimitives that generated code performs as loops of stores
/// (<c>TensorPrimitives.Add(x, y, destination)</c> is <c>destination[i] = x[i] + y[i]</c>): those whose every element is
/// one correctly rounded operation, so the loop's values are TensorPrimitives' own, bit for bit. Transcendental ones (Exp,
/// Tanh, Sigmoid…) are vectorised approximations a scalar loop would not reproduce, and are refused.
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

    /// <summary>The names taken, for a diagnostic that lists them.</summary>
    public static string Names => string.Join(", ", s_operands.Keys);

    /// <summary>
    /// The element kind of <paramref name="method"/> if it is one of the methods above on double or float: its last
    /// parameter a <c>Span&lt;T&gt;</c> destination, the others <c>ReadOnlySpan&lt;T&gt;</c> or <c>T</c>, at least one a span.
    /// </summary>
    public static ScalarKind? Recognise(IMethodSymbol method)
    {
        if (!TensorPrimitiveReductions.IsTensorPrimitives(method) || !s_operands.TryGetValue(method.Name, out int operands) ||
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
