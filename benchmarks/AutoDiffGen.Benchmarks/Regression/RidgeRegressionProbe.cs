using System;
using AutoDiffGen.Benchmarks.Gmm;

namespace AutoDiffGen.Benchmarks.Regression;

/// <summary>
/// Quick Stopwatch timing of the ridge-regression rows (best of 9 interleaved rounds, as the GMM probe).
/// Run: <c>dotnet run -c Release --project benchmarks/AutoDiffGen.Benchmarks -- ridge</c>.
/// </summary>
internal static class RidgeRegressionProbe
{
    public static void Run()
    {
        var bench = new RidgeRegressionBenchmarks();
        bench.Setup();
        double[] best = GmmProbe.Best(bench.LossLoops, bench.LossVectorised, bench.GeneratedLoops, bench.GeneratedVectorised, bench.HandWritten);
        Console.WriteLine($"{"loss loops µs",14} {"loss TP µs",11} {"generated loops µs",19} {"generated TP µs",16} {"hand µs",8} {"gen loops ÷ hand",17} {"gen TP ÷ hand",14} {"gen TP ÷ loss TP",17}");
        Console.WriteLine($"{best[0] * 1e3,14:F2} {best[1] * 1e3,11:F2} {best[2] * 1e3,19:F2} {best[3] * 1e3,16:F2} {best[4] * 1e3,8:F2} {best[2] / best[4],17:F2} {best[3] / best[4],14:F2} {best[3] / best[1],17:F2}");
    }
}
