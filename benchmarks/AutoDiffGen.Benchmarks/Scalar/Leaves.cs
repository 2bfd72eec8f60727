namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>
/// The dynamic-graph rows reuse their leaves across invocations, clearing <c>.Grad</c> to null first (PyTorch's
/// <c>zero_grad(set_to_none=True)</c>), so they time one forward and backward, not the creation of inputs.
/// </summary>
internal static class Leaves
{
    public static Tensor[] Of(params double[] values)
    {
        var leaves = new Tensor[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            leaves[i] = Tensor.Scalar(values[i], DType.Float64, requiresGrad: true);
        }

        return leaves;
    }

    public static void ClearGrads(Tensor[] leaves)
    {
        foreach (Tensor leaf in leaves)
        {
            leaf.Grad = null;
        }
    }

    /// <summary>Reads every gradient, as a caller must, and folds them so the work cannot be skipped.</summary>
    public static double SumOfGrads(Tensor[] leaves)
    {
        double sum = 0;
        foreach (Tensor leaf in leaves)
        {
            sum += leaf.Grad!.Item();
        }

        return sum;
    }
}
