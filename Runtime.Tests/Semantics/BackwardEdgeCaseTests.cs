using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

/// <summary>Less common entry points, each checked against what PyTorch 1.13 does.</summary>
public class BackwardEdgeCaseTests
{
    [Fact]
    public void BackwardOnALeafAccumulatesOneIntoItself()
    {
        var x = Tensor.Scalar(2.0, DType.Float64, requiresGrad: true);

        x.Backward();

        Assert.Equal(1.0, x.Grad!.Item());
    }

    [Fact]
    public void BackwardWithANonLeafInputFillsItsGradOnly()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();
        var h = x * 3.0;

        (h * h).Sum().Backward(inputs: [h]);

        Assert.Equal([6.0, 12.0], h.Grad!.ToDoubleArray());
        Assert.Null(x.Grad);
    }

    [Fact]
    public void RetainGradAlsoFiresDuringAutogradGrad()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();
        var h = x * 3.0;
        h.RetainGrad();

        Autograd.Grad([(h * h).Sum()], [x]);

        Assert.Equal([6.0, 12.0], h.Grad!.ToDoubleArray());
        Assert.Null(x.Grad);
    }

    [Fact]
    public void GradOfSeveralOutputsSumsTheirContributions()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();

        var grads = Autograd.Grad([(x * 2.0).Sum(), (x * x).Sum()], [x]);

        Assert.Equal([4.0, 6.0], grads[0]!.ToDoubleArray());
    }

    [Fact]
    public void FirstAccumulatedGradDoesNotAliasAnotherLeafsGrad()
    {
        // AddBackward0 hands the same gradient to both inputs; later accumulation into one must not change the other.
        var a = Tensor.FromArray([1.0]).RequiresGrad_();
        var b = Tensor.FromArray([1.0]).RequiresGrad_();
        (a + b).Sum().Backward();

        (a * 5.0).Sum().Backward();

        Assert.Equal([6.0], a.Grad!.ToDoubleArray());
        Assert.Equal([1.0], b.Grad!.ToDoubleArray());
    }

    [Fact]
    public void GraphOfOnlyAddsCanBeTraversedTwiceBecauseNothingWasSaved()
    {
        // PyTorch only complains when a freed saved tensor is needed; AddBackward0 saves none.
        var x = Tensor.FromArray([1.0]).RequiresGrad_();
        var y = (x + 1.0).Sum();

        y.Backward();
        y.Backward();

        Assert.Equal([2.0], x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void CreateGraphBackwardLeavesADifferentiableGrad()
    {
        var x = Tensor.FromArray([3.0]).RequiresGrad_();

        (x * x * x).Sum().Backward(createGraph: true);
        var firstGrad = x.Grad!;
        x.Grad = null;
        firstGrad.Sum().Backward();

        Assert.Equal([27.0], firstGrad.ToDoubleArray());
        Assert.Equal([18.0], x.Grad!.ToDoubleArray());
    }
}
