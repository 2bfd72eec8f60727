using System;
using System.Diagnostics;
using AutoDiffGen.Kernels;

namespace AutoDiffGen.Benchmarks;

/// <summary>
/// A GEMM refinement against the path it replaced (<see cref="GemmTuning"/>), on the MLP step's products and 1024³:
/// both variants in one process, interleaved trial by trial, best of each, so the machine's drift hits both alike.
/// </summary>
internal static class GemmVariantProbe
{
    private static readonly (string Name, int M, int K, int N, bool TA, bool TB)[] Shapes =
    [
        ("X·W1ᵀ   64×784×256 Bᵀ", 64, 784, 256, false, true),
        ("dY·W1   64×256×784", 64, 256, 784, false, false),
        ("dYᵀ·X   256×64×784 Aᵀ", 256, 64, 784, true, false),
        ("H·W2ᵀ   64×256×10 Bᵀ", 64, 256, 10, false, true),
        ("dY2ᵀ·H  10×64×256 Aᵀ", 10, 64, 256, true, false),
        ("784×64×256", 784, 64, 256, false, false),
        ("12×256×784", 12, 256, 784, false, false),
        ("1024³", 1024, 1024, 1024, false, false),
    ];

    private static readonly int Trials = int.TryParse(Environment.GetEnvironmentVariable("TRIALS"), out int t) ? t : 31;

    public static void Run()
    {
        Console.WriteLine("1 thread, µs per product (best of interleaved trials); 'before' = refinements off");
        Console.WriteLine($"{"product",-24} {"variant",-18} {"before µs",10} {"after µs",10} {"after÷before",13}");
        foreach (var s in Shapes)
        {
            Compare(s.Name, "exact ragged rows", v => GemmTuning.ExactRaggedRows = v, s.M, s.K, s.N, s.TA, s.TB);
            if (!s.TB)
            {
                Compare(s.Name, "B read in place", v => GemmTuning.UnpackedB = v, s.M, s.K, s.N, s.TA, s.TB);
            }
        }
        GemmTuning.ExactRaggedRows = true;
        GemmTuning.UnpackedB = true;
        MeasurePacking();
    }

    /// <summary>What packing alone costs in X·W1ᵀ (64×784·784×256, B transposed): A and B packed once each per call.</summary>
    private static unsafe void MeasurePacking()
    {
        const int m = 64, k = 784, n = 256;
        var rng = new Random(2);
        float[] a = Random(m * k, rng), b = Random(k * n, rng), c = new float[m * n];
        int mr = GemmBlocking<float>.Mr, nr = GemmBlocking<float>.Nr;
        int slices = (k + GemmBlocking<float>.Kc - 1) / GemmBlocking<float>.Kc, kc = (k + slices - 1) / slices;
        float[] aPack = new float[GemmBlocking<float>.RoundUp(m, mr) * kc + 64], bPack = new float[GemmBlocking<float>.RoundUp(n, nr) * kc + 64];
        double packA = double.MaxValue, packB = double.MaxValue, whole = double.MaxValue;
        fixed (float* pa = a, pb = b, pc = c, pap = aPack, pbp = bPack)
        {
            var op = new GemmOperands<float>(pa, pb, pc, m, k, n, transposeA: false, transposeB: true);
            for (int trial = 0; trial < Trials; trial++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int p0 = 0; p0 < k; p0 += kc)
                {
                    GemmPacking<float>.PackA(op, 0, m, p0, Math.Min(kc, k - p0), mr, pap);
                }
                packA = Math.Min(packA, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                start = Stopwatch.GetTimestamp();
                for (int p0 = 0; p0 < k; p0 += kc)
                {
                    GemmPacking<float>.PackB(op, p0, Math.Min(kc, k - p0), 0, n, nr, pbp);
                }
                packB = Math.Min(packB, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                start = Stopwatch.GetTimestamp();
                Gemm.Multiply(a, b, c, m, k, n, transposeB: true, maxDegreeOfParallelism: 1);
                whole = Math.Min(whole, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }
        Console.WriteLine($"X·W1ᵀ packing, best of {Trials}: A {packA:F1} µs, B {packB:F1} µs, whole product {whole:F1} µs " +
            $"(micro-kernel ideal at this moment: {2.0 * m * k * n / (MicroKernelPeak.Measure() * 1e3):F1} µs)");
    }

    private static void Compare(string name, string variant, Action<bool> set, int m, int k, int n, bool ta, bool tb)
    {
        var rng = new Random(1);
        float[] a = Random(m * k, rng), b = Random(k * n, rng), c = new float[m * n];
        int repetitions = Math.Max(1, (int)(2e8 / (2.0 * m * k * n)));
        double before = double.MaxValue, after = double.MaxValue;
        foreach (bool on in new[] { false, true })
        {
            set(on);
            Gemm.Multiply(a, b, c, m, k, n, ta, tb, maxDegreeOfParallelism: 1);   // JIT both paths before timing
        }
        for (int trial = 0; trial < Trials; trial++)
        {
            foreach (bool on in new[] { false, true })
            {
                set(on);
                long start = Stopwatch.GetTimestamp();
                for (int r = 0; r < repetitions; r++)
                {
                    Gemm.Multiply(a, b, c, m, k, n, ta, tb, maxDegreeOfParallelism: 1);
                }
                double micro = Stopwatch.GetElapsedTime(start).TotalMicroseconds / repetitions;
                if (on)
                {
                    after = Math.Min(after, micro);
                }
                else
                {
                    before = Math.Min(before, micro);
                }
            }
        }
        Console.WriteLine($"{name,-24} {variant,-18} {before,10:F1} {after,10:F1} {after / before,13:F2}");
    }

    private static float[] Random(int count, Random rng)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(rng.NextDouble() * 2 - 1);
        }
        return values;
    }
}
