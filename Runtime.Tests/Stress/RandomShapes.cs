using System;
using System.Linq;

namespace AutoDiffGen.Runtime.Tests.Stress;

/// <summary>Seeded random shapes and float64 tensors for property tests: small, so GradCheck stays fast.</summary>
internal sealed class RandomShapes(int seed)
{
    private readonly Random _random = new(seed);

    public Random Random => _random;

    public int[] Shape(int minRank = 1, int maxRank = 3) =>
        Enumerable.Range(0, _random.Next(minRank, maxRank + 1)).Select(_ => _random.Next(1, 4)).ToArray();

    /// <summary>A shape that broadcasts with <paramref name="shape"/>: some dims set to 1, some leading dims dropped.</summary>
    public int[] BroadcastPartner(int[] shape)
    {
        int drop = _random.Next(0, shape.Length);
        return shape.Skip(drop).Select(d => _random.Next(3) == 0 ? 1 : d).ToArray();
    }

    /// <summary>Values in [lo, hi), float64, requiring grad.</summary>
    public Tensor Input(int[] shape, double lo = -2, double hi = 2)
    {
        double[] values = Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b))
            .Select(_ => lo + (hi - lo) * _random.NextDouble())
            .ToArray();
        return Tensor.FromArray(values, shape).RequiresGrad_();
    }

    public static string Format(int[] shape) => "[" + string.Join(", ", shape) + "]";
}
