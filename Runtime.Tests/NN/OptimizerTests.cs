using System;
using AutoDiffGen.Optim;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.NN;

public class OptimizerTests
{
    private static Tensor Param(params double[] values) => Tensor.FromArray(values).RequiresGrad_();

    [Fact]
    public void Step_skips_parameters_without_grad()
    {
        var withGrad = Param(1.0, 2.0);
        var withoutGrad = Param(3.0, 4.0);
        var sgd = new SGD([withGrad, withoutGrad], lr: 0.5);
        (withGrad * 2.0).Sum().Backward();

        sgd.Step();

        Assert.Equal(new[] { 0.0, 1.0 }, withGrad.ToDoubleArray());
        Assert.Equal(new[] { 3.0, 4.0 }, withoutGrad.ToDoubleArray());
        Assert.Null(withoutGrad.Grad);
    }

    [Fact]
    public void Step_updates_in_place_leaving_parameters_leaves_and_bumping_versions()
    {
        var p = Param(1.0, 2.0);
        var adam = new Adam([p], lr: 0.1);
        (p * p).Sum().Backward();
        int version = p.Version;

        adam.Step();

        Assert.True(p.Version > version);
        Assert.True(p.IsLeaf);
        Assert.Null(p.GradFn);
        Assert.True(p.RequiresGrad);
        Assert.True(Autograd.IsGradEnabled, "Step must restore grad mode");
    }

    [Fact]
    public void A_graph_that_saved_a_parameter_cannot_backward_after_a_step()
    {
        var p = Param(1.0, 2.0);
        var sgd = new SGD([p], lr: 0.1);
        (p * p).Sum().Backward();
        var saved = (p * p).Sum();   // MulBackward0 saves p at its current version

        sgd.Step();

        var ex = Assert.Throws<InvalidOperationException>(() => saved.Backward());
        Assert.Contains("modified by an inplace operation", ex.Message);
    }

    [Fact]
    public void ZeroGrad_sets_to_null_by_default_or_zeroes_in_place()
    {
        var p = Param(1.0, 2.0);
        var sgd = new SGD([p], lr: 0.1);
        (p * 3.0).Sum().Backward();
        var grad = p.Grad!;

        sgd.ZeroGrad(setToNone: false);
        Assert.Same(grad, p.Grad);
        Assert.Equal(new[] { 0.0, 0.0 }, grad.ToDoubleArray());

        sgd.ZeroGrad();
        Assert.Null(p.Grad);
    }

    [Fact]
    public void ZeroGrad_in_place_detaches_a_grad_that_has_a_graph()
    {
        // Backward with createGraph leaves a grad with a GradFn; zeroing must cut it from that graph first.
        var p = Param(1.0, 2.0);
        var sgd = new SGD([p], lr: 0.1);
        (p * p * p).Sum().Backward(createGraph: true);
        Assert.NotNull(p.Grad!.GradFn);

        sgd.ZeroGrad(setToNone: false);

        Assert.Null(p.Grad!.GradFn);
        Assert.False(p.Grad.RequiresGrad);
        Assert.Equal(new[] { 0.0, 0.0 }, p.Grad.ToDoubleArray());
    }

    [Fact]
    public void Changing_the_learning_rate_between_steps_takes_effect()
    {
        var p = Param(1.0);
        var sgd = new SGD([p], lr: 0.1);
        p.Grad = Tensor.FromArray(new[] { 1.0 });
        sgd.Step();
        sgd.LearningRate = 0.5;
        sgd.Step();
        Assert.Equal(1.0 - 0.1 - 0.5, p.Item(), 12);
    }

    [Fact]
    public void Adam_first_step_moves_each_parameter_by_about_lr_against_the_grad_sign()
    {
        // With bias correction the first Adam step is lr * g / (|g| + eps'), whatever the grad's scale.
        var p = Param(0.0, 0.0, 0.0);
        var adam = new Adam([p], lr: 0.01);
        p.Grad = Tensor.FromArray(new[] { 1000.0, -0.001, 5.0 });
        adam.Step();
        double[] moved = p.ToDoubleArray();
        Assert.Equal(-0.01, moved[0], 9);
        Assert.Equal(0.01, moved[1], 6);
        Assert.Equal(-0.01, moved[2], 9);
        Assert.Equal(1, adam.StepCount(0));
    }

