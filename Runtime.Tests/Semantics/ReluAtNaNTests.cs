using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

public sealed class ReluAtNaNTests
{
    [Fact]
    public void Relu_passes_the_gradient_through_at_NaN_as_PyTorch_does()
    {
        // PyTorch 1.13: relu(nan) = nan and its gradient is 1, because threshold_backward zeroes the
        // gradient only where the result is <= 0, which NaN is not.
        var x = Tensor.FromArray(new[] { double.NaN, -1.0, 0.0, 2.0 }).RequiresGrad_();
        Tensor y = x.Relu();
        y.Sum().Backward();

        Assert.True(double.IsNaN(y.ToDoubleArray()[0]));
        Assert.Equal(new[] { 1.0, 0.0, 0.0, 1.0 }, x.Grad!.ToDoubleArray());
    }
}
