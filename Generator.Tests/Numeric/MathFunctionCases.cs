using System.Collections.Generic;
using static AutoDiffGen.Generator.Tests.Numeric.Cases;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>
/// Every Math function of DESIGN.md §1, each composed with arithmetic so the chain rule is exercised,
/// at points away from kinks (Abs at 0, Min/Max ties, Clamp bounds, Floor at integers) and singularities.
/// </summary>
public static class MathFunctionCases
{
    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        Binary("Sin", "Math.Sin(x) * y", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("Cos", "Math.Cos(x * y)", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Unary("Tan", "Math.Tan(x) * x", 0.2, -0.9, 1.3),
        Binary("Asin", "Math.Asin(x) * y", (0.3, 1.2), (-0.85, 0.7), (0.6, -2.0)),
        Binary("Acos", "Math.Acos(x) + y * x", (0.3, 1.2), (-0.85, 0.7), (0.6, -2.0)),
        Binary("Atan", "Math.Atan(x * y)", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("Atan2", "Math.Atan2(y, x)", (1.0, 0.5), (-1.5, 0.7), (-0.5, -2.0), (0.3, -0.1)),
        Binary("Sinh", "Math.Sinh(x) / y", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("Cosh", "Math.Cosh(x - y)", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("Tanh", "Math.Tanh(x * y)", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("Exp", "Math.Exp(x) * Math.Exp(-y * y)", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("Log", "Math.Log(x * y)", (0.3, 1.2), (1.1, 0.7), (2.5, 4.0)),
        Binary("LogWithBase", "Math.Log(x, y)", (0.3, 1.2), (1.1, 0.7), (2.5, 4.0)),
        Binary("Log10", "Math.Log10(x) * y", (0.3, 1.2), (1.1, 0.7), (250.0, -4.0)),
        Binary("Log2", "Math.Log2(x + y)", (0.3, 1.2), (1.1, 0.7), (2.5, 4.0)),
        Binary("Sqrt", "Math.Sqrt(x * x + y)", (0.3, 1.2), (-1.1, 0.7), (2.5, 0.4)),
        Binary("Cbrt", "Math.Cbrt(x) * y", (0.3, 1.2), (-8.5, 0.7), (27.5, -0.4)),
        Binary("Pow", "Math.Pow(x, y)", (0.3, 1.2), (1.1, -0.7), (2.5, 3.5)),
        Unary("PowConstantExponentOfNegativeBase", "Math.Pow(x, 3.0) - 2.0 * Math.Pow(x, 2)", -1.5, 0.4, 2.0),
        Binary("Abs", "Math.Abs(x) * y", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("Min", "Math.Min(x, y) * x", (0.3, 1.2), (-1.1, -2.7), (2.5, -0.4)),
        Binary("Max", "Math.Max(x * x, y)", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("ClampConstantBounds", "Math.Clamp(x, -1.0, 1.0) * y", (0.3, 1.2), (-1.5, 0.7), (2.5, -0.4)),
        Binary("ClampActiveBounds", "Math.Clamp(x * 2.0, y, y + 1.0)", (0.3, 0.2), (-1.5, 0.7), (2.5, -0.4)),
        Binary("FloorCeilingRound", "x * Math.Floor(y) + Math.Ceiling(x) + Math.Round(y) * y", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("TruncateSign", "x * Math.Sign(y) + Math.Truncate(y) * x", (0.3, 1.2), (-1.1, -0.7), (2.5, -3.4)),
        Binary("FusedMultiplyAdd", "Math.FusedMultiplyAdd(x, y, x * y)", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("Hypot", "double.Hypot(x, y)", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        // A call taking no floating-point value is a constant to the derivative: no rule is needed.
        Binary("CallOfIntsOnly", "x * Convert.ToDouble(3) + y * y * Convert.ToDouble(x > 0 ? 2 : 5)", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("InverseHyperbolic", "Math.Asinh(x) * y + Math.Acosh(1.5 + x * x) + Math.Atanh(y / 3.0)", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("AccurateNearZero", "double.LogP1(x * y) + double.ExpM1(x) * y + double.Exp2(y) - double.Exp10(x / 4.0)", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.3)),
        Binary("MultiplesOfPi", "double.SinPi(x) * double.CosPi(y) + double.TanPi(x / 5.0)", (0.3, 1.2), (-1.1, 0.7), (2.2, -0.4)),
        Binary("LerpCopySignAngles", "double.Lerp(x, y, x * y) + Math.CopySign(x, y - 0.5) + double.DegreesToRadians(y) * double.RadiansToDegrees(x) + Math.ScaleB(x * y, 3)",
            (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("Composition", "Math.Exp(Math.Sin(x) * Math.Cos(y)) / (1.0 + Math.Sqrt(x * x + y * y))", (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)),
        Binary("MathConstants", "Math.PI * x * x + Math.E * y", (0.3, 1.2), (-1.1, 0.7)),
        new(
            "MathFSinExp",
            """
                [Differentiable] public static float F(float x, float y) => MathF.Sin(x) * MathF.Exp(y) + MathF.Tanh(x * y);
                public static double FReference(double x, double y) => Math.Sin(x) * Math.Exp(y) + Math.Tanh(x * y);
            """,
            XY, Pairs((0.3, 1.2), (-1.1, 0.7), (2.5, -0.4)), IsFloat: true),
        new(
            "MathFPowSqrtLog",
            """
                [Differentiable] public static float F(float x, float y) => MathF.Pow(x, y) + MathF.Sqrt(x) * MathF.Log(y);
                public static double FReference(double x, double y) => Math.Pow(x, y) + Math.Sqrt(x) * Math.Log(y);
            """,
            XY, Pairs((0.3, 1.2), (1.1, 0.7), (2.5, 3.5)), IsFloat: true),
        new(
            "MathFTrigAndMinMax",
            """
                [Differentiable] public static float F(float x, float y) => MathF.Atan2(y, x) + MathF.Max(MathF.Cos(x), y) * MathF.Abs(x);
                public static double FReference(double x, double y) => Math.Atan2(y, x) + Math.Max(Math.Cos(x), y) * Math.Abs(x);
            """,
            XY, Pairs((0.3, 1.2), (-1.1, 0.2), (2.5, -0.4)), IsFloat: true),
    };
}
