using System;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Snapshots;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Throws;

/// <summary>The generated code of a validating loop method, and what its entries leave behind after throwing.</summary>
public sealed class ThrowSnapshotAndStateTests
{
    private const string Validating = """
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            [Differentiable]
            public static double WeightedNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> w)
            {
                if (x.Length != w.Length) throw new ArgumentException("x and w must have the same length", nameof(w));
                double[] scaled = new double[x.Length];
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    if (w[i] < 0) throw new ArgumentOutOfRangeException(nameof(w), $"w[{i}] = {w[i]} is negative");
                    scaled[i] = x[i] * w[i];
                    s += scaled[i] * scaled[i];
                }

                return Math.Sqrt(s);
            }
        }
        """;

    [Fact]
    public void ValidatingLoopMethod() => GeneratedCode.Verify(Validating, nameof(ValidatingLoopMethod));

    [Fact]
    public void After_throws_the_fused_entry_allocates_nothing_and_the_stack_keeps_its_depth()
    {
        const string driver = """
            using System;
            using AutoDiffGen.CompilerServices;
            public static class ThrowDriver
            {
                public static long[] Run(int repetitions)
                {
                    double[] x = { 1, 2, 3, 4 }, w = { 0.5, 1, 1.5, 2 }, bad = { 0.5, -1, 1.5, 2 };
                    var gradient = new double[8];
                    for (int i = 0; i < 3; i++) Demo.Kernels.WeightedNormValueAndGradient(x, w, gradient.AsSpan(0, 4), gradient.AsSpan(4, 4));
                    int depth = TapeStack.ForCurrentThread.Count;
                    int thrown = 0;
                    for (int i = 0; i < 3; i++)
                    {
                        try { Demo.Kernels.WeightedNormValueAndGradient(x, bad, gradient.AsSpan(0, 4), gradient.AsSpan(4, 4)); }
                        catch (ArgumentOutOfRangeException) { thrown++; }
                    }

                    int depthAfterThrows = TapeStack.ForCurrentThread.Count;
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int i = 0; i < repetitions; i++) Demo.Kernels.WeightedNormValueAndGradient(x, w, gradient.AsSpan(0, 4), gradient.AsSpan(4, 4));
                    long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    return new long[] { thrown, depth, depthAfterThrows, allocated };
                }
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(Validating, driver);
        Assert.Empty(run.CompilerErrors);
        using CompiledAssembly assembly = run.EmitAndLoad();
        long[] result = (long[])assembly.InvokeStatic("ThrowDriver", "Run", 1000)!;
        Assert.Equal(3, result[0]);
        Assert.Equal(result[1], result[2]);
        Assert.Equal(0, result[3]);
    }

    [Fact]
    public void A_reduction_shaped_loop_that_may_throw_gets_no_iteration_method()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using System;
            using AutoDiffGen;
            namespace Demo;
            public static partial class Kernels
            {
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double w, bool check)
                {
                    double total = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double inner = 0;
                        for (int j = 0; j <= i; j++) inner += Math.Exp(x[j] * w);
                        if (check && inner > 1e6) throw new OverflowException("inner sum too large");
                        total += Math.Log(inner);
                    }

                    return total;
                }

                [Differentiable]
                public static double G(ReadOnlySpan<double> x, double w)
                {
                    double total = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double inner = 0;
                        for (int j = 0; j <= i; j++) inner += Math.Exp(x[j] * w);
                        total += Math.Log(inner);
                    }

                    return total;
                }
            }
            """);
        Assert.Empty(run.CompilerErrors);
        // G, the same loop without the throw, is the control: it does take the per-iteration path.
        Assert.Contains("GLoop", run.GeneratedSources.Single(s => s.Key.EndsWith(".G.g.cs", StringComparison.Ordinal)).Value);
        Assert.DoesNotContain("FLoop", run.GeneratedSources.Single(s => s.Key.EndsWith(".F.g.cs", StringComparison.Ordinal)).Value);
    }
}
