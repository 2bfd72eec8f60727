using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using AutoDiffGen.Kernels;

namespace AutoDiffGen.Benchmarks;

/// <summary>
/// float32 square matrix multiply at 64, 256 and 1024: our packed GEMM on one core (the figure to compare
/// with single-threaded OpenBLAS) and on all cores, against a naive i-k-j loop. GFLOP/s is a column.
/// </summary>
[Config(typeof(Config))]
public class MatMulBenchmarks
{
    private float[] _a = [], _b = [], _c = [];

    [Params(64, 256, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _a = new float[Size * Size];
        _b = new float[Size * Size];
        _c = new float[Size * Size];
        for (int i = 0; i < _a.Length; i++)
        {
            _a[i] = (float)(rng.NextDouble() * 2 - 1);
            _b[i] = (float)(rng.NextDouble() * 2 - 1);
        }
    }

    [Benchmark(Baseline = true, Description = "naive i-k-j")]
    public void Naive()
    {
        int n = Size;
        Array.Clear(_c);
        for (int i = 0; i < n; i++)
        {
            for (int p = 0; p < n; p++)
            {
                float aip = _a[i * n + p];
                for (int j = 0; j < n; j++)
                {
                    _c[i * n + j] += aip * _b[p * n + j];
                }
            }
        }
    }

    [Benchmark(Description = "Gemm, 1 thread")]
    public void GemmSingleThread() => Gemm.Multiply(_a, _b, _c, Size, Size, Size, maxDegreeOfParallelism: 1);

    [Benchmark(Description = "Gemm, all cores")]
    public void GemmAllCores() => Gemm.Multiply(_a, _b, _c, Size, Size, Size);

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn());
    }
}
