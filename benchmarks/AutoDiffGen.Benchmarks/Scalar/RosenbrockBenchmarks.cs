using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>2-D Rosenbrock at the classic start (−1.2, 1): primal, generated fused gradient, hand-written, dynamic graph.</summary>
[Config(typeof(ScalarBenchmarkConfig))]
public class RosenbrockBenchmarks
{
    // Fields, not constants, so the JIT cannot fold the functions away.
    private double _x = -1.2, _y = 1.0;
    private Tensor[] _leaves = [];

    [GlobalSetup]
    public void Setup() => _leaves = Leaves.Of(_x, _y);

    [Benchmark(Baseline = true)]
    public double Primal() => RosenbrockFunctions.Rosenbrock(_x, _y);

    [Benchmark]
    public double Generated() => RosenbrockFunctions.RosenbrockValueAndGradient(_x, _y, out double dx, out double dy) + dx + dy;

    [Benchmark]
    public double HandWritten() => RosenbrockFunctions.RosenbrockHandGradient(_x, _y, out double dx, out double dy) + dx + dy;

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
