using System.Linq;
using AutoDiffGen.CodeFixes;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CodeFixes;

public sealed class MoveLocalFunctionOutCodeFixTests
{
    private static string Fix(string source) =>
        CodeFixRunner.Apply(new MoveLocalFunctionOutCodeFix(), DiagnosticDescriptors.UnsupportedStatement, source);

    [Fact]
    public void Moves_a_local_function_that_reads_only_its_parameters_out_as_a_differentiable_method_the_generator_takes()
    {
        string fixedSource = Fix("""
            using System;
            using AutoDiffGen;

            public static partial class Model
            {
                [Differentiable]
                public static double Energy(double x, double y)
                {
                    double [|Pair|](double a, double b)
                    {
                        double r = a - b;
                        return 1.0 / (1.0 + r * r);
                    }

                    return Pair(x, y) + Pair(2 * x, y);
                }
            }
            """);

        Assert.Equal("""
            using System;
            using AutoDiffGen;

            public static partial class Model
            {
                [Differentiable]
                public static double Energy(double x, double y)
                {
                    return Pair(x, y) + Pair(2 * x, y);
                }

                [Differentiable]
                private static double Pair(double a, double b)
                {
                    double r = a - b;
                    return 1.0 / (1.0 + r * r);
                }
            }
            """, fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
        GeneratorRun run = GeneratorHarness.Run(fixedSource);
        Assert.DoesNotContain(run.GeneratorDiagnostics.Concat(run.AnalyzerDiagnostics), d => d.Id.StartsWith("ADG"));
    }

    [Fact]
    public void An_expression_bodied_local_function_of_an_instance_method_becomes_an_instance_method()
    {
        string fixedSource = Fix("""
            using AutoDiffGen;

            public partial class Model
            {
                private readonly double _scale = 2.0;

                [Differentiable]
                public double Loss(double x)
                {
                    double [|Scaled|](double v) => _scale * v * v;
                    return Scaled(x) + 1.0;
                }
            }
            """);

        Assert.Contains("""
                [Differentiable]
                private double Scaled(double v) => _scale * v * v;
            """, fixedSource);
        Assert.DoesNotContain("double Scaled(double v) => _scale * v * v;\n        return", fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
    }

    [Theory]
    [InlineData("double [|Plus|](double v) => v + y;", "a local function reading the method's parameter")]
    [InlineData("double k = 3; double [|Plus|](double v) => v + k;", "a local function reading the method's local")]
    [InlineData("double [|Plus|](double v) => v + Energy(v, v);", "")]
    public void Is_not_offered_where_moving_would_change_the_meaning(string statements, string why)
    {
        string source = """
            using AutoDiffGen;

            public static partial class Model
            {
                [Differentiable]
                public static double Energy(double x, double y)
                {
            """ + statements + """

                    return Plus(x);
                }
            }
            """;
        int actions = CodeFixRunner.Actions(new MoveLocalFunctionOutCodeFix(), DiagnosticDescriptors.UnsupportedStatement, source).Count;
        Assert.True(why.Length == 0 ? actions == 1 : actions == 0, why);
    }

    [Fact]
    public void Is_not_offered_when_the_type_has_a_member_of_that_name_or_for_other_constructs()
    {
        Assert.Empty(CodeFixRunner.Actions(new MoveLocalFunctionOutCodeFix(), DiagnosticDescriptors.UnsupportedStatement, """
            using AutoDiffGen;

            public static partial class Model
            {
                private static double Plus(double v) => v;

                [Differentiable]
                public static double Energy(double x)
                {
                    double [|Plus|](double v) => v + 1;
                    return Plus(x);
                }
            }
            """));
        Assert.Empty(CodeFixRunner.Actions(new MoveLocalFunctionOutCodeFix(), DiagnosticDescriptors.UnsupportedStatement, """
            using AutoDiffGen;

            public static partial class Model
            {
                [Differentiable]
                public static double Energy(double x)
                {
                    [|goto|] end;
                    end: return x;
                }
            }
            """));
    }
}
