using Xunit;

namespace AutoDiffGen.Generator.Tests.Snapshots;

public sealed class ControlFlowTests
{
    [Fact]
    public void CompoundAssignment() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Accumulate(double x, double y)
            {
                double s = x;
                s += y;
                s -= 2 * x;
                s *= y;
                s /= x;
                return s;
            }
        }
        """, nameof(CompoundAssignment));

    [Fact]
    public void IncrementAndDecrement() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Steps(double x, int n)
            {
                double v = x * x;
                v++;
                --v;
                n++;
                return v * n;
            }
        }
        """, nameof(IncrementAndDecrement));

    [Fact]
    public void ConditionalOperator() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Relu(double x) => x > 0 ? x : 0.01 * x;
        }
        """, nameof(ConditionalOperator));

    [Fact]
    public void EarlyReturn() => GeneratedCode.Verify("""
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double SoftAbs(double x, double eps)
            {
                if (x > eps)
                    return x;
                if (x < -eps)
                    return -x;
                double q = x * x;
                return q / (2 * eps) + eps / 2;
            }
        }
        """, nameof(EarlyReturn));

    [Fact]
    public void SwitchStatement() => GeneratedCode.Verify("""
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Select(double x, int kind)
            {
                double y = x;
                switch (kind)
                {
                    case 0:
                        y = Math.Sin(x);
                        break;
                    case 1:
                    case 2:
                        y = x * x;
                        break;
                    default:
                        return -x;
                }
                return y + 1;
            }
        }
        """, nameof(SwitchStatement));

    [Fact]
    public void SwitchExpression() => GeneratedCode.Verify("""
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Huber(double r, double delta) => Math.Abs(r) switch
            {
                <= 1.0 => 0.5 * r * r,
                > 1.0 and < 10.0 => delta * (Math.Abs(r) - 0.5 * delta),
                _ => 10 * r,
            };
        }
        """, nameof(SwitchExpression));

    [Fact]
    public void SwitchExpressionWithoutDiscardThrowsWhenNoArmMatches() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public static partial class Functions
        {
        #pragma warning disable CS8509 // not exhaustive: on purpose
            [Differentiable]
            public static double Ramp(double x, int mode) => mode switch { 0 => x, 1 or 2 => x * x };
        }
        """, nameof(SwitchExpressionWithoutDiscardThrowsWhenNoArmMatches));

    [Fact]
    public void IntegerControlFlow() => GeneratedCode.Verify("""
        using AutoDiffGen;
        namespace Demo;
        public static partial class Functions
        {
            [Differentiable]
            public static double Polynomial(double x, int degree, bool negate)
            {
                int d = degree * 2;
                double r = x;
                if (d >= 4) { r = r * x * x; }
                if (negate || d % 3 == 1) { r = -r; }
                return r * d;
            }
        }
        """, nameof(IntegerControlFlow));
}
