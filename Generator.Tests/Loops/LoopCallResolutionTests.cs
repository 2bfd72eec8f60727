using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Calls made inside loops and element accesses take part in call resolution like any other.</summary>
public sealed class LoopCallResolutionTests
{
    [Fact]
    public void A_caller_of_an_invalid_method_inside_a_loop_gets_no_code()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using System;
            using AutoDiffGen;
            public static partial class Functions
            {
                [Differentiable] public static double Bad(double x) { lock (typeof(Functions)) { x = x * x; } return x; }
                [Differentiable]
                public static double SumsBad(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++) { s += Bad(x[i]); }
                    return s;
                }
                [Differentiable]
                public static double StoresBad(ReadOnlySpan<double> x)
                {
                    double[] t = new double[1];
                    t[0] = Bad(x[0]);
                    return t[0];
                }
                [Differentiable] public static double Good(ReadOnlySpan<double> x) => x[0] * 3;
            }
            """);
        Assert.Equal(new[] { "Functions.Good.g.cs" }, run.GeneratedSources.Keys);
        Assert.Empty(run.CompilerErrors);
        Assert.Equal(new[] { "ADG0005" }, run.AnalyzerDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void A_call_without_a_derivative_inside_a_loop_is_reported_and_gets_no_code()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using System;
            using AutoDiffGen;
            public static class Plain { public static double Twice(double x) => 2 * x; }
            public static partial class Functions
            {
                [Differentiable]
                public static double UsesPlain(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    foreach (double v in x) { s += Plain.Twice(v); }
                    return s;
                }
            }
            """);
        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.CompilerErrors);
        Assert.Equal(new[] { "ADG0004" }, run.AnalyzerDiagnostics.Select(d => d.Id));
    }
}
