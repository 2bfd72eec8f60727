using System;

namespace AutoDiffGen.Samples.Spirals;

/// <summary>
/// The classic two-spirals task: class 0 and class 1 are the same spiral arm, the second rotated by π,
/// so the classes wind around each other and no straight line (or a few) separates them.
/// </summary>
public static class TwoSpirals
{
    /// <param name="pointsPerClass">Points on each arm.</param>
    /// <param name="turns">How many times each arm winds around the origin.</param>
    /// <param name="noise">Standard deviation of the Gaussian jitter added to each coordinate.</param>
    /// <returns>Features as a row-major [2·pointsPerClass, 2] array and the class label of each row.</returns>
    public static (float[] Features, int[] Labels) Generate(int pointsPerClass, double turns, double noise, Random rng)
    {
        int count = 2 * pointsPerClass;
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 2;
            // Start a little away from the centre, where the two arms would otherwise overlap.
            double t = 0.1 + 0.9 * (i / 2) / (pointsPerClass - 1.0);
            double angle = t * turns * 2 * Math.PI + label * Math.PI;
            features[2 * i] = (float)(t * Math.Cos(angle) + noise * Gaussian(rng));
            features[2 * i + 1] = (float)(t * Math.Sin(angle) + noise * Gaussian(rng));
            labels[i] = label;
        }
        return (features, labels);
    }

    private static double Gaussian(Random rng)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
