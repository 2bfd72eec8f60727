using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>Recognises calls to the math functions that have a built-in derivative rule.</summary>
internal static class MathFunctions
{
    // Arity per function; null accepts any arity (the zero-derivative group passes extra arguments through).
    private static readonly Dictionary<string, (MathFunction Function, int[]? Arities)> s_byName = new()
    {
        ["Sin"] = (MathFunction.Sin, new[] { 1 }),
        ["Cos"] = (MathFunction.Cos, new[] { 1 }),
        ["Tan"] = (MathFunction.Tan, new[] { 1 }),
        ["Asin"] = (MathFunction.Asin, new[] { 1 }),
        ["Acos"] = (MathFunction.Acos, new[] { 1 }),
        ["Atan"] = (MathFunction.Atan, new[] { 1 }),
        ["Atan2"] = (MathFunction.Atan2, new[] { 2 }),
        ["Sinh"] = (MathFunction.Sinh, new[] { 1 }),
        ["Cosh"] = (MathFunction.Cosh, new[] { 1 }),
        ["Tanh"] = (MathFunction.Tanh, new[] { 1 }),
        ["Exp"] = (MathFunction.Exp, new[] { 1 }),
        ["Log"] = (MathFunction.Log, new[] { 1, 2 }),
        ["Log10"] = (MathFunction.Log10, new[] { 1 }),
        ["Log2"] = (MathFunction.Log2, new[] { 1 }),
        ["Sqrt"] = (MathFunction.Sqrt, new[] { 1 }),
        ["Cbrt"] = (MathFunction.Cbrt, new[] { 1 }),
        ["Pow"] = (MathFunction.Pow, new[] { 2 }),
        ["Abs"] = (MathFunction.Abs, new[] { 1 }),
        ["Min"] = (MathFunction.Min, new[] { 2 }),
        ["Max"] = (MathFunction.Max, new[] { 2 }),
        ["Clamp"] = (MathFunction.Clamp, new[] { 3 }),
        ["Floor"] = (MathFunction.Floor, null),
        ["Ceiling"] = (MathFunction.Ceiling, null),
        ["Round"] = (MathFunction.Round, null),
        ["Truncate"] = (MathFunction.Truncate, null),
        ["Sign"] = (MathFunction.Sign, new[] { 1 }),
        ["FusedMultiplyAdd"] = (MathFunction.FusedMultiplyAdd, new[] { 3 }),
        ["Hypot"] = (MathFunction.Hypot, new[] { 2 }),
        ["Asinh"] = (MathFunction.Asinh, new[] { 1 }),
        ["Acosh"] = (MathFunction.Acosh, new[] { 1 }),
        ["Atanh"] = (MathFunction.Atanh, new[] { 1 }),
        ["LogP1"] = (MathFunction.LogP1, new[] { 1 }),
        ["ExpM1"] = (MathFunction.ExpM1, new[] { 1 }),
        ["Exp2"] = (MathFunction.Exp2, new[] { 1 }),
        ["Exp10"] = (MathFunction.Exp10, new[] { 1 }),
        ["SinPi"] = (MathFunction.SinPi, new[] { 1 }),
        ["CosPi"] = (MathFunction.CosPi, new[] { 1 }),
        ["TanPi"] = (MathFunction.TanPi, new[] { 1 }),
        ["Lerp"] = (MathFunction.Lerp, new[] { 3 }),
        ["CopySign"] = (MathFunction.CopySign, new[] { 2 }),
        ["DegreesToRadians"] = (MathFunction.DegreesToRadians, new[] { 1 }),
        ["RadiansToDegrees"] = (MathFunction.RadiansToDegrees, new[] { 1 }),
        ["ScaleB"] = (MathFunction.ScaleB, new[] { 2 }),
    };

    /// <summary>The math function <paramref name="method"/> is, if it is one with a built-in rule and scalar operands.</summary>
    public static (MathFunction Function, MathContainer Container)? Recognise(IMethodSymbol method)
    {
        MathContainer? container = method.ContainingType?.ToDisplayString() switch
        {
            "System.Math" => MathContainer.Math,
            "System.MathF" => MathContainer.MathF,
            "double" or "System.Double" => MathContainer.Double,
            "float" or "System.Single" => MathContainer.Single,
            _ => null,
        };
        if (container is null || !method.IsStatic || !s_byName.TryGetValue(method.Name, out var entry))
        {
            return null;
        }

        if (entry.Arities is not null && !entry.Arities.Contains(method.Parameters.Length))
        {
            return null;
        }

        bool scalarOperands = method.Parameters.All(p => p.RefKind == RefKind.None && SymbolNames.KindOf(p.Type) is ScalarKind.Double or ScalarKind.Float or ScalarKind.Int);
        return scalarOperands && SymbolNames.KindOf(method.ReturnType) is ScalarKind.Double or ScalarKind.Float or ScalarKind.Int
            ? (entry.Function, container.Value)
            : null;
    }
}
