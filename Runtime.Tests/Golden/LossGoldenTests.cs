using System.Text.Json;
using Xunit;
using static AutoDiffGen.Runtime.Tests.Golden.GoldenData;

namespace AutoDiffGen.Runtime.Tests.Golden;

/// <summary>Losses.CrossEntropy and Losses.Mse (mean reduction): value and input gradient vs PyTorch.</summary>
public class LossGoldenTests
{
    [Fact]
    public void CrossEntropy_over_class_indices_matches_pytorch()
    {
        JsonElement c = Load("losses").GetProperty("cross_entropy");
        Tensor logits = Tensor(c.GetProperty("logits"), requiresGrad: true);
        Tensor loss = Losses.CrossEntropy(logits, Ints(c.GetProperty("targets")));
        loss.Backward();
        AssertClose(c.GetProperty("loss").GetDouble(), loss.Item(), "cross-entropy");
        AssertClose(c.GetProperty("grad_logits"), logits.Grad, "cross-entropy grad");
    }

    [Fact]
    public void Mse_matches_pytorch()
    {
        JsonElement c = Load("losses").GetProperty("mse");
        Tensor input = Tensor(c.GetProperty("input"), requiresGrad: true);
        Tensor loss = Losses.Mse(input, Tensor(c.GetProperty("target")));
        loss.Backward();
        AssertClose(c.GetProperty("loss").GetDouble(), loss.Item(), "mse");
        AssertClose(c.GetProperty("grad_input"), input.Grad, "mse grad");
    }
}
