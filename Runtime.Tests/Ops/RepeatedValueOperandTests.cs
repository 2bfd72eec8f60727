using Xunit;

namespace AutoDiffGen.Runtime.Tests.Ops;

/// <summary>
/// A value expanded to a shape (all strides zero, as the gradient of a sum) is applied as a single value by the
/// dense paths of binary ops and in-place ops; every pairing must give what elementwise arithmetic gives.
/// </summary>
public class RepeatedValueOperandTests
{
    private static Tensor Repeated(double value, params int[] shape) => Tensor.FromArray(new[] { value }).Expand(shape);

    [Fact]
    public void Dense_minus_repeated_and_repeated_minus_dense_keep_the_operand_order()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }, 2, 2);

        Assert.Equal(new[] { -9.0, -8.0, -7.0, -6.0 }, (x - Repeated(10.0, 2, 2)).ToDoubleArray());
        Assert.Equal(new[] { 9.0, 8.0, 7.0, 6.0 }, (Repeated(10.0, 2, 2) - x).ToDoubleArray());
        Assert.Equal(new[] { 5.0, 2.5, 10.0 / 6, 1.25 }, (Repeated(5.0, 4) / Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 })).ToDoubleArray());
    }

    [Fact]
    public void Two_repeated_operands_give_a_tensor_of_their_shape()
    {
        var product = Repeated(3.0, 2, 3) * Repeated(-2.0, 2, 3);

        Assert.Equal(new[] { 2, 3 }, product.Shape);
        Assert.Equal(new[] { -6.0, -6.0, -6.0, -6.0, -6.0, -6.0 }, product.ToDoubleArray());
    }

    [Fact]
    public void A_value_repeated_along_one_dimension_only_is_broadcast_element_by_element()
    {
        var rows = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 }).Expand(2, 3);   // strides [0, 1]: not one value
        var x = Tensor.FromArray(new[] { 10.0, 20.0, 30.0, 40.0, 50.0, 60.0 }, 2, 3);

        Assert.Equal(new[] { 11.0, 22.0, 33.0, 41.0, 52.0, 63.0 }, (x + rows).ToDoubleArray());
    }

    [Fact]
    public void In_place_ops_accept_a_repeated_value_of_the_same_shape()
    {
        var x = Tensor.FromArray(new float[] { 1f, 2f, 3f });

        x.Mul_(Repeated(2.0, 3).To(DType.Float32));
        x.Add_(Tensor.FromArray(new float[] { 0.5f }).Expand(3));

        Assert.Equal(new[] { 2.5f, 4.5f, 6.5f }, x.ToFloatArray());
    }

    [Fact]
    public void The_gradient_of_a_sum_reaches_a_leaf_used_three_times_correctly()
    {
        var x = Tensor.FromArray(new[] { 0.5, -1.0 }).RequiresGrad_();
        var w = Tensor.FromArray(new[] { 2.0, 3.0 });

        ((x * w) + x + x.Exp()).Sum().Backward();   // d/dx = w + 1 + eˣ

        Assert.Equal(new[] { 2.0 + 1.0 + System.Math.Exp(0.5), 3.0 + 1.0 + System.Math.Exp(-1.0) }, x.Grad!.ToDoubleArray(), new Tolerance(1e-12));
    }

    private sealed class Tolerance(double tolerance) : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => System.Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
