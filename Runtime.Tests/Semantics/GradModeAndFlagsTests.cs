using System;
using System.Threading;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

public class GradModeAndFlagsTests
{
    [Fact]
    public void InsideNoGradResultsDoNotRequireGradAndHaveNoGradFn()
    {
        var x = Tensor.FromArray([1.0]).RequiresGrad_();
        Tensor y;
        using (Autograd.NoGrad())
        {
            Assert.False(Autograd.IsGradEnabled);
            y = x * 2.0;
        }

        Assert.True(Autograd.IsGradEnabled);
        Assert.False(y.RequiresGrad);
        Assert.Null(y.GradFn);
    }

    [Fact]
    public void GradModeScopesNestAndRestoreThePreviousMode()
    {
        using (Autograd.NoGrad())
        {
            using (Autograd.EnableGrad())
            {
                Assert.True(Autograd.IsGradEnabled);
            }

            Assert.False(Autograd.IsGradEnabled);
        }

        Assert.True(Autograd.IsGradEnabled);
    }

    [Fact]
    public void NoGradOnOneThreadDoesNotAffectAnother()
    {
        using var inside = new ManualResetEventSlim();
        using var checkedOther = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            using (Autograd.NoGrad())
            {
                inside.Set();
                checkedOther.Wait();
            }
        });
        worker.Start();
        inside.Wait();

        bool enabledHere = Autograd.IsGradEnabled;
        var y = Tensor.FromArray([1.0]).RequiresGrad_() * 2.0;
        checkedOther.Set();
        worker.Join();

        Assert.True(enabledHere);
        Assert.True(y.RequiresGrad);
    }

    [Fact]
    public void RequiresGradSetterOnNonLeafThrows()
    {
        var y = Tensor.FromArray([1.0]).RequiresGrad_() * 2.0;

        var error = Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);

        Assert.StartsWith("you can only change requires_grad flags of leaf variables.", error.Message);
    }

    [Fact]
    public void BackwardOnTensorThatDoesNotRequireGradThrows()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Tensor.FromArray([1.0]).Sum().Backward());

        Assert.Contains("element 0 of tensors does not require grad and does not have a grad_fn", error.Message);
    }

    [Fact]
    public void DetachSharesStorageAndIsALeaf()
    {
        var x = Tensor.FromArray([1.0, 2.0]).RequiresGrad_();
        var y = x * 2.0;
        var detached = y.Detach();

        Assert.True(detached.IsLeaf);
        Assert.False(detached.RequiresGrad);
        int before = y.Version;

        detached.Add_(1.0);

        Assert.Equal([3.0, 5.0], y.ToDoubleArray());
        Assert.Equal(before + 1, y.Version);
    }
}
