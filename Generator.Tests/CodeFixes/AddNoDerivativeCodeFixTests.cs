using AutoDiffGen.CodeFixes;
using AutoDiffGen.Generator.Diagnostics;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CodeFixes;

public sealed class AddNoDerivativeCodeFixTests
{
    private static string Fix(string source) =>
        CodeFixRunner.Apply(new AddNoDerivativeCodeFix(), DiagnosticDescriptors.UnsupportedParameterType, source);

    [Fact]
    public void Marks_the_parameter_when_the_namespace_is_imported()
    {
        string fixedSource = Fix("""
            using AutoDiffGen;

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, [|decimal rate|]) => x * (double)rate;
            }
            """);

        Assert.Equal("""
            using AutoDiffGen;

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, [NoDerivative] decimal rate) => x * (double)rate;
            }
            """, fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
    }

    [Fact]
    public void Adds_the_using_directive_in_sorted_position_when_missing()
    {
        string fixedSource = Fix("""
            using System;
            using System.Text;

            public static partial class Model
            {
                [AutoDiffGen.Differentiable]
                public static double F(
                    double x,
                    [|string label|])
                {
                    return x;
                }
            }
            """);

        Assert.Equal("""
            using AutoDiffGen;
            using System;
            using System.Text;

            public static partial class Model
            {
                [AutoDiffGen.Differentiable]
                public static double F(
                    double x,
                    [NoDerivative] string label)
                {
                    return x;
                }
            }
            """, fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
    }

    [Fact]
    public void Adds_a_using_directive_to_a_file_without_any()
    {
        string fixedSource = Fix("""
            public static partial class Model
            {
                [AutoDiffGen.Differentiable]
                public static double F(double x, [|object o|]) => x;
            }
            """);

        Assert.Equal("""
            using AutoDiffGen;

            public static partial class Model
            {
                [AutoDiffGen.Differentiable]
                public static double F(double x, [NoDerivative] object o) => x;
            }
            """, fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
    }

    [Fact]
    public void Keeps_existing_attributes_on_the_parameter()
    {
        string fixedSource = Fix("""
            using System.Diagnostics.CodeAnalysis;
            using AutoDiffGen;

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, [NotNull] [|string label|]) => x;
            }
            """);

        Assert.Equal("""
            using System.Diagnostics.CodeAnalysis;
            using AutoDiffGen;

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, [NoDerivative] [NotNull] string label) => x;
            }
            """, fixedSource);
        Assert.Empty(CodeFixRunner.CompileErrors(fixedSource));
    }

    [Theory]
    [InlineData("ref double [|x|]")]
    [InlineData("params double[] [|xs|]")]
    [InlineData("[NoDerivative] string [|label|]")]
    public void Is_not_offered_where_the_attribute_cannot_help(string parameter)
    {
        var actions = CodeFixRunner.Actions(new AddNoDerivativeCodeFix(), DiagnosticDescriptors.UnsupportedParameterType, $$"""
            using AutoDiffGen;

            public static partial class Model
            {
                [Differentiable]
                public static double F(double y, {{parameter}}) => y;
            }
            """);

        Assert.Empty(actions);
    }
}
