using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// The GMM benchmark's own source files (benchmarks/AutoDiffGen.Benchmarks/Gmm), compiled with the generator at
/// small sizes: the generated gradient (fused, and Forward + Backward) against central finite differences in
/// float64 and against the hand-written gradient the benchmark compares with.
/// </summary>
public sealed class GmmGradientTests : IDisposable
{
    private const string Driver = """
        using System;
        using AutoDiffGen.Benchmarks.Gmm;

        public static class GmmDriver
        {
            public static double Value(double[] p, double[] x, int d, int k)
            {
                int icf = k * d * (d + 1) / 2;
                return GmmObjective.Objective(p.AsSpan(0, k), p.AsSpan(k, k * d), p.AsSpan(k + k * d, icf), x, 1.3, 2, d);
            }

            public static double[] Generated(double[] p, double[] x, int d, int k)
            {
                int icf = k * d * (d + 1) / 2;
                var g = new double[p.Length + 1];
                Array.Fill(g, 5.0);
                g[0] = GmmObjective.ObjectiveValueAndGradient(p.AsSpan(0, k), p.AsSpan(k, k * d), p.AsSpan(k + k * d, icf), x, 1.3, 2, d,
                    g.AsSpan(1, k), g.AsSpan(1 + k, k * d), g.AsSpan(1 + k + k * d, icf));
                return g;
            }

            /// <summary>Bytes the fused gradient allocates over <paramref name="repetitions"/> calls after warming up.</summary>
            public static long AllocatedBytes(double[] p, double[] x, int d, int k, int repetitions)
            {
                int icf = k * d * (d + 1) / 2;
                var g = new double[p.Length];
                for (int i = 0; i < 3; i++)
                {
                    GmmObjective.ObjectiveValueAndGradient(p.AsSpan(0, k), p.AsSpan(k, k * d), p.AsSpan(k + k * d, icf), x, 1.3, 2, d,
                        g.AsSpan(0, k), g.AsSpan(k, k * d), g.AsSpan(k + k * d, icf));
                }

                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < repetitions; i++)
                {
                    GmmObjective.ObjectiveValueAndGradient(p.AsSpan(0, k), p.AsSpan(k, k * d), p.AsSpan(k + k * d, icf), x, 1.3, 2, d,
                        g.AsSpan(0, k), g.AsSpan(k, k * d), g.AsSpan(k + k * d, icf));
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            public static void WrongGradientLength(double[] p, double[] x, int d, int k)
            {
                int icf = k * d * (d + 1) / 2;
                var g = new double[p.Length];
                GmmObjective.ObjectiveValueAndGradient(p.AsSpan(0, k), p.AsSpan(k, k * d), p.AsSpan(k + k * d, icf), x, 1.3, 2, d,
                    g.AsSpan(0, k), g.AsSpan(k, k * d - 1), g.AsSpan(k + k * d, icf));
            }

            public static double[] ForwardBackward(double[] p, double[] x, int d, int k)
            {
                int icf = k * d * (d + 1) / 2;
                var g = new double[p.Length + 1];
                g[0] = GmmObjective.ObjectiveForward(p.AsSpan(0, k), p.AsSpan(k, k * d), p.AsSpan(k + k * d, icf), x, 1.3, 2, d, out var tape);
                GmmObjective.ObjectiveBackward(in tape, 1.0, g.AsSpan(1, k), g.AsSpan(1 + k, k * d), g.AsSpan(1 + k + k * d, icf));
                tape.Dispose();
                return g;
            }

            public static double[] Hand(double[] p, double[] x, int d, int k)
            {
                int icf = k * d * (d + 1) / 2;
                var g = new double[p.Length + 1];
                g[0] = new GmmHandGradient(d, k).ValueAndGradient(p.AsSpan(0, k), p.AsSpan(k, k * d), p.AsSpan(k + k * d, icf), x, 1.3, 2,
                    g.AsSpan(1, k), g.AsSpan(1 + k, k * d), g.AsSpan(1 + k + k * d, icf));
                return g;
            }
        }
        """;

