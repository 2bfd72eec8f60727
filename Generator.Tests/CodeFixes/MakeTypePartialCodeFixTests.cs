using AutoDiffGen.CodeFixes;
using AutoDiffGen.Generator.Diagnostics;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CodeFixes;

public sealed class MakeTypePartialCodeFixTests
{
    private static string Fix(string source) =>
        CodeFixRunner.Apply(new MakeTypePartialCodeFix(), DiagnosticDescriptors.ContainingTypeNotPartial, source);

    [Fact]
    public void Adds_partial_after_the_other_modifiers()
    {
        string fixedSource = Fix("""
            using AutoDiffGen;

            public static class Model
            {
                [Differentiable]
                public static double [|F|](double x) => x * x;
            }
            """);

        Assert.Equal("""
            using AutoDiffGen;

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => x * x;
            }
            """, fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
    }

    [Fact]
    public void On_an_outer_type_makes_the_types_down_to_the_differentiable_method_partial()
    {
        string fixedSource = Fix("""
            using AutoDiffGen;

            namespace Physics
            {
                // The outer type.
                class [|Outer|]
                {
                    internal partial struct Middle
                    {
                        /// <summary>Inner.</summary>
                        sealed class Inner
                        {
                            [Differentiable]
                            public double F(double x) => x * x;
                        }
                    }
                }
            }
            """);

        Assert.Equal("""
            using AutoDiffGen;

            namespace Physics
            {
                // The outer type.
                partial class Outer
                {
                    internal partial struct Middle
                    {
                        /// <summary>Inner.</summary>
                        sealed partial class Inner
                        {
                            [Differentiable]
                            public double F(double x) => x * x;
                        }
                    }
                }
            }
            """, fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
    }

    [Fact]
    public void Works_when_the_diagnostic_is_on_the_type_and_for_records()
    {
        string fixedSource = Fix("""
            using AutoDiffGen;

            [System.Serializable]
            public record struct [|Point|](double X)
            {
                [Differentiable]
                public static double F(double x) => x * x;
            }
            """);

        Assert.Equal("""
            using AutoDiffGen;

            [System.Serializable]
            public partial record struct Point(double X)
            {
                [Differentiable]
                public static double F(double x) => x * x;
            }
            """, fixedSource);
    }

    [Fact]
    public void On_an_inner_type_makes_it_and_every_enclosing_type_partial_but_not_unrelated_types()
    {
        string fixedSource = Fix("""
            class Outer
            {
                class Sibling { }

                class [|Inner|]
                {
                    [AutoDiffGen.Differentiable]
                    static double F(double x) => x;
                }
            }
            """);

        Assert.Equal("""
            partial class Outer
            {
                class Sibling { }

                partial class Inner
                {
                    [AutoDiffGen.Differentiable]
                    static double F(double x) => x;
                }
            }
            """, fixedSource);
    }

    [Fact]
    public void Title_names_the_types_from_outermost_to_innermost()
    {
        var actions = CodeFixRunner.Actions(new MakeTypePartialCodeFix(), DiagnosticDescriptors.ContainingTypeNotPartial, """
            class Outer { class Inner { double [|F|](double x) => x; } }
            """);

        Assert.Equal("Make 'Outer', 'Inner' partial", Assert.Single(actions).Title);
    }
}
