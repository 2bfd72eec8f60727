using System;

namespace AutoDiffGen.Benchmarks.Gmm;

/// <summary>A reproducible GMM problem: random parameters and points, as ADBench generates them (uniform, fixed seed).</summary>
public sealed class GmmData
{
    public GmmData(int d, int k, int n, int seed = 1)
    {
        D = d;
        K = k;
        var random = new Random(seed);
        double Uniform(double low, double high) => low + (high - low) * random.NextDouble();
        Alphas = new double[k];
        Means = new double[k * d];
        Icf = new double[k * d * (d + 1) / 2];
        X = new double[n * d];
        for (int i = 0; i < Alphas.Length; i++) Alphas[i] = Uniform(-1, 1);
        for (int i = 0; i < Means.Length; i++) Means[i] = Uniform(-1, 1);
        for (int i = 0; i < Icf.Length; i++) Icf[i] = Uniform(-0.5, 0.5);
        for (int i = 0; i < X.Length; i++) X[i] = Uniform(-1, 1);
    }

    public int D { get; }

    public int K { get; }

    public double[] Alphas { get; }

    public double[] Means { get; }

    public double[] Icf { get; }

    public double[] X { get; }

    public double WishartGamma => 1.0;

    public int WishartM => 0;
}
