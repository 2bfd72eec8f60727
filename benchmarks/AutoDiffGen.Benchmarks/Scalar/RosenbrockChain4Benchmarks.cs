using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>Four-variable Rosenbrock chain (three coupled terms, no loops).</summary>
[Config(typeof(ScalarBenchmarkConfig))]
public class RosenbrockChain4Benchmarks
{
    private double _x0 = -1.2, _x1 = 1.0, _x2 = 0.8, _x3 = 1.1;
    private Tensor[] _leaves = [];

    [GlobalSetup]
    public void Setup() => _leaves = Leaves.Of(_x0, _x1, _x2, _x3);

    [Benchmark(Baseline = true)]
    public double Primal() => RosenbrockFunctions.RosenbrockChain4(_x0, _x1, _x2, _x3);

    [Benchmark]
    public double Generated() =>
        RosenbrockFunctions.RosenbrockChain4ValueAndGradient(_x0, _x1, _x2, _x3, out double d0, out double d1, out double d2, out double d3)
        + d0 + d1 + d2 + d3;

    [Benchmark]
    public double HandWritten() =>
        RosenbrockFunctions.RosenbrockChain4HandGradient(_x0, _x1, _x2, _x3, out double d0, out double d1, out double d2, out double d3)
        + d0 + d1 + d2 + d3;

    [Benchmark]
    public double DynamicGraph()
    {
        Tensor[] x = _leaves;
        Leaves.ClearGrads(x);
        Tensor value = RosenbrockFunctions.RosenbrockChain4Graph(x[0], x[1], x[2], x[3]);
        value.Backward();
        return value.Item() + Leaves.SumOfGrads(x);
    }
}