    [Fact]
    public void Float32_parameters_are_updated_in_float32()
    {
        var p = Tensor.FromArray(new[] { 1f, 2f }).RequiresGrad_();
        var sgd = new SGD([p], lr: 0.5, momentum: 0.9);
        (p * p).Sum().Backward();
        sgd.Step();
        Assert.Equal(DType.Float32, p.DType);
        Assert.Equal(new[] { 0f, 0f }, p.ToFloatArray());
    }

    [Fact]
    public void Momentum_buffer_is_not_an_alias_of_the_first_grad()
    {
        // PyTorch clones the grad into the momentum buffer; zeroing the grad in place must not reset momentum.
        var p = Param(0.0);
        var sgd = new SGD([p], lr: 1.0, momentum: 0.5);
        (p * 1.0).Sum().Backward();       // grad 1
        sgd.Step();                       // buf = 1, p = -1
        sgd.ZeroGrad(setToNone: false);
        (p * 1.0).Sum().Backward();       // grad 1 (the same tensor, refilled)
        sgd.Step();                       // buf = 0.5 + 1 = 1.5, p = -2.5
        Assert.Equal(-2.5, p.Item(), 12);
    }

    [Fact]
    public void A_grad_of_the_wrong_shape_is_refused_so_a_step_never_sees_it()
    {
        // As in PyTorch, the Grad setter checks shape and dtype; the optimizer can rely on it.
        var good = Param(1.0, 2.0);
        var bad = Param(3.0, 4.0);
        var sgd = new SGD([good, bad], lr: 0.1);
        good.Grad = Tensor.FromArray(new[] { 1.0, 1.0 });

        var ex = Assert.Throws<ArgumentException>(() => bad.Grad = Tensor.FromArray(new[] { 1.0, 1.0, 1.0 }));
        Assert.Contains("[2]", ex.Message);
        Assert.Contains("[3]", ex.Message);
        Assert.Null(bad.Grad);

        sgd.Step();
        Assert.Equal(new[] { 0.9, 1.9 }, good.ToDoubleArray());
        Assert.Equal(new[] { 3.0, 4.0 }, bad.ToDoubleArray());
    }

    [Theory]
    [InlineData(-0.1, 0, 0, 0, false, "lr")]
    [InlineData(double.NaN, 0, 0, 0, false, "lr")]
    [InlineData(0.1, -0.5, 0, 0, false, "momentum")]
    [InlineData(0.1, 0, 0, -1e-4, false, "weightDecay")]
    [InlineData(0.1, 0, 0, 0, true, "nesterov")]
    [InlineData(0.1, 0.9, 0.1, 0, true, "nesterov")]
    public void SGD_rejects_invalid_arguments_naming_them(double lr, double momentum, double dampening, double weightDecay, bool nesterov, string parameter)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new SGD([Param(1.0)], lr, momentum, dampening, weightDecay, nesterov));
        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains("SGD", ex.Message);
        Assert.Contains(parameter == "nesterov" ? "Nesterov" : parameter, ex.Message);
    }

    [Theory]
    [InlineData(-1e-3, 0.9, 0.999, 1e-8, 0, "lr")]
    [InlineData(1e-3, 1.0, 0.999, 1e-8, 0, "beta1")]
    [InlineData(1e-3, 0.9, -0.1, 1e-8, 0, "beta2")]
    [InlineData(1e-3, 0.9, 0.999, -1e-8, 0, "eps")]
    [InlineData(1e-3, 0.9, 0.999, 1e-8, -0.1, "weightDecay")]
    public void Adam_rejects_invalid_arguments_naming_them(double lr, double beta1, double beta2, double eps, double weightDecay, string parameter)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new Adam([Param(1.0)], lr, beta1, beta2, eps, weightDecay));
        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains("Adam", ex.Message);
        Assert.Contains(parameter, ex.Message);
    }

    [Fact]
    public void Empty_or_non_leaf_parameter_lists_are_rejected()
    {
        var empty = Assert.Throws<ArgumentException>(() => new SGD(Array.Empty<Tensor>(), lr: 0.1));
        Assert.Contains("empty parameter list", empty.Message);

        var nonLeaf = Param(1.0) * 2.0;
        var ex = Assert.Throws<ArgumentException>(() => new Adam([nonLeaf]));
        Assert.Contains("non-leaf", ex.Message);
    }
}
