using Xunit;

namespace AutoDiffGen.Generator.Tests.Snapshots;

public sealed class BasicConstructsTests
{
    [Fact]
    public void ExpressionBody() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Product(double x, double y) => x * y + System.Math.Sin(x);
        }
        """, nameof(ExpressionBody));

    [Fact]
    public void BlockBodyWithLocalsAndReassignment() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Blend(double x, double y)
            {
                var t = x * y;
                double u = t + 1;
                t = t * u;
                return t / y;
            }
        }
        """, nameof(BlockBodyWithLocalsAndReassignment));

    [Fact]
    public void IfElseWithMerge() => GeneratedCode.Verify("""
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Piecewise(double x, int mode)
            {
                double y = x;
                if (x > 0 && mode == 1)
                {
                    y = Math.Exp(x);
                }
                else
                {
                    y = y * y;
                }
                return y * 2;
            }
        }
        """, nameof(IfElseWithMerge));
}
