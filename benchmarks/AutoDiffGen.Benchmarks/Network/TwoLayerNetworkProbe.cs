using System;
using AutoDiffGen.Benchmarks.Gmm;

namespace AutoDiffGen.Benchmarks.Network;

/// <summary>
/// Quick Stopwatch timing of the network benchmark's four rows (best of 9 interleaved rounds, as the GMM probe), for a
/// machine too busy for BenchmarkDotNet's short job to resolve a few hundred nanoseconds.
/// Run: <c>dotnet run -c Release --project benchmarks/AutoDiffGen.Benchmarks -- network</c>.
/// </summary>
internal static class TwoLayerNetworkProbe
{
    public static void Run()
    {
        var bench = new TwoLayerNetworkBenchmarks();
        bench.Setup();
        double[] best = GmmProbe.Best(bench.Primal, bench.Generated, bench.HandWritten, bench.DynamicGraph);
        double primal = best[0], generated = best[1], hand = best[2], graph = best[3];
        Console.WriteLine($"{"primal ns",10} {"generated ns",13} {"hand ns",9} {"graph ns",9} {"generated ÷ primal",19} {"generated ÷ hand",17} {"graph ÷ generated",18}");
        Console.WriteLine($"{primal * 1e6,10:F0} {generated * 1e6,13:F0} {hand * 1e6,9:F0} {graph * 1e6,9:F0} {generated / primal,19:F2} {generated / hand,17:F2} {graph / generated,18:F1}");
    }
}
