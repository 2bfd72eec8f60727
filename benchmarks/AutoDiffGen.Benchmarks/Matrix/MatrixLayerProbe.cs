using System;
using AutoDiffGen.Benchmarks.Gmm;

namespace AutoDiffGen.Benchmarks.Matrix;

/// <summary>
/// Stopwatch timing (best of 9 interleaved rounds, as the GMM probe) of <see cref="MatrixLayer"/>'s fused gradients against
/// the primal: the 2-D array's gradient should cost what the flat span's does.
/// Run: <c>dotnet run -c Release --project benchmarks/AutoDiffGen.Benchmarks -- matrix</c>.
/// </summary>
internal static class MatrixLayerProbe
{
    public static void Run()
    {
        Console.WriteLine($"{"size",9} {"primal µs",10} {"2-D µs",8} {"checked µs",11} {"flat µs",8} {"2-D ÷ primal",13} {"2-D ÷ flat",11} {"checked ÷ flat",15}");
        foreach (int n in new[] { 16, 64, 256 })
        {
            var random = new Random(n);
            var w = new double[n, n];
            var flat = new double[n * n];
            var x = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = random.NextDouble() - 0.5;
                for (int j = 0; j < n; j++)
                {
                    flat[i * n + j] = w[i, j] = (random.NextDouble() - 0.5) / n;
                }
            }

            var dw = new double[n, n];
            var dflat = new double[n * n];
            var dx = new double[n];
            double[] best = GmmProbe.Best(
                () => MatrixLayer.Energy(w, x),
                () => MatrixLayer.EnergyValueAndGradient(w, x, dw, dx),
                () => MatrixLayer.EnergyCheckedValueAndGradient(w, x, n, dw, dx),
                () => MatrixLayer.EnergyFlatValueAndGradient(flat, x, dflat, dx));
            double primal = best[0] * 1e3, matrix = best[1] * 1e3, check = best[2] * 1e3, span = best[3] * 1e3;
            Console.WriteLine($"{n + "×" + n,9} {primal,10:F2} {matrix,8:F2} {check,11:F2} {span,8:F2} {matrix / primal,13:F2} {matrix / span,11:F2} {check / span,15:F2}");
        }
    }
}
