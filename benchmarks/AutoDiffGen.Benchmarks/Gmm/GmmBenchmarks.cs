using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks.Gmm;

/// <summary>
/// ADBench's GMM at n = 1000: the objective (the baseline, ratio 1), the generated fused gradient and the
/// hand-written gradient. The Ratio column is gradient time ÷ objective time.
/// Run: <c>dotnet run -c Release --project benchmarks/AutoDiffGen.Benchmarks -- --filter '*GmmBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class GmmBenchmarks
{
    private GmmData _data = null!;
    private GmmHandGradient _hand = null!;
    private double[] _dAlphas = null!, _dMeans = null!, _dIcf = null!;

    [Params(2, 10, 64)]
    public int D { get; set; }

    [Params(5, 50)]
    public int K { get; set; }

    public const int N = 1000;

    [GlobalSetup]
    public void Setup()
    {
        _data = new GmmData(D, K, N);
        _hand = new GmmHandGradient(D, K);
        _dAlphas = new double[K];
        _dMeans = new double[K * D];
        _dIcf = new double[_data.Icf.Length];
    }

    [Benchmark(Baseline = true)]
    public double Objective() =>
        GmmObjective.Objective(_data.Alphas, _data.Means, _data.Icf, _data.X, _data.WishartGamma, _data.WishartM, D);

    [Benchmark]
    public double GeneratedGradient() =>
        GmmObjective.ObjectiveValueAndGradient(_data.Alphas, _data.Means, _data.Icf, _data.X, _data.WishartGamma, _data.WishartM, D,
            _dAlphas, _dMeans, _dIcf);

    [Benchmark]
    public double HandWrittenGradient() =>
        _hand.ValueAndGradient(_data.Alphas, _data.Means, _data.Icf, _data.X, _data.WishartGamma, _data.WishartM, _dAlphas, _dMeans, _dIcf);
}
