using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>Huber fit of a line through two points, one residual on each branch (|r| = 0.6 quadratic, |r| = 2 linear).</summary>
[Config(typeof(ScalarBenchmarkConfig))]
public class HuberFitBenchmarks
{
    private double _a = 0.8, _b = 0.1;
    private double _t0 = 1.0, _v0 = 1.5, _t1 = 3.0, _v1 = 0.5;
    private Tensor[] _leaves = [];

    [GlobalSetup]
    public void Setup() => _leaves = Leaves.Of(_a, _b);

    [Benchmark(Baseline = true)]
    public double Primal() => HuberFitFunctions.HuberFit(_a, _b, _t0, _v0, _t1, _v1);

    [Benchmark]
    public double Generated() => HuberFitFunctions.HuberFitValueAndGradient(_a, _b, _t0, _v0, _t1, _v1, out double da, out double db) + da + db;

    [Benchmark]
    public double HandWritten() => HuberFitFunctions.HuberFitHandGradient(_a, _b, _t0, _v0, _t1, _v1, out double da, out double db) + da + db;

    [Benchmark]
    public double DynamicGraph()
    {
        Tensor[] p = _leaves;
        Leaves.ClearGrads(p);
        Tensor value = HuberFitFunctions.HuberFitGraph(p[0], p[1], _t0, _v0, _t1, _v1);
        value.Backward();
        return value.Item() + Leaves.SumOfGrads(p);
    }
}
