using System;

namespace AutoDiffGen.NN;

/// <summary>Fills new leaf tensors from U(-bound, bound) using a caller-supplied <see cref="Random"/>.</summary>
internal static class UniformInit
{
    public static Tensor Create(int[] shape, double bound, Random rng, DType dtype)
    {
        int count = 1;
        foreach (int d in shape) count = checked(count * d);
        if (dtype == DType.Float64)
        {
            var values = new double[count];
            for (int i = 0; i < count; i++) values[i] = (2.0 * rng.NextDouble() - 1.0) * bound;
            return Tensor.FromArray(values, shape);
        }
        var floats = new float[count];
        for (int i = 0; i < count; i++) floats[i] = (float)((2.0 * rng.NextDouble() - 1.0) * bound);
        return Tensor.FromArray(floats, shape);
    }
}
