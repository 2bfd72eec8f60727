using System;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Errors;

/// <summary>Bad input throws with PyTorch's phrasing, prefixed by the operation, naming the shapes or values.</summary>
public class ErrorMessageTests
{
    [Fact]
    public void BroadcastMismatch()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2, 3]) + Tensor.Zeros([2, 4]));

        Assert.StartsWith("add: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1", error.Message);
        Assert.Contains("[2, 3] and [2, 4]", error.Message);
    }

    [Fact]
    public void MatMulShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2, 3]).MatMul(Tensor.Zeros([4, 5])));

        Assert.Equal("matmul: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", error.Message);
    }

    [Fact]
    public void DimensionOutOfRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros([2, 3]).Sum(2));

        Assert.StartsWith("sum: Dimension out of range (expected to be in range of [-2, 1], but got 2)", error.Message);
    }

    [Fact]
    public void IndexOutOfBounds()
    {
        var error = Assert.Throws<IndexOutOfRangeException>(() => Tensor.Zeros([3, 2])[5]);

        Assert.Equal("select: index 5 is out of bounds for dimension 0 with size 3", error.Message);
    }

    [Fact]
    public void NegativeIndexOutOfBounds()
    {
        var error = Assert.Throws<IndexOutOfRangeException>(() => Tensor.Zeros([3]).Select(0, -4));

        Assert.Equal("select: index -4 is out of bounds for dimension 0 with size 3", error.Message);
    }

    [Fact]
    public void MixedDTypesAreNotPromoted()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2]) * Tensor.Zeros([2], DType.Float64));

        Assert.StartsWith("mul: expected both tensors to have the same dtype, but got Float32 and Float64", error.Message);
    }

    [Fact]
    public void ViewOfNonContiguousTensor()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros([2, 3]).T.View(6));

        Assert.StartsWith("view: view size is not compatible with input tensor's size and stride", error.Message);
    }

    [Fact]
    public void ReshapeToWrongSize()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2, 3]).Reshape(4));

        Assert.Equal("reshape: shape '[4]' is invalid for input of size 6", error.Message);
    }

    [Fact]
    public void CatSizesMustMatch()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Cat([Tensor.Zeros([2, 3]), Tensor.Zeros([3, 2])], 1));

        Assert.Equal("cat: Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.", error.Message);
    }

    [Fact]
    public void BackwardGradientShapeMustMatchTheOutput()
    {
        var y = Tensor.Zeros([3], requiresGrad: true) * 2.0;

        var error = Assert.Throws<ArgumentException>(() => y.Backward(Tensor.Zeros([2])));

        Assert.Equal("backward: Mismatch in shape: grad_output[0] has a shape of [2] and output[0] has a shape of [3].", error.Message);
    }

    [Fact]
    public void CrossEntropyTargetOutOfBounds()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropy(Tensor.Zeros([2, 3]), [0, 5]));

        Assert.StartsWith("nll_loss: Target 5 is out of bounds (row 1, 3 classes).", error.Message);
    }

    [Fact]
    public void MseShapesMustMatch()
    {
        var error = Assert.Throws<ArgumentException>(() => Losses.Mse(Tensor.Zeros([2, 3]), Tensor.Zeros([3])));

        Assert.StartsWith("mse_loss: input shape [2, 3] and target shape [3] must be equal", error.Message);
    }

    [Fact]
    public void ItemOfManyElements()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros([2]).Item());

        Assert.Equal("item: a Tensor with 2 elements cannot be converted to Scalar (shape [2])", error.Message);
    }

    [Fact]
    public void FromArrayShapeMustHoldTheData()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.FromArray([1f, 2f, 3f], 2, 2));

        Assert.Equal("from_array: shape [2, 2] holds 4 elements, but the array has 3", error.Message);
    }

    [Fact]
    public void FailedInPlaceOpLeavesTheTensorUnchanged()
    {
        var t = Tensor.FromArray([1f, 2f, 3f]);

        var error = Assert.Throws<ArgumentException>(() => t.Add_(Tensor.Zeros([2, 3])));

        Assert.Equal("add_: output with shape [3] doesn't match the broadcast shape [2, 3]", error.Message);
        Assert.Equal([1f, 2f, 3f], t.ToFloatArray());
        Assert.Equal(0, t.Version);
    }

    [Fact]
    public void MatMulOfUnsupportedRank()
    {
        var error = Assert.Throws<NotSupportedException>(() => Tensor.Zeros([1, 2, 2, 2]).MatMul(Tensor.Zeros([2, 2])));

        Assert.Contains("matmul: operands of rank 4 and 2", error.Message);
    }

    [Fact]
    public void GradOfAnInputThatDoesNotRequireGrad()
    {
        var x = Tensor.Zeros([1], requiresGrad: true);

        var error = Assert.Throws<ArgumentException>(() => Autograd.Grad([(x * 2.0).Sum()], [Tensor.Zeros([1])]));

        Assert.Equal("grad: One of the differentiated Tensors does not require grad", error.Message);
    }
}
