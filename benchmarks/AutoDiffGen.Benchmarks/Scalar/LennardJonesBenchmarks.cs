using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>Lennard-Jones energy of four particles near a square of side ≈ 1.1 (six pairs, through a [Differentiable] pair helper).</summary>
[Config(typeof(ScalarBenchmarkConfig))]
public class LennardJonesBenchmarks
{
    private double _x0 = 0.0, _y0 = 0.0, _x1 = 1.1, _y1 = 0.05, _x2 = 0.02, _y2 = 1.15, _x3 = 1.2, _y3 = 1.1;
    private Tensor[] _leaves = [];

    [GlobalSetup]
    public void Setup() => _leaves = Leaves.Of(_x0, _y0, _x1, _y1, _x2, _y2, _x3, _y3);

    [Benchmark(Baseline = true)]
    public double Primal() => LennardJonesFunctions.LennardJones4(_x0, _y0, _x1, _y1, _x2, _y2, _x3, _y3);

    [Benchmark]
    public double Generated() =>
        LennardJonesFunctions.LennardJones4ValueAndGradient(
            _x0, _y0, _x1, _y1, _x2, _y2, _x3, _y3,
            out double a, out double b, out double c, out double d, out double e, out double f, out double g, out double h)
        + a + b + c + d + e + f + g + h;

    [Benchmark]
    public double HandWritten() =>
        LennardJonesFunctions.LennardJones4HandGradient(
            _x0, _y0, _x1, _y1, _x2, _y2, _x3, _y3,
            out double a, out double b, out double c, out double d, out double e, out double f, out double g, out double h)
        + a + b + c + d + e + f + g + h;

    [Benchmark]
    public double DynamicGraph()
    {
        Tensor[] p = _leaves;
        Leaves.ClearGrads(p);
        Tensor value = LennardJonesFunctions.LennardJones4Graph(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
        value.Backward();
        return value.Item() + Leaves.SumOfGrads(p);
    }
}
