using Xunit;

namespace AutoDiffGen.Runtime.Tests.Formatting;

/// <summary>Expected strings are PyTorch 1.13's repr() of the same tensors.</summary>
public class ToStringTests
{
    [Fact]
    public void LeafThatRequiresGrad() =>
        Assert.Equal("tensor([[1., 2.],\n        [3., 4.]], requires_grad=True)", Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2).RequiresGrad_().ToString());

    [Fact]
    public void NonLeafShowsItsGradFn() =>
        Assert.Equal("tensor([3., 4.], grad_fn=<MulBackward0>)", (Tensor.FromArray([1.5f, 2f]).RequiresGrad_() * 2.0).ToString());

    [Fact]
    public void Float64FixedPointWithCommonWidth() =>
        Assert.Equal("tensor([ 1.0000,  2.5000, -3.2500], dtype=torch.float64)", Tensor.FromArray([1.0, 2.5, -3.25]).ToString());

    [Fact]
    public void Float64LeafSuffixOrder() =>
        Assert.Equal("tensor([-0.5000,  2.2500], dtype=torch.float64, requires_grad=True)", Tensor.FromArray([-0.5, 2.25]).RequiresGrad_().ToString());

    [Fact]
    public void Scalars()
    {
        Assert.Equal("tensor(3.)", Tensor.Scalar(3).ToString());
        Assert.Equal("tensor(3.5000)", Tensor.Scalar(3.5).ToString());
    }

    [Fact]
    public void ScientificWhenTheRangeIsWideOrTiny()
    {
        Assert.Equal("tensor([1.0000e-05, 1.0000e+00])", Tensor.FromArray([1e-5f, 1f]).ToString());
        Assert.Equal("tensor([1.0000e+00, 1.0000e+09])", Tensor.FromArray([1f, 1e9f]).ToString());
    }

    [Fact]
    public void NonFiniteValues() =>
        Assert.Equal("tensor([nan, 1., inf])", Tensor.FromArray([float.NaN, 1f, float.PositiveInfinity]).ToString());

    [Fact]
    public void ThreeDimensionsSeparateBlocksWithABlankLine() =>
        Assert.Equal(
            "tensor([[[ 0.,  1.,  2.,  3.],\n         [ 4.,  5.,  6.,  7.],\n         [ 8.,  9., 10., 11.]],\n\n"
            + "        [[12., 13., 14., 15.],\n         [16., 17., 18., 19.],\n         [20., 21., 22., 23.]]])",
            Tensor.Arange(0, 24).Reshape(2, 3, 4).ToString());

    [Fact]
    public void LongVectorsWrapAtEightyColumns() =>
        Assert.Equal(
            "tensor([0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,\n"
            + "        1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,\n"
            + "        2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,\n"
            + "        3.8571, 4.0000, 4.1429])",
            (Tensor.Arange(0, 30) / 7.0).ToString());

    [Fact]
    public void LargeTensorsAreSummarised()
    {
        Assert.Equal(
            "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])",
            Tensor.Arange(0, 2000).ToString());
        Assert.Equal(
            "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 4.7000e+01, 4.8000e+01,\n"
            + "         4.9000e+01],\n"
            + "        [5.0000e+01, 5.1000e+01, 5.2000e+01,  ..., 9.7000e+01, 9.8000e+01,\n"
            + "         9.9000e+01],\n"
            + "        [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.4700e+02, 1.4800e+02,\n"
            + "         1.4900e+02],\n"
            + "        ...,\n"
            + "        [1.8500e+03, 1.8510e+03, 1.8520e+03,  ..., 1.8970e+03, 1.8980e+03,\n"
            + "         1.8990e+03],\n"
            + "        [1.9000e+03, 1.9010e+03, 1.9020e+03,  ..., 1.9470e+03, 1.9480e+03,\n"
            + "         1.9490e+03],\n"
            + "        [1.9500e+03, 1.9510e+03, 1.9520e+03,  ..., 1.9970e+03, 1.9980e+03,\n"
            + "         1.9990e+03]])",
            Tensor.Arange(0, 2000).Reshape(40, 50).ToString());
    }

    [Fact]
    public void EmptyAndZeros()
    {
        Assert.Equal("tensor([])", Tensor.Zeros([0]).ToString());
        Assert.Equal("tensor([[0., 0., 0.],\n        [0., 0., 0.]])", Tensor.Zeros([2, 3]).ToString());
    }
}
