using System;

namespace AutoDiffGen.Benchmarks.Gmm;

/// <summary>
/// Quick Stopwatch timing of the log-sum-exp the GMM objective calls once per point: <see cref="GmmObjective.LogSumExp"/>, its
/// generated <c>LogSumExpValueAndGradient</c>, and a value and gradient written by hand, each 1,000 calls on K values (best of
/// 9 interleaved rounds). Run: <c>dotnet run -c Release --project benchmarks/AutoDiffGen.Benchmarks -- lse</c>.
/// </summary>
internal static class LogSumExpProbe
{
    public static void Run()
    {
        Console.WriteLine($"{"K",4} {"value µs",9} {"generated µs",13} {"hand µs",8} {"generated ÷ value",18} {"hand ÷ value",13}");
        foreach (int k in new[] { 5, 50 })
        {
            var random = new Random(17);
            double[] values = new double[k];
            for (int i = 0; i < k; i++)
            {
                values[i] = random.NextDouble() * 10 - 20;
            }

            double[] gradient = new double[k];
            double[] best = GmmProbe.Best(
                () => Repeat(() => GmmObjective.LogSumExp(values)),
                () => Repeat(() => GmmObjective.LogSumExpValueAndGradient(values, gradient)),
                () => Repeat(() => HandWritten(values, gradient)));
            Console.WriteLine($"{k,4} {best[0] * 1000,9:F1} {best[1] * 1000,13:F1} {best[2] * 1000,8:F1} {best[1] / best[0],18:F2} {best[2] / best[0],13:F2}");
        }
    }

    private static double Repeat(Func<double> call)
    {
        double sum = 0;
        for (int i = 0; i < 1000; i++)
        {
            sum += call();
        }

        return sum;
    }

    /// <summary>log Σ exp(vᵢ) and its gradient, the softmax, with one Exp per value: the baseline for the generated entry.</summary>
    private static double HandWritten(ReadOnlySpan<double> values, Span<double> gradient)
    {
        double max = values[0];
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > max)
            {
                max = values[i];
            }
        }

        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            gradient[i] = Math.Exp(values[i] - max);
            sum += gradient[i];
        }

        double reciprocal = 1 / sum;
        for (int i = 0; i < values.Length; i++)
        {
            gradient[i] *= reciprocal;
        }

        return Math.Log(sum) + max;
    }
}
