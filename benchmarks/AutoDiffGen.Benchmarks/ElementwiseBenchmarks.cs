using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using AutoDiffGen.Kernels;

namespace AutoDiffGen.Benchmarks;

/// <summary>
/// Elementwise functions over 1M floats: our VectorMath against System.Numerics.Tensors' TensorPrimitives
/// (the baseline, so the Ratio column reads "ours ÷ TensorPrimitives"). Add is the memory-bandwidth yardstick
/// (both rows run TensorPrimitives.Add, which the runtime uses): an activation near add's time is as fast as it can be.
/// </summary>
public class ElementwiseBenchmarks
{
    private const int Length = 1 << 20;
    private float[] _x = [], _y = [], _destination = [];

    [Params("add", "exp", "tanh", "sigmoid", "log")]
    public string Function { get; set; } = "add";

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _x = new float[Length];
        _y = new float[Length];
        _destination = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            _x[i] = (float)(rng.NextDouble() * 8 - 4);
            _y[i] = (float)(rng.NextDouble() + 0.5);   // positive, for log
        }
    }

    [Benchmark(Baseline = true)]
    public void TensorPrimitivesBaseline()
    {
        switch (Function)
        {
            case "add": TensorPrimitives.Add(_x, _y, _destination); break;
            case "exp": TensorPrimitives.Exp(_x, _destination); break;
            case "tanh": TensorPrimitives.Tanh(_x, _destination); break;
            case "sigmoid": TensorPrimitives.Sigmoid(_x, _destination); break;
            default: TensorPrimitives.Log(_y, _destination); break;
        }
    }

    [Benchmark]
    public void VectorMathOurs()
    {
        switch (Function)
        {
            case "add": TensorPrimitives.Add(_x, _y, _destination); break;
            case "exp": VectorMath.Exp(_x, _destination); break;
            case "tanh": VectorMath.Tanh(_x, _destination); break;
            case "sigmoid": VectorMath.Sigmoid(_x, _destination); break;
            default: VectorMath.Log(_y, _destination); break;
        }
    }
}
