using System;
using AutoDiffGen.Benchmarks.Scalar;
using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks.Activation;

/// <summary>
/// Σ cᵢ·tanh(zᵢ) over 1,024 values and its gradient: the loss with TensorPrimitives (the baseline) and with a loop, the
/// generated gradient of each, and a hand-written gradient on TensorPrimitives.
/// </summary>
[Config(typeof(ScalarBenchmarkConfig))]
public class TanhActivationBenchmarks
{
    public const int Length = 1024;

    private readonly double[] _z = new double[Length], _c = new double[Length], _dz = new double[Length], _h = new double[Length];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(13);
        for (int i = 0; i < Length; i++)
        {
            _z[i] = 4 * random.NextDouble() - 2;
            _c[i] = random.NextDouble() - 0.5;
        }
    }

    [Benchmark(Baseline = true)]
    public double LossVectorised() => TanhActivation.LossVectorised(_z, _c);

    [Benchmark]
    public double LossLoops() => TanhActivation.LossLoops(_z, _c);

    [Benchmark]
    public double GeneratedVectorised() => TanhActivation.LossVectorisedValueAndGradient(_z, _c, _dz) + _dz[0];

    [Benchmark]
    public double GeneratedLoops() => TanhActivation.LossLoopsValueAndGradient(_z, _c, _dz) + _dz[0];

    [Benchmark]
    public double HandWritten() => TanhActivation.HandGradient(_z, _c, _dz, _h) + _dz[0];
}
