using System;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>
/// Seeded evaluation points for the functions that cost about a nanosecond: one call is below what a
/// benchmark can resolve, so those rows sweep <see cref="Count"/> points per invocation
/// (OperationsPerInvoke) and report the time per point.
/// </summary>
internal static class SamplePoints
{
    public const int Count = 256;

    /// <summary><paramref name="dimensions"/> arrays of <see cref="Count"/> values around <paramref name="centre"/> ± <paramref name="spread"/>.</summary>
    public static double[][] Around(int seed, double centre, double spread, int dimensions)
    {
        var random = new Random(seed);
        var points = new double[dimensions][];
        for (int d = 0; d < dimensions; d++)
        {
            points[d] = new double[Count];
            for (int i = 0; i < Count; i++)
            {
                points[d][i] = centre + spread * (2 * random.NextDouble() - 1);
            }
        }

        return points;
    }
}
