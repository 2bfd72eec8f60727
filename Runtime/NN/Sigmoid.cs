namespace AutoDiffGen.NN;

/// <summary>1 / (1 + e^-x) elementwise.</summary>
public sealed class Sigmoid : Module
{
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}
