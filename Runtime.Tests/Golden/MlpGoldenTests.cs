using System.Text.Json;
using AutoDiffGen.NN;
using Xunit;
using static AutoDiffGen.Runtime.Tests.Golden.GoldenData;

namespace AutoDiffGen.Runtime.Tests.Golden;

/// <summary>A 4-8-3 MLP built from nn modules, cross-entropy over class indices: loss and every grad vs PyTorch.</summary>
public class MlpGoldenTests
{
    [Theory]
    [InlineData("tanh")]
    [InlineData("relu")]
    public void Loss_and_parameter_gradients_match_pytorch(string activation)
    {
        JsonElement c = Find(Load("mlp"), "cases", "activation", activation);
        var model = new Sequential(
            new Linear(4, 8, dtype: DType.Float64),
            activation == "tanh" ? new Tanh() : new ReLU(),
            new Linear(8, 3, dtype: DType.Float64));
        var first = (Linear)model[0];
        var second = (Linear)model[2];
        using (Autograd.NoGrad())
        {
            first.Weight.Copy_(Tensor(c.GetProperty("w1")));
            first.Bias!.Copy_(Tensor(c.GetProperty("b1")));
            second.Weight.Copy_(Tensor(c.GetProperty("w2")));
            second.Bias!.Copy_(Tensor(c.GetProperty("b2")));
        }

        Tensor logits = model.Forward(Tensor(c.GetProperty("x")));
        Tensor loss = Losses.CrossEntropy(logits, Ints(c.GetProperty("targets")));
        loss.Backward();

        AssertClose(c.GetProperty("logits"), logits, "logits");
        AssertClose(c.GetProperty("loss").GetDouble(), loss.Item(), "loss");
        AssertClose(c.GetProperty("grad_w1"), first.Weight.Grad, "0.weight.grad");
        AssertClose(c.GetProperty("grad_b1"), first.Bias!.Grad, "0.bias.grad");
        AssertClose(c.GetProperty("grad_w2"), second.Weight.Grad, "2.weight.grad");
        AssertClose(c.GetProperty("grad_b2"), second.Bias!.Grad, "2.bias.grad");
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("relu")]
    public void Float32_model_agrees_with_pytorch_to_float32_precision(string activation)
    {
        JsonElement c = Find(Load("mlp"), "cases", "activation", activation);
        var model = new Sequential(new Linear(4, 8), activation == "tanh" ? new Tanh() : new ReLU(), new Linear(8, 3));
        var first = (Linear)model[0];
        var second = (Linear)model[2];
        using (Autograd.NoGrad())
        {
            first.Weight.Copy_(Tensor(c.GetProperty("w1")).To(DType.Float32));
            first.Bias!.Copy_(Tensor(c.GetProperty("b1")).To(DType.Float32));
            second.Weight.Copy_(Tensor(c.GetProperty("w2")).To(DType.Float32));
            second.Bias!.Copy_(Tensor(c.GetProperty("b2")).To(DType.Float32));
        }

        Tensor loss = Losses.CrossEntropy(model.Forward(Tensor(c.GetProperty("x")).To(DType.Float32)), Ints(c.GetProperty("targets")));
        loss.Backward();

        Assert.Equal(DType.Float32, loss.DType);
        AssertNear(c.GetProperty("loss").GetDouble(), loss.Item(), "loss");
        var pairs = new[] { ("grad_w1", first.Weight), ("grad_b1", first.Bias!), ("grad_w2", second.Weight), ("grad_b2", second.Bias!) };
        foreach (var (name, parameter) in pairs)
        {
            double[] want = Data(c.GetProperty(name));
            float[] got = parameter.Grad!.ToFloatArray();
            Assert.Equal(want.Length, got.Length);
            for (int i = 0; i < want.Length; i++) AssertNear(want[i], got[i], $"{name}[{i}]");
        }
    }

    // float32 carries ~7 significant digits; a few roundings through two layers stay well inside this.
    private static void AssertNear(double expected, double actual, string what) =>
        Assert.True(System.Math.Abs(expected - actual) <= 1e-5 + 1e-4 * System.Math.Abs(expected),
            $"{what}: expected {expected:R} (PyTorch float64), got {actual:R} in float32.");
}
