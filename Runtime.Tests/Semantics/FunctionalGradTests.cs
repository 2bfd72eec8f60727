using System;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

public class FunctionalGradTests
{
    [Fact]
    public void GradReturnsGradientsWithoutTouchingDotGrad()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();

        var grads = Autograd.Grad([(x * x).Sum()], [x]);

        Assert.Equal([2.0, 4.0], grads[0]!.ToDoubleArray());
        Assert.Null(x.Grad);
    }

    [Fact]
    public void UnusedInputIsAnErrorUnlessAllowed()
    {
        var x = Tensor.FromArray([1.0]).RequiresGrad_();
        var unused = Tensor.FromArray([1.0]).RequiresGrad_();

        var error = Assert.Throws<InvalidOperationException>(() => Autograd.Grad([(x * 2.0).Sum()], [x, unused]));
        Assert.Contains("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True", error.Message);

        var grads = Autograd.Grad([(x * 2.0).Sum()], [x, unused], allowUnused: true);
        Assert.Equal([2.0], grads[0]!.ToDoubleArray());
        Assert.Null(grads[1]);
    }

    [Fact]
    public void CreateGraphGivesSecondDerivatives()
    {
        var x = Tensor.FromArray([2.0]).RequiresGrad_();
        var y = (x * x * x).Sum(); // y = x³, y' = 3x², y'' = 6x

        var first = Autograd.Grad([y], [x], createGraph: true)[0]!;
        var second = Autograd.Grad([first.Sum()], [x])[0]!;

        Assert.Equal([12.0], first.ToDoubleArray());
        Assert.True(first.RequiresGrad);
        Assert.Equal([12.0], second.ToDoubleArray());
    }

    [Fact]
    public void HessianVectorProductThroughCreateGraph()
    {
        // f(x) = Σ sin(x_i)·x_j pairs via (x·x) and sin: f = (Σx)² + Σ sin x. H = 2·11ᵀ − diag(sin x).
        var x = Tensor.FromArray([0.3, -1.2, 2.0]).RequiresGrad_();
        var v = Tensor.FromArray([1.0, 0.5, -2.0]);
        var s = x.Sum();
        var f = s * s + x.Sin().Sum();

        var gradient = Autograd.Grad([f], [x], createGraph: true)[0]!;
        var hv = Autograd.Grad([(gradient * v).Sum()], [x])[0]!.ToDoubleArray();

        double vSum = 1.0 + 0.5 - 2.0;
        var xs = new[] { 0.3, -1.2, 2.0 };
        var vs = new[] { 1.0, 0.5, -2.0 };
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(2 * vSum - Math.Sin(xs[i]) * vs[i], hv[i], 12);
        }
    }

    [Fact]
    public void RetainGraphDefaultsToCreateGraph()
    {
        var x = Tensor.FromArray([1.5]).RequiresGrad_();
        var kept = (x * x).Sum();
        Autograd.Grad([kept], [x], createGraph: true);
        Assert.Equal([3.0], Autograd.Grad([kept], [x])[0]!.ToDoubleArray());

        var freed = (x * x).Sum();
        Autograd.Grad([freed], [x]);
        Assert.Throws<InvalidOperationException>(() => Autograd.Grad([freed], [x]));
    }

    [Fact]
    public void GradWithRespectToANonLeafIsTheGradientFlowingIntoIt()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();
        var h = x * 3.0;
        var y = (h * h).Sum();

        var grads = Autograd.Grad([y], [h, x]);

        Assert.Equal([6.0, 12.0], grads[0]!.ToDoubleArray());
        Assert.Equal([18.0, 36.0], grads[1]!.ToDoubleArray());
    }

    [Fact]
    public void GradOutputsWeightEachOutput()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();

        var grads = Autograd.Grad([x * x], [x], [Tensor.FromArray([1.0, -1.0])]);

        Assert.Equal([2.0, -4.0], grads[0]!.ToDoubleArray());
    }
}
