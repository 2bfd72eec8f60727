using System;
using System.Linq;
using AutoDiffGen.NN;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.NN;

public class ModuleTests
{
    private static Sequential MakeMlp(int seed = 1) => new(
        new Linear(4, 8, rng: new Random(seed)),
        new Tanh(),
        new Linear(8, 3, rng: new Random(seed + 1)),
        new ReLU(),
        new Linear(3, 2, bias: false, rng: new Random(seed + 2)));

    [Fact]
    public void NamedParameters_follow_registration_order_with_pytorch_names()
    {
        var model = MakeMlp();
        var names = model.NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias", "4.weight" }, names);
    }

    [Fact]
    public void Parameters_are_the_layer_tensors_in_order()
    {
        var model = MakeMlp();
        var first = (Linear)model[0];
        var second = (Linear)model[2];
        var third = (Linear)model[4];
        var expected = new[] { first.Weight, first.Bias!, second.Weight, second.Bias!, third.Weight };
        var actual = model.Parameters().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Same(expected[i], actual[i]);
        Assert.Equal(4 * 8 + 8 + 8 * 3 + 3 + 3 * 2, actual.Sum(p => p.NumElements));
    }

    [Fact]
    public void A_module_used_twice_reports_its_parameters_once()
    {
        var shared = new Linear(3, 3, rng: new Random(5));
        var model = new Sequential(shared, new Tanh(), shared);
        Assert.Equal(new[] { "0.weight", "0.bias" }, model.NamedParameters().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Nested_sequentials_use_dotted_paths()
    {
        var model = new Sequential(new Sequential(new Linear(2, 2, rng: new Random(1))), new Linear(2, 1, rng: new Random(2)));
        Assert.Equal(new[] { "0.0.weight", "0.0.bias", "1.weight", "1.bias" }, model.NamedParameters().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Parameters_are_leaves_that_require_grad()
    {
        foreach (var p in MakeMlp().Parameters())
        {
            Assert.True(p.IsLeaf);
            Assert.True(p.RequiresGrad);
            Assert.Null(p.Grad);
        }
    }

    [Fact]
    public void Train_and_Eval_propagate_to_every_descendant()
    {
        var inner = new Sequential(new Linear(2, 2, rng: new Random(1)), new ReLU());
        var model = new Sequential(inner, new Tanh());
        Assert.True(model.Training && inner.Training && inner[0].Training);

        Assert.Same(model, model.Eval());
        Assert.False(model.Training);
        Assert.False(inner.Training);
        Assert.False(inner[0].Training);
        Assert.False(inner[1].Training);
        Assert.False(model[1].Training);

        model.Train();
        Assert.True(model.Training && inner.Training && inner[0].Training && inner[1].Training && model[1].Training);

        inner.Train(false);
        Assert.True(model.Training);
        Assert.False(inner[0].Training);
    }

    [Fact]
    public void RequiresGrad_freezes_and_unfreezes_every_parameter()
    {
        var model = MakeMlp();
        Assert.Same(model, model.RequiresGrad_(false));
        Assert.All(model.Parameters(), p => Assert.False(p.RequiresGrad));

        var output = model.Forward(Tensor.Ones([2, 4])).Sum();
        Assert.False(output.RequiresGrad);

        model.RequiresGrad_(true);
        Assert.All(model.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void Backward_fills_grads_and_ZeroGrad_sets_them_to_null_by_default()
    {
        var model = MakeMlp();
        model.Forward(Tensor.Ones([2, 4])).Sum().Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));

        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void ZeroGrad_without_setToNone_zeroes_the_same_grad_tensors_in_place()
    {
        var model = MakeMlp();
        model.Forward(Tensor.Ones([2, 4])).Sum().Backward();
        var grads = model.Parameters().Select(p => p.Grad!).ToArray();
        Assert.Contains(grads, g => g.ToFloatArray().Any(v => v != 0));
        var versions = grads.Select(g => g.Version).ToArray();

        model.ZeroGrad(setToNone: false);

        var parameters = model.Parameters().ToArray();
        for (int i = 0; i < parameters.Length; i++)
        {
            Assert.Same(grads[i], parameters[i].Grad);
            Assert.All(parameters[i].Grad!.ToFloatArray(), v => Assert.Equal(0f, v));
            Assert.True(parameters[i].Grad!.Version > versions[i], "zeroing in place bumps the version");
        }
    }

    [Fact]
    public void Grads_accumulate_across_backward_calls_until_ZeroGrad()
    {
        var linear = new Linear(3, 1, rng: new Random(3), dtype: DType.Float64);
        var input = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 }, 1, 3);
        linear.Forward(input).Sum().Backward();
        linear.Forward(input).Sum().Backward();
        Assert.Equal(new[] { 2.0, 4.0, 6.0 }, linear.Weight.Grad!.ToDoubleArray());
        Assert.Equal(new[] { 2.0 }, linear.Bias!.Grad!.ToDoubleArray());
    }

    [Fact]
    public void ToString_reads_like_pytorch()
    {
        var model = new Sequential(new Linear(2, 3, rng: new Random(1)), new ReLU());
        Assert.Equal(
            "Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n  (1): ReLU()\n)",
            model.ToString());
    }
}
