using Xunit;

namespace AutoDiffGen.Generator.Tests.Snapshots;

public sealed class MathFunctionTests
{
    [Fact]
    public void Trigonometric() => GeneratedCode.Verify("""
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Trig(double x, double y) =>
                Math.Sin(x) + Math.Cos(y) + Math.Tan(x) + Math.Asin(x) + Math.Acos(y) + Math.Atan(x) + Math.Atan2(y, x);
        }
        """, nameof(Trigonometric));

    [Fact]
    public void HyperbolicAndExponential() => GeneratedCode.Verify("""
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Growth(double x, double b) =>
                Math.Sinh(x) + Math.Cosh(x) + Math.Tanh(x) + Math.Exp(x) + Math.Log(x) + Math.Log(x, b)
                + Math.Log10(x) + Math.Log2(x) + Math.Sqrt(x) + Math.Cbrt(x) + Math.Pow(x, b);
        }
        """, nameof(HyperbolicAndExponential));

    [Fact]
    public void PiecewiseFunctions() => GeneratedCode.Verify("""
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Kinks(double x, double lo, double hi) =>
                Math.Abs(x) + Math.Min(x, lo) + Math.Max(x, hi) + Math.Clamp(x, lo, hi)
                + Math.Floor(x) + Math.Ceiling(x) + Math.Round(x) + Math.Truncate(x) + Math.Sign(x);
        }
        """, nameof(PiecewiseFunctions));

    [Fact]
    public void FusedMultiplyAddAndHypot() => GeneratedCode.Verify("""
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Fma(double a, double b, double c) =>
                Math.FusedMultiplyAdd(a, b, c) + double.Hypot(a, b) + double.Sin(c) + double.Exp(a);
        }
        """, nameof(FusedMultiplyAddAndHypot));

    [Fact]
    public void MathFFunctions() => GeneratedCode.Verify("""
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static float Single(float x, float y) =>
                MathF.Sin(x) * MathF.Exp(y) + MathF.Pow(x, y) + MathF.Atan2(y, x) + float.Hypot(x, y) + MathF.Max(x, y) + MathF.Log(x, 2f);
        }
        """, nameof(MathFFunctions));
}
