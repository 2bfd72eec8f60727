using System;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

public class InPlaceTests
{
    [Fact]
    public void ChangingASavedTensorInPlaceMakesBackwardFailWithAVersionError()
    {
        var x = Tensor.FromArray([1.0, 2.0, 3.0]).RequiresGrad_();
        var y = x.Exp(); // ExpBackward0 saves its result y
        var loss = y.Sum();

        y.Mul_(2.0);

        var error = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Equal(
            "one of the variables needed for gradient computation has been modified by an inplace operation: "
            + "[torch.DoubleTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead.",
            error.Message);
    }

    [Fact]
    public void InPlaceOpsBumpTheVersion()
    {
        var t = Tensor.Zeros([2]);

        t.Add_(1.0);
        t.Mul_(Tensor.FromArray([2f, 3f]));
        t.Fill_(4);
        t.Zero_();

        Assert.Equal(4, t.Version);
        Assert.Equal([0f, 0f], t.ToFloatArray());
    }

    [Fact]
    public void InPlaceOnLeafThatRequiresGradThrowsButIsAllowedUnderNoGrad()
    {
        var w = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();

        var error = Assert.Throws<InvalidOperationException>(() => w.Sub_(1.0));
        Assert.Contains("a leaf Variable that requires grad is being used in an in-place operation.", error.Message);
        Assert.Equal([1.0, 2.0], w.ToDoubleArray());

        using (Autograd.NoGrad())
        {
            w.Sub_(1.0);
        }

        Assert.Equal([0.0, 1.0], w.ToDoubleArray());
    }

    [Fact]
    public void InPlaceOnNonLeafIsRecordedAndDifferentiatedCorrectly()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();
        var y = x * x;

        y.Mul_(x); // y = x³

        Assert.Equal("MulBackward0", y.GradFn!.Name);
        y.Sum().Backward();
        Assert.Equal([3.0, 12.0], x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void InPlaceOnAViewWritesThroughToTheBase()
    {
        var t = Tensor.Zeros([2, 3]);

        t.Select(0, 1).Fill_(5);
        t.Slice(1, 0, 3, 2).Add_(1.0);

        Assert.Equal([1f, 0f, 1f, 6f, 5f, 6f], t.ToFloatArray());
    }

    [Fact]
    public void CopyBroadcastsAndConvertsTheSource()
    {
        var t = Tensor.Zeros([2, 2], DType.Float64);

        t.Copy_(Tensor.FromArray([1f, 2f]));

        Assert.Equal([1.0, 2.0, 1.0, 2.0], t.ToDoubleArray());
    }

    [Fact]
    public void ReluInPlace()
    {
        var t = Tensor.FromArray([-1f, 2f]);

        t.Relu_();

        Assert.Equal([0f, 2f], t.ToFloatArray());
    }

    [Fact]
    public void ZeroingANonLeafKeepsItOnTheGraphWithAZeroGradient()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();
        var y = x * 2.0;

        y.Zero_();
        y.Sum().Backward();

        Assert.Equal("ZeroBackward0", y.GradFn!.Name);
        Assert.Equal([0.0, 0.0], x.Grad!.ToDoubleArray());
    }
}
