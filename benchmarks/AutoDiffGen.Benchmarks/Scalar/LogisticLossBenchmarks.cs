using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>Logistic loss of one four-feature example: gradient with respect to four weights and the bias.</summary>
[Config(typeof(ScalarBenchmarkConfig))]
public class LogisticLossBenchmarks
{
    private double _w0 = 0.3, _w1 = -0.2, _w2 = 0.5, _w3 = 0.1, _b = 0.05;
    private double _x0 = 1.5, _x1 = -0.7, _x2 = 0.2, _x3 = 2.0, _label = 1.0;
    private Tensor[] _leaves = [];

    [GlobalSetup]
    public void Setup() => _leaves = Leaves.Of(_w0, _w1, _w2, _w3, _b);

    [Benchmark(Baseline = true)]
    public double Primal() => LogisticLossFunctions.LogisticLoss(_w0, _w1, _w2, _w3, _b, _x0, _x1, _x2, _x3, _label);

    [Benchmark]
    public double Generated() =>
        LogisticLossFunctions.LogisticLossValueAndGradient(
            _w0, _w1, _w2, _w3, _b, _x0, _x1, _x2, _x3, _label,
            out double d0, out double d1, out double d2, out double d3, out double db)
        + d0 + d1 + d2 + d3 + db;

    [Benchmark]
    public double HandWritten() =>
        LogisticLossFunctions.LogisticLossHandGradient(
            _w0, _w1, _w2, _w3, _b, _x0, _x1, _x2, _x3, _label,
            out double d0, out double d1, out double d2, out double d3, out double db)
        + d0 + d1 + d2 + d3 + db;

    [Benchmark]
    public double DynamicGraph()
    {
        Tensor[] p = _leaves;
        Leaves.ClearGrads(p);
        Tensor value = LogisticLossFunctions.LogisticLossGraph(p[0], p[1], p[2], p[3], p[4], _x0, _x1, _x2, _x3, _label);
        value.Backward();
        return value.Item() + Leaves.SumOfGrads(p);
    }
}
