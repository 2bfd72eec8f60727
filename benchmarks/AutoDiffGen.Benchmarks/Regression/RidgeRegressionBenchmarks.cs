using System;
using AutoDiffGen.Benchmarks.Scalar;
using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks.Regression;

/// <summary>
/// Ridge regression's loss over 256 samples of 64 features and its gradient: the loss written with loops (the baseline) and
/// with TensorPrimitives, the generated gradient of each, and a hand-written gradient on TensorPrimitives.
/// </summary>
[Config(typeof(ScalarBenchmarkConfig))]
public class RidgeRegressionBenchmarks
{
    public const int Samples = 256, Features = 64;
    private const double Lambda = 0.01;

    private readonly double[] _w = new double[Features], _dw = new double[Features];
    private readonly double[] _x = new double[Samples * Features], _y = new double[Samples];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        foreach (double[] values in new[] { _w, _x, _y })
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = random.NextDouble() - 0.5;
            }
        }
    }

    [Benchmark(Baseline = true)]
    public double LossLoops() => RidgeRegression.LossLoops(_w, _x, _y, Lambda);

    [Benchmark]
    public double LossVectorised() => RidgeRegression.LossVectorised(_w, _x, _y, Lambda);

    [Benchmark]
    public double GeneratedLoops() => RidgeRegression.LossLoopsValueAndGradient(_w, _x, _y, Lambda, _dw) + _dw[0];

    [Benchmark]
    public double GeneratedVectorised() => RidgeRegression.LossVectorisedValueAndGradient(_w, _x, _y, Lambda, _dw) + _dw[0];

    [Benchmark]
    public double HandWritten() => RidgeRegression.HandGradient(_w, _x, _y, Lambda, _dw) + _dw[0];
}
