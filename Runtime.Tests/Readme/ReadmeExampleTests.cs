using System;
using AutoDiffGen.NN;
using AutoDiffGen.Optim;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Readme;

/// <summary>The README's runtime examples, verbatim, so the README cannot drift from the API.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void Autograd_example_gives_the_values_its_comments_claim()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 }).RequiresGrad_();
        var y = (x * x).Sum();                        // y.GradFn.Name == "SumBackward0", y.IsLeaf == false
        y.Backward();                                 // x.Grad: [2, 4, 6]

        var z = (x * x * x).Sum();
        var dz = Autograd.Grad([z], [x], createGraph: true)[0]!;   // 3x², with a graph of its own; x.Grad untouched
        var hvp = Autograd.Grad([dz], [x], gradOutputs: [Tensor.OnesLike(x)])[0]!;   // 6x: a Hessian-vector product

        Tensor w;
        using (Autograd.NoGrad())
        {
            w = x * 2;                                // w.RequiresGrad == false, w.GradFn == null (this thread only)
        }

        Assert.Equal("SumBackward0", y.GradFn!.Name);
        Assert.False(y.IsLeaf);
        Assert.Equal(new[] { 2.0, 4.0, 6.0 }, x.Grad!.ToDoubleArray());
        Assert.Equal(new[] { 3.0, 12.0, 27.0 }, dz.ToDoubleArray());
        Assert.Equal(new[] { 6.0, 12.0, 18.0 }, hvp.ToDoubleArray());
        Assert.False(w.RequiresGrad);
        Assert.Null(w.GradFn);
    }

    [Fact]
    public void Training_loop_example_lowers_the_loss()
    {
        var rng = new Random(7);
        var x = Tensor.Randn([64, 2], rng);
        var xs = x.ToFloatArray();
        var labels = new int[64];
        for (int i = 0; i < 64; i++) labels[i] = xs[2 * i] * xs[2 * i + 1] > 0 ? 1 : 0;   // XOR-like quadrants

        var model = new Sequential(new Linear(2, 64, rng: new Random(1)), new Tanh(), new Linear(64, 2, rng: new Random(2)));
        var optimizer = new Adam(model.Parameters(), lr: 0.01);
        double first = double.NaN, last = double.NaN;
        for (int epoch = 0; epoch < 300; epoch++)
        {
            optimizer.ZeroGrad();
            var loss = Losses.CrossEntropy(model.Forward(x), labels);
            loss.Backward();
            optimizer.Step();
            if (epoch == 0) first = loss.Item();
            last = loss.Item();
        }

        Assert.True(last < first / 4, $"loss went from {first} to {last}");
    }
}
