using System;
using AutoDiffGen.Benchmarks.Scalar;
using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks.Network;

/// <summary>
/// The loss of a 4-16-1 tanh network on one example and its gradient with respect to its 97 weights and biases: the
/// generated gradient (Dense's statements inlined at its call) against the hand-written one and the dynamic graph.
/// </summary>
[Config(typeof(ScalarBenchmarkConfig))]
public class TwoLayerNetworkBenchmarks
{
    private const int Inputs = 4;
    private const int Hidden = 16;

    private readonly double[] _w1 = new double[Hidden * Inputs], _b1 = new double[Hidden], _w2 = new double[Hidden];
    private readonly double[] _dw1 = new double[Hidden * Inputs], _db1 = new double[Hidden], _dw2 = new double[Hidden];
    private readonly double[] _x = [0.5, -1.2, 0.3, 2.0];
    private readonly double _b2 = 0.1, _target = 0.7;
    private Tensor _w1Leaf = null!, _b1Leaf = null!, _w2Leaf = null!, _b2Leaf = null!, _xTensor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        foreach (double[] weights in new[] { _w1, _b1, _w2 })
        {
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = random.NextDouble() - 0.5;
            }
        }

        _w1Leaf = Tensor.FromArray((double[])_w1.Clone(), Hidden, Inputs).RequiresGrad_(true);
        _b1Leaf = Tensor.FromArray((double[])_b1.Clone(), Hidden).RequiresGrad_(true);
        _w2Leaf = Tensor.FromArray((double[])_w2.Clone(), Hidden).RequiresGrad_(true);
        _b2Leaf = Tensor.Scalar(_b2, DType.Float64, requiresGrad: true);
        _xTensor = Tensor.FromArray((double[])_x.Clone(), Inputs);
    }

    [Benchmark(Baseline = true)]
    public double Primal() => TwoLayerNetwork.Loss(_w1, _b1, _w2, _b2, _x, _target);

    [Benchmark]
    public double Generated() =>
        TwoLayerNetwork.LossValueAndGradient(_w1, _b1, _w2, _b2, _x, _target, _dw1, _db1, _dw2, out double db2) + db2 + _dw1[0];

    [Benchmark]
    public double HandWritten() =>
        TwoLayerNetwork.LossHandGradient(_w1, _b1, _w2, _b2, _x, _target, _dw1, _db1, _dw2, out double db2) + db2 + _dw1[0];

    [Benchmark]
    public double DynamicGraph()
    {
        _w1Leaf.Grad = null;
        _b1Leaf.Grad = null;
        _w2Leaf.Grad = null;
        _b2Leaf.Grad = null;
        Tensor loss = TwoLayerNetwork.LossGraph(_w1Leaf, _b1Leaf, _w2Leaf, _b2Leaf, _xTensor, _target);
        loss.Backward();
        return loss.Item() + _b2Leaf.Grad!.Item();
    }
}
