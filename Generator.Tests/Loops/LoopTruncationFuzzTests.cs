using System;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Half-typed loop code: a source rich in loops, spans, local arrays, break/continue/return and span callees,
/// cut off or with a slice removed at many positions. Neither the generator nor the analyzer may throw, report
/// an internal error (ADG0099), or emit code that does not compile.
/// </summary>
public sealed class LoopTruncationFuzzTests
{
    private const string Source = """
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static partial class Kernels
        {
            [Differentiable]
            public static double Energy(ReadOnlySpan<double> x, Span<double> y, double w, int n)
            {
                double[] t = new double[x.Length];
                Span<double> u = stackalloc double[2];
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    if (x[i] < -5) break;
                    if (x[i] == 0) continue;
                    t[i] = Math.Sin(x[i]) * w;
                    y[i % y.Length] += t[i];
                }

                int k = 0;
                while (k < n) { s += t[k % t.Length] * u[k % 2]; k += 2; if (s > 100) return s; }
                do { s *= 0.5; } while (s > 10);
                foreach (double v in t) { s += v * v; }
                return s + Norm(t) + y[0];
            }

            [Differentiable]
            public static double Norm(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = v.Length - 1; i >= 0; i--) s += v[i] * v[i];
                return Math.Sqrt(s);
            }
        }
        """;

    [Fact]
    public void NeitherThrowsNorReportsAnInternalError()
    {
        GeneratorRun intact = GeneratorHarness.Run(Source);
        Assert.Equal(new[] { "Demo.Kernels.Energy.g.cs", "Demo.Kernels.Norm.g.cs" }, intact.GeneratedSources.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.True(!intact.CompilerErrors.Any(), intact.DescribeFailure(intact.CompilerDiagnostics));

        var random = new Random(4321);
        for (int trial = 0; trial < 40; trial++)
        {
            int start = random.Next(Source.Length);
            int length = trial % 2 == 0 ? Source.Length - start : random.Next(1, Math.Min(12, Source.Length - start));
            string edited = Source.Remove(start, length);

            // The harness throws if the generator or an analyzer throws.
            GeneratorRun run = GeneratorHarness.Run(edited);
            Assert.DoesNotContain(run.AnalyzerDiagnostics, d => d.Id == "ADG0099");
            foreach (var generated in run.GeneratedSources)
            {
                Assert.DoesNotContain(run.CompilerErrors, e => e.Location.SourceTree?.FilePath.EndsWith(generated.Key, StringComparison.Ordinal) == true);
            }
        }
    }
}
