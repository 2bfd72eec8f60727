using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

public class LeafAndAccumulationTests
{
    [Fact]
    public void UserCreatedTensorIsALeafAndOpResultIsNot()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();
        var y = x * 3.0;

        Assert.True(x.IsLeaf);
        Assert.Null(x.GradFn);
        Assert.False(y.IsLeaf);
        Assert.True(y.RequiresGrad);
        Assert.Equal("MulBackward0", y.GradFn!.Name);
    }

    [Fact]
    public void OpOnTensorsThatDoNotRequireGradRecordsNothing()
    {
        var y = Tensor.FromArray([1.0, 2.0]) * 3.0;

        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
    }

    [Fact]
    public void BackwardAccumulatesIntoLeafGradAcrossCalls()
    {
        var x = Tensor.FromArray([1.0, 2.0, 3.0]).RequiresGrad_();

        (x * x).Sum().Backward();
        (x * x).Sum().Backward();

        Assert.Equal([4.0, 8.0, 12.0], x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void NonLeafGradStaysNullUnlessRetained()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();
        var hidden = x * 2.0;
        var retained = x * 3.0;
        retained.RetainGrad();

        (hidden * retained).Sum().Backward();

        Assert.Null(hidden.Grad);
        Assert.Equal([2.0, 4.0], retained.Grad!.ToDoubleArray());
        Assert.Equal([12.0, 24.0], x.Grad!.ToDoubleArray());
    }
}
