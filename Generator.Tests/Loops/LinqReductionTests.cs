using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;
using static AutoDiffGen.Generator.Tests.Loops.LoopArgument;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// LINQ's Sum, Average, Max and Min of double[] and float[] (MethodParser.LinqReductions): gradients against finite
/// differences, and the generated value against System.Linq's own, bit for bit, with its exceptions, over arrays of up
/// to three elements drawn from values that tell the loops apart (NaN, ±0, ties, infinities).
/// </summary>
public static class LinqReductionCases
{
    private static double[] P(params double[] values) => values;

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        SpanDriver.Case("MeanSpreadAndTotal", """
                [Differentiable]
                public static double F(double[] x, double[] w)
                {
                    // (The cases' files have no using System.Linq: the extension form is checked below.)
                    double mean = System.Linq.Enumerable.Average(x);
                    double spread = System.Linq.Enumerable.Max(x) - System.Linq.Enumerable.Min(x);
                    double total = 0;
                    for (int i = 0; i < w.Length; i++) total += w[i] * (x[i] - mean);
                    return total * spread + System.Linq.Enumerable.Sum(w) * System.Linq.Enumerable.Max(w);
                }
            """, new[] { Span("x", 4, "Array"), Span("w", 4, "Array") },
            P(0.5, -1, 0.3, 0.8, 0.2, -0.4, 1.1, 0.6), P(-0.3, 0.7, 1.2, -0.4, 0.9, 0.1, -1.2, 0.5)),
    };
}

public sealed class LinqReductionCasesFixture : CompiledCases
{
    public LinqReductionCasesFixture() : base(LinqReductionCases.All) { }
}

public sealed class LinqReductionTests : IClassFixture<LinqReductionCasesFixture>
{
    private readonly LinqReductionCasesFixture _compiled;

    public LinqReductionTests(LinqReductionCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(LinqReductionCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, LinqReductionCases.All.Single(c => c.Name == name));

    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        namespace Demo;

        public static partial class Reductions
        {
            [Differentiable] public static double Sum(double[] x) => x.Sum();
            [Differentiable] public static double Average(double[] x) => x.Average();
            [Differentiable] public static double Max(double[] x) => x.Max();
            [Differentiable] public static double Min(double[] x) => Enumerable.Min(x);
            [Differentiable] public static float SumF(float[] x) => x.Sum();
            [Differentiable] public static float AverageF(float[] x) => x.Average();
            [Differentiable] public static float MaxF(float[] x) => x.Max();
            [Differentiable] public static float MinF(float[] x) => x.Min();
        }

        public static class Driver
        {
            // What the method gives and what its generated entry gives, as text: the value's bits, or the exception.
            public static string[] Both(string name, double[] x)
            {
                float[] f = Array.ConvertAll(x, v => (float)v);
                double[] g = new double[x.Length];
                float[] gf = new float[x.Length];
                Func<string>[] calls = name switch
                {
                    "Sum" => new Func<string>[] { () => Bits(Reductions.Sum(x)), () => Bits(Reductions.SumValueAndGradient(x, g)) },
                    "Average" => new Func<string>[] { () => Bits(Reductions.Average(x)), () => Bits(Reductions.AverageValueAndGradient(x, g)) },
                    "Max" => new Func<string>[] { () => Bits(Reductions.Max(x)), () => Bits(Reductions.MaxValueAndGradient(x, g)) },
                    "Min" => new Func<string>[] { () => Bits(Reductions.Min(x)), () => Bits(Reductions.MinValueAndGradient(x, g)) },
                    "SumF" => new Func<string>[] { () => Bits(Reductions.SumF(f)), () => Bits(Reductions.SumFValueAndGradient(f, gf)) },
                    "AverageF" => new Func<string>[] { () => Bits(Reductions.AverageF(f)), () => Bits(Reductions.AverageFValueAndGradient(f, gf)) },
                    "MaxF" => new Func<string>[] { () => Bits(Reductions.MaxF(f)), () => Bits(Reductions.MaxFValueAndGradient(f, gf)) },
                    _ => new Func<string>[] { () => Bits(Reductions.MinF(f)), () => Bits(Reductions.MinFValueAndGradient(f, gf)) },
                };
                return calls.Select(Outcome).ToArray();
            }

            private static string Outcome(Func<string> call)
            {
                try { return call(); }
                catch (Exception e) { return "throws " + e.GetType().FullName + ": " + e.Message; }
            }

            private static string Bits(double v) => BitConverter.DoubleToInt64Bits(v).ToString("X16");

            private static string Bits(float v) => BitConverter.SingleToInt32Bits(v).ToString("X8");
        }
        """;

    [Fact]
    public void Generated_values_and_exceptions_are_LINQ_s_bit_for_bit()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        Assert.Empty(run.AnalyzerDiagnostics);
        using CompiledAssembly assembly = run.EmitAndLoad();
        double[] values = { double.NaN, -0.0, 0.0, 1.5, -2.0, 1e-30, double.PositiveInfinity, double.NegativeInfinity, 0.1 };
        var arrays = new List<double[]> { System.Array.Empty<double>() };
        arrays.AddRange(values.Select(a => new[] { a }));
        arrays.AddRange(from a in values from b in values select new[] { a, b });
        arrays.AddRange(from a in values from b in values from c in new[] { double.NaN, -0.0, 0.1, 3.0 } select new[] { a, b, c });
        int checkedCount = 0;
        foreach (string name in new[] { "Sum", "Average", "Max", "Min", "SumF", "AverageF", "MaxF", "MinF" })
        {
            foreach (double[] x in arrays)
            {
                var both = (string[])assembly.InvokeStatic("Demo.Driver", "Both", name, x)!;
                Assert.True(both[0] == both[1], $"{name}({string.Join(", ", x)}): LINQ gives {both[0]}, the generated entry {both[1]}");
                checkedCount++;
            }
        }

        Assert.Equal(8 * arrays.Count, checkedCount);
    }

    [Theory]
    [InlineData("return x > 0 ? [|w.Max()|] : 0;", "call it in a statement of its own")]
    [InlineData("return [|w.Select(v => v * v).Sum()|];", "without a selector")]
    [InlineData("return [|w.Sum(v => v * x)|];", "without a selector")]
    [InlineData("int[] k = { 1, 2 }; return x * [|k.Sum()|];", "of a double[] or float[]")]
    public void What_LINQ_cannot_become_a_loop_is_reported(string statements, string fix)
    {
        Microsoft.CodeAnalysis.Diagnostic d = Diagnostics.DiagnosticAssert.Single("""
            using System;
            using System.Linq;
            using AutoDiffGen;

            public static partial class Functions
            {
                [Differentiable] public static double F(double x, double[] w)
                {
            """ + statements + """

                }
            }
            """, "ADG0010");
        Assert.Contains(fix, d.GetMessage());
    }
}
