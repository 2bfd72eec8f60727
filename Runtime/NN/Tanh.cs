namespace AutoDiffGen.NN;

/// <summary>tanh(x) elementwise.</summary>
public sealed class Tanh : Module
{
    public override Tensor Forward(Tensor input) => input.Tanh();
}
