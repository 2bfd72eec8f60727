using Xunit;

namespace AutoDiffGen.Generator.Tests.Snapshots;

public sealed class CallsTests
{
    [Fact]
    public void CallToAnotherDifferentiableMethod() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static double Square(double v) => v * v;

            [Differentiable]
            public static double SumOfSquares(double x, double y) => Square(x) + Helpers.Cube(y);
        }
        public static partial class Helpers
        {
            [Differentiable]
            public static double Cube(double v) => v * v * v;
        }
        """, nameof(CallToAnotherDifferentiableMethod));

    [Fact]
    public void Recursion() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static double PowerBySquaring(double x, int n)
            {
                if (n == 0) return 1;
                if (n % 2 == 0)
                {
                    double half = PowerBySquaring(x, n / 2);
                    return half * half;
                }
                return x * PowerBySquaring(x, n - 1);
            }
        }
        """, nameof(Recursion));

    [Fact]
    public void CustomDerivative() => GeneratedCode.Verify("""
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static class Special
        {
            public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
        }
        public static class SpecialDerivatives
        {
            [DerivativeOf(typeof(Special), nameof(Special.Softplus))]
            public static double SoftplusDerivative(double x, out double dx)
            {
                dx = 1 / (1 + Math.Exp(-x));
                return Special.Softplus(x);
            }
        }
        public static partial class Model
        {
            [Differentiable]
            public static double Loss(double x, double w) => Special.Softplus(w * x) + Special.Softplus(2.0);
        }
        """, nameof(CustomDerivative));

    [Fact]
    public void NoDerivativeParameter() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static double Scaled(double x, [NoDerivative] double scale, double y) => scale * x * y;

            [Differentiable]
            public static double UsesScaled(double a, double b) => Scaled(a, b, b);
        }
        """, nameof(NoDerivativeParameter));
}
