using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>2-D Rosenbrock at the classic start (−1.2, 1): primal, generated fused gradient, hand-written, dynamic graph.</summary>
[Config(typeof(ScalarBenchmarkConfig))]
public class RosenbrockBenchmarks
{
    // Fields, not constants, so the JIT cannot fold the functions away.
    private double _x = -1.2, _y = 1.0;
    private double[] _xs = [], _ys = [];
    private Tensor[] _leaves = [];

    [GlobalSetup]
    public void Setup()
    {
        _leaves = Leaves.Of(_x, _y);
        double[][] points = SamplePoints.Around(seed: 1, centre: 0.5, spread: 1.5, dimensions: 2);
        (_xs, _ys) = (points[0], points[1]);
    }

    // A call costs about a nanosecond: time a sweep over SamplePoints.Count points, reported per point.
    [Benchmark(Baseline = true, OperationsPerInvoke = SamplePoints.Count)]
    public double Primal()
    {
        double sum = 0;
        for (int i = 0; i < _xs.Length; i++) sum += RosenbrockFunctions.Rosenbrock(_xs[i], _ys[i]);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = SamplePoints.Count)]
    public double Generated()
    {
        double sum = 0;
        for (int i = 0; i < _xs.Length; i++) sum += RosenbrockFunctions.RosenbrockValueAndGradient(_xs[i], _ys[i], out double dx, out double dy) + dx + dy;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = SamplePoints.Count)]
    public double HandWritten()
    {
        double sum = 0;
        for (int i = 0; i < _xs.Length; i++) sum += RosenbrockFunctions.RosenbrockHandGradient(_xs[i], _ys[i], out double dx, out double dy) + dx + dy;
        return sum;
    }

    [Benchmark]
    public double DynamicGraph()
    {
        Tensor[] p = _leaves;
        Leaves.ClearGrads(p);
        Tensor value = RosenbrockFunctions.RosenbrockGraph(p[0], p[1]);
        value.Backward();
        return value.Item() + Leaves.SumOfGrads(p);
    }
}