    private readonly CompiledAssembly _assembly;

    public GmmGradientTests()
    {
        string folder = Path.Combine(RepositoryRoot(), "benchmarks", "AutoDiffGen.Benchmarks", "Gmm");
        GeneratorRun run = GeneratorHarness.Run(new[]
        {
            ("GmmObjective.cs", File.ReadAllText(Path.Combine(folder, "GmmObjective.cs"))),
            ("GmmHandGradient.cs", File.ReadAllText(Path.Combine(folder, "GmmHandGradient.cs"))),
            ("GmmDriver.cs", Driver),
        }, assemblyName: "GmmCheck");
        Assert.Empty(run.AnalyzerDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        _assembly = run.EmitAndLoad();
    }

    public void Dispose() => _assembly.Dispose();

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    [Theory]
    [InlineData(2, 3, 5)]
    [InlineData(3, 2, 4)]
    [InlineData(4, 3, 3)]
    public void Generated_gradient_matches_finite_differences_and_the_hand_written_one(int d, int k, int n)
    {
        var random = new Random(d * 100 + k);
        int count = k + k * d + k * d * (d + 1) / 2;
        double[] p = Enumerable.Range(0, count).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] x = Enumerable.Range(0, n * d).Select(_ => 2 * random.NextDouble() - 1).ToArray();

        double value = Call<double>("Value", p, x, d, k);
        double[] generated = Call<double[]>("Generated", p, x, d, k);
        double[] split = Call<double[]>("ForwardBackward", p, x, d, k);
        double[] hand = Call<double[]>("Hand", p, x, d, k);
        Close(value, generated[0], 1e-12, "fused value");
        Close(value, split[0], 1e-12, "Forward value");
        Close(value, hand[0], 1e-12, "hand-written value");
        for (int i = 0; i < count; i++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(p[i]));
            double[] plus = (double[])p.Clone(), minus = (double[])p.Clone();
            plus[i] += h;
            minus[i] -= h;
            double expected = (Call<double>("Value", plus, x, d, k) - Call<double>("Value", minus, x, d, k)) / (plus[i] - minus[i]);
            Close(expected, generated[1 + i], 1e-6, $"fused ∂/∂p{i} vs finite differences");
            Close(expected, split[1 + i], 1e-6, $"Backward ∂/∂p{i} vs finite differences");
            Close(hand[1 + i], generated[1 + i], 1e-10, $"fused ∂/∂p{i} vs hand-written");
        }
    }

    [Fact]
    public void Fused_gradient_allocates_nothing_once_warmed_up()
    {
        // Local arrays, the loop tape, branch records and the LogSumExp callee's tape all come from pools.
        const int d = 3, k = 4, n = 50;
        var random = new Random(7);
        double[] p = Enumerable.Range(0, k + k * d + k * d * (d + 1) / 2).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] x = Enumerable.Range(0, n * d).Select(_ => random.NextDouble()).ToArray();
        Assert.Equal(0L, (long)_assembly.InvokeStatic("GmmDriver", "AllocatedBytes", p, x, d, k, 20)!);
    }

    [Fact]
    public void Fused_gradient_rejects_a_gradient_span_of_the_wrong_length()
    {
        const int d = 2, k = 2;
        double[] p = new double[k + k * d + k * d * (d + 1) / 2];
        double[] x = new double[2 * d];
        var error = Assert.Throws<ArgumentException>(() => _assembly.InvokeStatic("GmmDriver", "WrongGradientLength", p, x, d, k));
        Assert.Contains("'means' has length 4", error.Message);
        Assert.Contains("gradient of 'means' has length 3", error.Message);
    }

    private T Call<T>(string method, double[] p, double[] x, int d, int k) =>
        (T)_assembly.InvokeStatic("GmmDriver", method, p, x, d, k)!;

    private static void Close(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R}");
}
