using System;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>
/// Half-typed code as an editor produces it: a rich source cut off or with a slice removed at many
/// positions. Neither the generator nor the analyzer may throw or report an internal error (ADG0099).
/// </summary>
public sealed class TruncationFuzzTests
{
    private const string Source = """
        using AutoDiffGen;
        using System;
        namespace Demo;
        public static class Special { public static double Softplus(double x) => Math.Log(1 + Math.Exp(x)); }
        public static class Rules
        {
            [DerivativeOf(typeof(Special), nameof(Special.Softplus))]
            public static double SoftplusDerivative(double x, out double dx) { dx = 1 / (1 + Math.Exp(-x)); return Special.Softplus(x); }
        }
        public partial class Model
        {
            private double _k = 2;
            [Differentiable]
            public double Energy(double x, double y, int n, [NoDerivative] double c)
            {
                double s = x * _k;
                s += Math.Sin(y) * c;
                if (n > 2 && x < y) { s = s * s; } else if (n == 0) { return Special.Softplus(s); }
                switch (n) { case 1: s -= y; break; default: s /= 2; break; }
                double r = s switch { < 0 => -s, > 10 and < 20 => Math.Sqrt(s), _ => s };
                return r + Square(x - y) + (x > 0 ? x : 0.1 * x);
            }
            [Differentiable]
            public static double Square(double v) => v * v;
        }
        """;

    [Fact]
    public void NeitherThrowsNorReportsAnInternalError()
    {
        GeneratorRun intact = GeneratorHarness.Run(Source);
        Assert.Equal(new[] { "Demo.Model.Energy.g.cs", "Demo.Model.Square.g.cs" }, intact.GeneratedSources.Keys);
        Assert.Empty(intact.CompilerErrors);

        var random = new Random(1234);
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
