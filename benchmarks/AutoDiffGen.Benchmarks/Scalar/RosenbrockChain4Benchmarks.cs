using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>Four-variable Rosenbrock chain (three coupled terms, no loops).</summary>
[Config(typeof(ScalarBenchmarkConfig))]
public class RosenbrockChain4Benchmarks
{
    private double _x0 = -1.2, _x1 = 1.0, _x2 = 0.8, _x3 = 1.1;
    private double[][] _points = [];
    private Tensor[] _leaves = [];

    [GlobalSetup]
    public void Setup()
    {
        _leaves = Leaves.Of(_x0, _x1, _x2, _x3);
        _points = SamplePoints.Around(seed: 4, centre: 0.5, spread: 1.5, dimensions: 4);
    }

    // A call costs a few nanoseconds: time a sweep over SamplePoints.Count points, reported per point.
    [Benchmark(Baseline = true, OperationsPerInvoke = SamplePoints.Count)]
    public double Primal()
    {
        double[] a = _points[0], b = _points[1], c = _points[2], d = _points[3];
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += RosenbrockFunctions.RosenbrockChain4(a[i], b[i], c[i], d[i]);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = SamplePoints.Count)]
    public double Generated()
    {
        double[] a = _points[0], b = _points[1], c = _points[2], d = _points[3];
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += RosenbrockFunctions.RosenbrockChain4ValueAndGradient(a[i], b[i], c[i], d[i], out double d0, out double d1, out double d2, out double d3)
                + d0 + d1 + d2 + d3;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = SamplePoints.Count)]
    public double HandWritten()
    {
        double[] a = _points[0], b = _points[1], c = _points[2], d = _points[3];
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += RosenbrockFunctions.RosenbrockChain4HandGradient(a[i], b[i], c[i], d[i], out double d0, out double d1, out double d2, out double d3)
                + d0 + d1 + d2 + d3;
        }

        return sum;
    }

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
