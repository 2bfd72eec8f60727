namespace AutoDiffGen.NN;

/// <summary>max(0, x) elementwise.</summary>
public sealed class ReLU : Module
{
    public override Tensor Forward(Tensor input) => input.Relu();
}
