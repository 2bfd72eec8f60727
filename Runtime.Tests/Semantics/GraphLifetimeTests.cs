using System;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

public class GraphLifetimeTests
{
    [Fact]
    public void SecondBackwardThroughFreedGraphThrows()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();
        var y = (x * x).Sum();
        y.Backward();

        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());

        Assert.StartsWith("Trying to backward through the graph a second time", error.Message);
    }

    [Fact]
    public void RetainGraphLetsASecondBackwardAddUp()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();
        var y = (x * x).Sum();

        y.Backward(retainGraph: true);
        y.Backward();

        Assert.Equal([4.0, 8.0], x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void NonScalarBackwardNeedsAnExplicitGradient()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();
        var y = x * 3.0;

        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("grad can be implicitly created only for scalar outputs", error.Message);

        y.Backward(Tensor.FromArray([1.0, 10.0]));
        Assert.Equal([3.0, 30.0], x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void InputsRestrictWhichLeavesAccumulate()
    {
        var a = Tensor.FromArray([2.0]).RequiresGrad_();
        var b = Tensor.FromArray([5.0]).RequiresGrad_();

        (a * b).Sum().Backward(inputs: [a]);

        Assert.Equal([5.0], a.Grad!.ToDoubleArray());
        Assert.Null(b.Grad);
    }

    [Fact]
    public void DiamondRunsEachNodeOnceAfterSummingItsIncomingGradients()
    {
        // exp's node frees its saved result after running, so a second run would throw.
        var x = Tensor.FromArray([0.5, -1.0]).RequiresGrad_();
        var e = x.Exp();
        e.RetainGrad();
        var left = e * 2.0;
        var right = e * 3.0;

        (left + right).Sum().Backward();

        Assert.Equal([5.0, 5.0], e.Grad!.ToDoubleArray());
        Assert.Equal(5 * Math.Exp(0.5), x.Grad!.ToDoubleArray()[0], 12);
        Assert.Equal(5 * Math.Exp(-1.0), x.Grad!.ToDoubleArray()[1], 12);
    }

    [Fact]
    public void ReusedTensorGetsTheSumOfAllUses()
    {
        var x = Tensor.FromArray([3.0]).RequiresGrad_();

        (x * x * x).Sum().Backward();

        Assert.Equal([27.0], x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void BackwardThroughAHundredThousandOpChainDoesNotOverflowTheStack()
    {
        var x = Tensor.Scalar(1.0, DType.Float64, requiresGrad: true);
        var y = x;
        for (int i = 0; i < 100_000; i++)
        {
            y = y * 1.0 + 0.0;
        }

        y.Backward();

        Assert.Equal(1.0, x.Grad!.Item());
    }

    [Fact]
    public void BroadcastGradientIsSummedBackToEachInputsShape()
    {
        var matrix = Tensor.Ones([2, 3], DType.Float64, requiresGrad: true);
        var row = Tensor.FromArray([1.0, 2.0, 3.0]).RequiresGrad_();
        var column = Tensor.FromArray([10.0, 20.0], 2, 1).RequiresGrad_();

        (matrix * row + column).Sum().Backward();

        Assert.Equal([2, 3], matrix.Grad!.Shape);
        Assert.Equal([1.0, 2.0, 3.0, 1.0, 2.0, 3.0], matrix.Grad.ToDoubleArray());
        Assert.Equal([3], row.Grad!.Shape);
        Assert.Equal([2.0, 2.0, 2.0], row.Grad.ToDoubleArray());
        Assert.Equal([2, 1], column.Grad!.Shape);
        Assert.Equal([3.0, 3.0], column.Grad.ToDoubleArray());
    }
}
