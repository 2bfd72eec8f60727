using System;
using System.Diagnostics;

namespace AutoDiffGen.Benchmarks.Gmm;

/// <summary>
/// Quick Stopwatch timing of the GMM (best of 9 interleaved rounds): gradient ÷ objective for the generated and the
/// hand-written gradient at each (d, K) of the benchmark. Seconds, not minutes; BenchmarkDotNet's figures are the ones to quote.
/// Run: <c>dotnet run -c Release --project benchmarks/AutoDiffGen.Benchmarks -- gmm</c>.
/// </summary>
internal static class GmmProbe
{
    public static void Run()
    {
        // `-- gmm 2` limits the table to d = 2 (the other words of the command line are ignored).
        int[] dimensions = Array.Exists(Environment.GetCommandLineArgs(), a => a == "2") ? new[] { 2 } : new[] { 2, 10, 64 };
        Console.WriteLine($"{"d",4} {"K",4} {"objective ms",13} {"generated ms",13} {"hand ms",9} {"generated ÷ obj",16} {"hand ÷ obj",11}");
        foreach (int d in dimensions)
        {
            foreach (int k in new[] { 5, 50 })
            {
                var bench = new GmmBenchmarks { D = d, K = k };
                bench.Setup();
                double[] best = Best(bench.Objective, bench.GeneratedGradient, bench.HandWrittenGradient);
                double objective = best[0], generated = best[1], hand = best[2];
                Console.WriteLine($"{d,4} {k,4} {objective,13:F3} {generated,13:F3} {hand,9:F3} {generated / objective,16:F2} {hand / objective,11:F2}");
            }
        }
    }

    /// <summary>
    /// The best time per call of each action, measured in interleaved rounds so that each sees the same moments of a
    /// shared machine: a slow minute slows all three instead of skewing their ratios.
    /// </summary>
    internal static double[] Best(params Func<double>[] actions)
    {
        var best = new double[actions.Length];
        Array.Fill(best, double.MaxValue);
        foreach (Func<double> action in actions)
        {
            action();
        }

        var watch = new Stopwatch();
        for (int round = 0; round < 9; round++)
        {
            for (int a = 0; a < actions.Length; a++)
            {
                watch.Restart();
                int repetitions = 0;
                while (watch.Elapsed.TotalMilliseconds < 20 || repetitions < 2)
                {
                    actions[a]();
                    repetitions++;
                }

                best[a] = Math.Min(best[a], watch.Elapsed.TotalMilliseconds / repetitions);
            }
        }

        return best;
    }
}
