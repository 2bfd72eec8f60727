using AutoDiffGen.Generator.Tests.Diagnostics;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Throws;

/// <summary>What a thrown expression may not contain, and the throw forms that are refused, each reported where it is written.</summary>
public sealed class ThrowDiagnosticTests
{
    private static string Method(string body) => "using AutoDiffGen;\nusing System;\n" + """
        public static partial class Functions
        {
            [Differentiable] public static double F(ReadOnlySpan<double> values, double x)
            {
                double[] buffer = new double[2];
        """ + body + """

                return x * values[0];
            }
        }
        """;

    [Theory]
    [InlineData("if (x < 0) throw new ArgumentException(\"bad\", [|buffer|].ToString());", "ADG0005", "the local 'buffer' of type 'double[]'")]
    [InlineData("if (x < 0) throw new ArgumentException(((Func<double, string>)([|v => \"a\"|]))(x));", "ADG0005", "a lambda in the thrown expression")]
    [InlineData("if (x < 0) throw new ArgumentException(([|x = 2|]).ToString());", "ADG0005", "an assignment in the thrown expression")]
    [InlineData("if (x < 0) throw new ArgumentException(([|x++|]).ToString());", "ADG0005", "++ or -- in the thrown expression")]
    [InlineData("if (x < 0) throw new ArgumentException(x is double [|d|] ? \"a\" : \"b\");", "ADG0005", "a variable declaration in the thrown expression")]
    [InlineData("if (x < 0) [|throw|];", "ADG0005", "'throw;' (a rethrow)")]
    [InlineData("x = x > 0 ? x : [|throw new ArgumentException()|];", "ADG0010", "a throw expression is not supported")]
    public void Refused(string body, string id, string expected)
    {
        Diagnostic d = DiagnosticAssert.Single(Method(body), id);
        Assert.Contains(expected, d.GetMessage());
    }

    [Fact]
    public void A_throw_using_types_statics_instance_members_and_named_arguments_from_another_namespace_compiles()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using AutoDiffGen;
            using System;
            using Errors = Demo.Errors;
            namespace Demo
            {
                public sealed class ModelException(string message, int code) : Exception(message) { public int Code { get; } = code; }
                public static class Errors { public const string Prefix = "model: "; public static int NextCode() => 7; }
                public partial class Model
                {
                    private readonly double _limit = 10;
                    private static string Name => "Model";

                    [Differentiable]
                    public double F(double x, int n)
                    {
                        double value = 0;
                        double stack = x * 2; // a local named like a generated one
                        if (x > _limit) throw new ModelException(Errors.Prefix + Name + $" {stack} > {_limit}, n = {n}", code: Errors.NextCode());
                        if (n < 0) throw new System.ArgumentOutOfRangeException(paramName: nameof(n), message: string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}", Math.PI));
                        value = stack * x;
                        return value;
                    }
                }
            }
            """);
        Assert.Empty(run.CompilerErrors);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.NotEmpty(run.GeneratedSources);
    }
}
