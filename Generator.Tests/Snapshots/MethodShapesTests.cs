using Xunit;

namespace AutoDiffGen.Generator.Tests.Snapshots;

public sealed class MethodShapesTests
{
    [Fact]
    public void FloatMethod() => GeneratedCode.Verify("""
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static float Sigmoid(float x, float k) => 1f / (1f + MathF.Exp(-k * x)) + (float)Math.Sqrt(x);
        }
        """, nameof(FloatMethod));

    [Fact]
    public void InstanceMethodReadingFields() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public partial class Spring
        {
            private readonly double _stiffness = 3;
            public double RestLength { get; set; } = 1;
            private const double Half = 0.5;

            [Differentiable]
            public double Energy(double length)
            {
                double stretch = length - RestLength;
                return Half * _stiffness * stretch * stretch + Bias(length);
            }

            [Differentiable]
            internal double Bias(double length) => this.RestLength * length;
        }
        """, nameof(InstanceMethodReadingFields));

    [Fact]
    public void NestedPartialTypesInGlobalNamespace() => GeneratedCode.Verify("""
        using AutoDiffGen;
        public partial class Outer
        {
            internal partial struct Inner
            {
                public partial record Innermost
                {
                    [Differentiable]
                    private static double Area(double r) => System.Math.PI * r * r;
                }
            }
        }
        """, nameof(NestedPartialTypesInGlobalNamespace));

    [Fact]
    public void Overloads() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Norm(double x, double y) => System.Math.Sqrt(x * x + y * y);

            [Differentiable]
            public static float Norm(float x, float y) => System.MathF.Sqrt(x * x + y * y);
        }
        """, nameof(Overloads));
}
