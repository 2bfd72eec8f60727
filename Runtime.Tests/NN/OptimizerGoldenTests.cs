using System;
using System.Text.Json;
using AutoDiffGen.Optim;
using AutoDiffGen.Runtime.Tests.Golden;
using Xunit;
using static AutoDiffGen.Runtime.Tests.Golden.GoldenData;

namespace AutoDiffGen.Runtime.Tests.NN;

/// <summary>
/// SGD and Adam steps on mean((X w + b − y)²), compared after every step with the parameters
/// PyTorch 1.13's torch.optim produced from the same start (golden/optim.json).
/// </summary>
public class OptimizerGoldenTests
{
    [Theory]
    [InlineData("sgd_momentum_wd")]
    [InlineData("sgd_nesterov")]
    [InlineData("sgd_dampening")]
    [InlineData("sgd_plain")]
    public void SGD_steps_match_pytorch(string name)
    {
        JsonElement c = Find(Load("optim"), "sgd", "name", name);
        JsonElement config = c.GetProperty("config");
        RunAndCompare(c, p => new SGD(p,
            lr: config.GetProperty("lr").GetDouble(),
            momentum: config.GetProperty("momentum").GetDouble(),
            dampening: config.GetProperty("dampening").GetDouble(),
            weightDecay: config.GetProperty("weight_decay").GetDouble(),
            nesterov: config.GetProperty("nesterov").GetBoolean()));
    }

    [Theory]
    [InlineData("adam_default_betas")]
    [InlineData("adam_wd")]
    public void Adam_steps_match_pytorch(string name)
    {
        JsonElement c = Find(Load("optim"), "adam", "name", name);
        JsonElement config = c.GetProperty("config");
        RunAndCompare(c, p => new Adam(p,
            lr: config.GetProperty("lr").GetDouble(),
            beta1: config.GetProperty("beta1").GetDouble(),
            beta2: config.GetProperty("beta2").GetDouble(),
            eps: config.GetProperty("eps").GetDouble(),
            weightDecay: config.GetProperty("weight_decay").GetDouble()));
    }

    private static void RunAndCompare(JsonElement c, Func<Tensor[], Optimizer> makeOptimizer)
    {
        JsonElement problem = Load("optim").GetProperty("problem");
        Tensor x = GoldenData.Tensor(problem.GetProperty("X"));
        Tensor y = GoldenData.Tensor(problem.GetProperty("y"));
        Tensor w = GoldenData.Tensor(problem.GetProperty("w"), requiresGrad: true);
        Tensor b = GoldenData.Tensor(problem.GetProperty("b"), requiresGrad: true);
        Optimizer optimizer = makeOptimizer([w, b]);
        int step = 0;
        foreach (JsonElement expected in c.GetProperty("steps").EnumerateArray())
        {
            step++;
            optimizer.ZeroGrad();
            Tensor residual = x.MatMul(w) + b - y;
            Tensor loss = residual.Pow(2.0).Mean();
            loss.Backward();
            AssertClose(expected.GetProperty("loss").GetDouble(), loss.Item(), $"loss before step {step}");
            optimizer.Step();
            AssertClose(expected.GetProperty("w"), w, $"w after step {step}");
            AssertClose(expected.GetProperty("b"), b, $"b after step {step}");
        }
        Assert.True(step >= 2, "the golden file should hold at least two steps");
    }
}
