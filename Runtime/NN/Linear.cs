using System;

namespace AutoDiffGen.NN;

/// <summary>
/// y = x Wᵀ + b, as PyTorch's <c>nn.Linear</c>: <see cref="Weight"/> is [out, in], <see cref="Bias"/> is [out],
/// both initialised from U(-1/√in, 1/√in) (what PyTorch's kaiming_uniform_(a=√5) default reduces to).
/// Accepts input of shape [in], [N, in] or [..., in].
/// </summary>
public sealed class Linear : Module
{
    public int InFeatures { get; }
    public int OutFeatures { get; }
    public Tensor Weight { get; }
    public Tensor? Bias { get; }

    /// <param name="rng">Source of the initial values; <see cref="Random.Shared"/> when null (pass a seeded one to reproduce a run).</param>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Random? rng = null, DType dtype = DType.Float32)
    {
        if (inFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(inFeatures), inFeatures, $"Linear: in_features must be positive, got {inFeatures}.");
        if (outFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(outFeatures), outFeatures, $"Linear: out_features must be positive, got {outFeatures}.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        rng ??= Random.Shared;
        double bound = 1.0 / Math.Sqrt(inFeatures);
        Weight = RegisterParameter("weight", UniformInit.Create([outFeatures, inFeatures], bound, rng, dtype));
        Bias = bias ? RegisterParameter("bias", UniformInit.Create([outFeatures], bound, rng, dtype)) : null;
    }

    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int[] shape = input.Shape;
        int rank = shape.Length;
        if (rank == 0 || shape[rank - 1] != InFeatures)
        {
            throw new ArgumentException(
                $"{this}: expected input with last dimension {InFeatures}, got shape {Shapes.Format(shape)}.", nameof(input));
        }
        if (input.DType != Weight.DType)
        {
            throw new ArgumentException(
                $"{this}: input dtype {input.DType} does not match the weight dtype {Weight.DType}.", nameof(input));
        }
        // Flatten leading dimensions to one batch dimension so only the 2-D matmul is needed.
        Tensor flat = rank == 2 ? input : input.Reshape(-1, InFeatures);
        Tensor output = flat.MatMul(Weight.T);
        if (Bias is not null)
        {
            output = output + Bias;
        }
        if (rank == 2)
        {
            return output;
        }
        shape[rank - 1] = OutFeatures;   // our own copy: Tensor.Shape returns a fresh array
        return output.Reshape(shape);
    }

    protected override string ExtraRepr() =>
        $"in_features={InFeatures}, out_features={OutFeatures}, bias={(Bias is null ? "False" : "True")}";
}
