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
    {
        var rng = new Random(1);
        int count = size * size;
        double flops = 2.0 * size * size * size;
        int repetitions = Math.Max(1, (int)(2e9 / flops));
        double best = double.MaxValue;
        if (typeof(T) == typeof(float))
        {
            float[] a = RandomFloats(count, rng), b = RandomFloats(count, rng), c = new float[count];
            for (int trial = 0; trial < 7; trial++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int r = 0; r < repetitions; r++)
                {
                    Gemm.Multiply(a, b, c, size, size, size, transposeA: Environment.GetEnvironmentVariable("TA") == "1", transposeB: Environment.GetEnvironmentVariable("TB") == "1", maxDegreeOfParallelism: threads);
                }
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / repetitions);
            }
        }
        else
        {
            double[] a = RandomDoubles(count, rng), b = RandomDoubles(count, rng), c = new double[count];
            for (int trial = 0; trial < 7; trial++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int r = 0; r < repetitions; r++)
                {
                    Gemm.Multiply(a, b, c, size, size, size, transposeA: Environment.GetEnvironmentVariable("TA") == "1", transposeB: Environment.GetEnvironmentVariable("TB") == "1", maxDegreeOfParallelism: threads);
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
