using System.Linq;
using AutoDiffGen.CodeFixes;
using AutoDiffGen.Generator.Diagnostics;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CodeFixes;

public sealed class ScaffoldCustomDerivativeCodeFixTests
{
    private static string Fix(string source) =>
        CodeFixRunner.Apply(new ScaffoldCustomDerivativeCodeFix(), DiagnosticDescriptors.CallWithoutDerivative, source);

    [Fact]
    public void Scaffolds_a_rule_with_one_out_partial_per_double_parameter_after_the_caller()
    {
        string fixedSource = Fix("""
            using System;
            using AutoDiffGen;

            namespace Finance;

            public static class Special
            {
                public static double Blend(double a, int order, double b) => a * order + b;
            }

            public static partial class Pricing
            {
                [Differentiable]
                public static double Price(double x, double y) => [|Special.Blend(x, 3, y)|] * 2.0;

                public static double Other() => 1.0;
            }
            """);

        Assert.Equal("""
            using System;
            using AutoDiffGen;

            namespace Finance;

            public static class Special
            {
                public static double Blend(double a, int order, double b) => a * order + b;
            }

            public static partial class Pricing
            {
                [Differentiable]
                public static double Price(double x, double y) => Special.Blend(x, 3, y) * 2.0;

                [DerivativeOf(typeof(Special), nameof(Special.Blend))]
                internal static double BlendDerivative(double a, int order, double b, out double da, out double db)
                {
                    throw new System.NotImplementedException("Write the partial derivatives of Special.Blend");
                }

                public static double Other() => 1.0;
            }
            """, fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
    }

    [Fact]
    public void Float_callee_in_another_namespace_gets_float_partials_and_the_using()
    {
        string fixedSource = Fix("""
            namespace Lib
            {
                public static class Curves
                {
                    public static float Smooth(float t) => t * t * (3f - 2f * t);
                }
            }

            namespace App
            {
                public partial class Game
                {
                    [AutoDiffGen.Differentiable]
                    public float Ease(float t) => Lib.Curves.[|Smooth|](t);
                }
            }
            """);

        Assert.Equal("""
            using AutoDiffGen;

            namespace Lib
            {
                public static class Curves
                {
                    public static float Smooth(float t) => t * t * (3f - 2f * t);
                }
            }

            namespace App
            {
                public partial class Game
                {
                    [AutoDiffGen.Differentiable]
                    public float Ease(float t) => Lib.Curves.Smooth(t);

                    [DerivativeOf(typeof(Lib.Curves), nameof(Lib.Curves.Smooth))]
                    internal static float SmoothDerivative(float t, out float dt)
                    {
                        throw new System.NotImplementedException("Write the partial derivatives of Lib.Curves.Smooth");
                    }
                }
            }
            """, fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
    }

    [Fact]
    public void A_name_already_taken_gets_a_number()
    {
        string fixedSource = Fix("""
            using AutoDiffGen;

            public static class Special
            {
                public static double Erf(double x) => x;
            }

            public static partial class Model
            {
                private static void ErfDerivative() { }

                [Differentiable]
                public static double F(double x) => [|Special.Erf(x)|];
            }
            """);

        Assert.Contains("internal static double ErfDerivative2(double x, out double dx)", fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
    }

    [Fact]
    public void A_method_of_this_instance_gets_a_static_rule_with_the_same_parameters()
    {
        string fixedSource = Fix("""
            using System;
            using AutoDiffGen;

            public partial class Model
            {
                public double Soft(double v) => Math.Log(1.0 + Math.Exp(v));

                [Differentiable]
                public double F(double x) => [|Soft(x)|] * x;
            }
            """);

        Assert.Equal("""
            using System;
            using AutoDiffGen;

            public partial class Model
            {
                public double Soft(double v) => Math.Log(1.0 + Math.Exp(v));

                [Differentiable]
                public double F(double x) => Soft(x) * x;

                [DerivativeOf(typeof(Model), nameof(Model.Soft))]
                internal static double SoftDerivative(double v, out double dv)
                {
                    throw new System.NotImplementedException("Write the partial derivatives of Model.Soft");
                }
            }
            """, fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
    }

    [Fact]
    public void Generic_callees_are_not_offered_a_scaffold()
    {
        var actions = CodeFixRunner.Actions(new ScaffoldCustomDerivativeCodeFix(), DiagnosticDescriptors.CallWithoutDerivative, """
            public static class Lib { public static double Id<T>(double x) => x; }

            public static partial class Model
            {
                [AutoDiffGen.Differentiable]
                public static double F(double x) => [|Lib.Id<int>(x)|];
            }
            """);

        Assert.Empty(actions);
    }

    [Fact]
    public void The_action_title_names_the_callee()
    {
        var actions = CodeFixRunner.Actions(new ScaffoldCustomDerivativeCodeFix(), DiagnosticDescriptors.CallWithoutDerivative, """
            public static class Special { public static double Erf(double x) => x; }
            public static partial class Model { public static double F(double x) => [|Special.Erf(x)|]; }
            """);

        Assert.Equal("Scaffold a custom derivative for 'Special.Erf'", actions.Single().Title);
    }
}
