using System;
using System.Diagnostics;
using AutoDiffGen.Kernels;

namespace AutoDiffGen.Benchmarks;

/// <summary>Quick matmul throughput check: best of several timed runs per size, one thread and all cores.</summary>
internal static class MatMulProbe
{
    public static void Run(ReadOnlySpan<string> sizes)
    {
        Console.WriteLine($"micro-kernel peak (L1-resident): {MicroKernelPeak.Measure():F1} GFLOP/s");
        int[] sizeList = sizes.Length == 0 ? [64, 256, 1024] : ParseSizes(sizes);
        Console.WriteLine($"{"size",6} {"threads",8} {"float32 GFLOP/s",16} {"float64 GFLOP/s",16}");
        foreach (int size in sizeList)
        {
            foreach (int threads in new[] { 1, -1 })
            {
                double single = Measure<float>(size, threads);
                double dbl = Measure<double>(size, threads);
                string threadLabel = threads == 1 ? "1" : Environment.ProcessorCount.ToString();
                Console.WriteLine($"{size,6} {threadLabel,8} {single,16:F1} {dbl,16:F1}");
            }
        }
        MeasureMlpShapes();
    }

    private static int[] ParseSizes(ReadOnlySpan<string> sizes)
    {
        var result = new int[sizes.Length];
        for (int i = 0; i < sizes.Length; i++)
        {
            result[i] = int.Parse(sizes[i], System.Globalization.CultureInfo.InvariantCulture);
        }
        return result;
    }

    private static double Measure<T>(int size, int threads)
        => Measure<T>(size, size, size, Environment.GetEnvironmentVariable("TA") == "1",
            Environment.GetEnvironmentVariable("TB") == "1", threads);

    /// <summary>The products of one 784-256-10 MLP training step with batch 64 (the first layer dominates).</summary>
    private static void MeasureMlpShapes()
    {
        Console.WriteLine($"{"MLP product (m×k×n)",-34} {"1 thread GFLOP/s",17} {"all cores GFLOP/s",18}");
        (string Name, int M, int K, int N, bool TA, bool TB)[] shapes =
        [
            ("X·W1ᵀ   (64×784×256, B transposed)", 64, 784, 256, false, true),
            ("dY·W1   (64×256×784)", 64, 256, 784, false, false),
            ("dYᵀ·X   (256×64×784, A transposed)", 256, 64, 784, true, false),
            ("H·W2ᵀ   (64×256×10, B transposed)", 64, 256, 10, false, true),
        ];
        foreach (var s in shapes)
        {
            double one = Measure<float>(s.M, s.K, s.N, s.TA, s.TB, 1);
            double all = Measure<float>(s.M, s.K, s.N, s.TA, s.TB, -1);
            Console.WriteLine($"{s.Name,-34} {one,17:F1} {all,18:F1}");
        }
    }

    private static double Measure<T>(int m, int k, int n, bool transposeA, bool transposeB, int threads)
    {
        var rng = new Random(1);
        double flops = 2.0 * m * k * n;
        int repetitions = Math.Max(1, (int)(2e9 / flops));
        double best = double.MaxValue;
        if (typeof(T) == typeof(float))
        {
            float[] a = RandomFloats(m * k, rng), b = RandomFloats(k * n, rng), c = new float[m * n];
            for (int trial = 0; trial < 7; trial++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int r = 0; r < repetitions; r++)
                {
                    Gemm.Multiply(a, b, c, m, k, n, transposeA, transposeB, maxDegreeOfParallelism: threads);
                }
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / repetitions);
            }
        }
        else
        {
            double[] a = RandomDoubles(m * k, rng), b = RandomDoubles(k * n, rng), c = new double[m * n];
            for (int trial = 0; trial < 7; trial++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int r = 0; r < repetitions; r++)
                {
                    Gemm.Multiply(a, b, c, m, k, n, transposeA, transposeB, maxDegreeOfParallelism: threads);
                }
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / repetitions);
            }
        }
        return flops / best / 1e9;
    }

    private static float[] RandomFloats(int count, Random rng)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(rng.NextDouble() * 2 - 1);
        }
        return values;
    }

    private static double[] RandomDoubles(int count, Random rng)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = rng.NextDouble() * 2 - 1;
        }
        return values;
    }
}

/// <summary>Upper bound for the micro-kernel alone: one tile, operands resident in L1.</summary>
internal static unsafe class MicroKernelPeak
{
    public static double Measure()
    {
        const int kc = 256;
        int mr = GemmBlocking<float>.Mr, nr = GemmBlocking<float>.Nr;
        float* a = (float*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(mr * kc * 4), 64);
        float* b = (float*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(nr * kc * 4), 64);
        float* c = (float*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(mr * nr * 4), 64);
        for (int i = 0; i < mr * kc; i++) a[i] = 1e-3f;
        for (int i = 0; i < nr * kc; i++) b[i] = 1e-3f;
        double best = double.MaxValue;
        const int reps = 20000;
        for (int t = 0; t < 5; t++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int r = 0; r < reps; r++)
            {
                GemmMicroKernel512<float>.Run(a, b, kc, c, nr, overwrite: false);
            }
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return 2.0 * mr * nr * kc * reps / best / 1e9;
    }
}
