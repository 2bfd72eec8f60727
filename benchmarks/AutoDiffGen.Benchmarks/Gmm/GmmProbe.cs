using System;
using System.Diagnostics;

namespace AutoDiffGen.Benchmarks.Gmm;

/// <summary>
/// Quick Stopwatch timing of the GMM (best of several runs): gradient ÷ objective for the generated and the
/// hand-written gradient at each (d, K) of the benchmark. Seconds, not minutes; BenchmarkDotNet's figures are the ones to quote.
/// Run: <c>dotnet run -c Release --project benchmarks/AutoDiffGen.Benchmarks -- gmm</c>.
/// </summary>
internal static class GmmProbe
{
    public static void Run()
    {
        Console.WriteLine($"{"d",4} {"K",4} {"objective ms",13} {"generated ms",13} {"hand ms",9} {"generated ÷ obj",16} {"hand ÷ obj",11}");
        foreach (int d in new[] { 2, 10, 64 })
        {
            foreach (int k in new[] { 5, 50 })
            {
                var bench = new GmmBenchmarks { D = d, K = k };
                bench.Setup();
                double objective = Best(() => bench.Objective());
                double generated = Best(() => bench.GeneratedGradient());
                double hand = Best(() => bench.HandWrittenGradient());
                Console.WriteLine($"{d,4} {k,4} {objective,13:F3} {generated,13:F3} {hand,9:F3} {generated / objective,16:F2} {hand / objective,11:F2}");
            }
        }
    }

    private static double Best(Func<double> action)
    {
        action();
        double best = double.MaxValue;
        var watch = new Stopwatch();
        for (int run = 0; run < 7; run++)
        {
            watch.Restart();
            int repetitions = 0;
            while (watch.Elapsed.TotalMilliseconds < 30 || repetitions < 2)
            {
                action();
                repetitions++;
            }

            best = Math.Min(best, watch.Elapsed.TotalMilliseconds / repetitions);
        }

        return best;
    }
}
