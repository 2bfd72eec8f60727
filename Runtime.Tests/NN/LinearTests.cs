using System;
using System.Linq;
using AutoDiffGen.NN;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.NN;

public class LinearTests
{
    [Theory]
    [InlineData(4, 8)]
    [InlineData(100, 30)]
    public void Init_is_uniform_within_one_over_sqrt_in_features(int inFeatures, int outFeatures)
    {
        var linear = new Linear(inFeatures, outFeatures, rng: new Random(42), dtype: DType.Float64);
        double bound = 1.0 / Math.Sqrt(inFeatures);
        Assert.Equal(new[] { outFeatures, inFeatures }, linear.Weight.Shape.ToArray());
        Assert.Equal(new[] { outFeatures }, linear.Bias!.Shape.ToArray());
        double[] weights = linear.Weight.ToDoubleArray();
        Assert.All(weights, w => Assert.InRange(w, -bound, bound));
        Assert.All(linear.Bias.ToDoubleArray(), b => Assert.InRange(b, -bound, bound));
        if (weights.Length >= 1000)
        {
            // A uniform sample on [-bound, bound] spreads out: its extremes come near both ends, its mean near 0.
            Assert.True(weights.Max() > 0.9 * bound && weights.Min() < -0.9 * bound);
            Assert.InRange(weights.Average(), -0.1 * bound, 0.1 * bound);
        }
    }

    [Fact]
    public void Same_seed_gives_same_weights_and_default_dtype_is_float32()
    {
        var a = new Linear(5, 3, rng: new Random(7));
        var b = new Linear(5, 3, rng: new Random(7));
        Assert.Equal(DType.Float32, a.Weight.DType);
        Assert.Equal(a.Weight.ToFloatArray(), b.Weight.ToFloatArray());
        Assert.Equal(a.Bias!.ToFloatArray(), b.Bias!.ToFloatArray());
    }

    [Fact]
    public void Forward_computes_x_times_weight_transposed_plus_bias()
    {
        var linear = new Linear(2, 3, dtype: DType.Float64);
        using (Autograd.NoGrad())
        {
            linear.Weight.Copy_(Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, 3, 2));
            linear.Bias!.Copy_(Tensor.FromArray(new[] { 0.5, -0.5, 1.0 }, 3));
        }
        var y = linear.Forward(Tensor.FromArray(new[] { 1.0, -1.0, 2.0, 0.0 }, 2, 2));
        Assert.Equal(new[] { 2, 3 }, y.Shape.ToArray());
        // row 0: [1-2, 3-4, 5-6] + b; row 1: [2, 6, 10] + b
        Assert.Equal(new[] { -0.5, -1.5, 0.0, 2.5, 5.5, 11.0 }, y.ToDoubleArray());
    }

    [Fact]
    public void Forward_accepts_a_single_vector_and_extra_leading_dims()
    {
        var linear = new Linear(3, 2, rng: new Random(1), dtype: DType.Float64);
        var batch = Tensor.FromArray(Enumerable.Range(0, 12).Select(i => i * 0.25).ToArray(), 2, 2, 3);
        var y = linear.Forward(batch);
        Assert.Equal(new[] { 2, 2, 2 }, y.Shape.ToArray());
        var single = linear.Forward(Tensor.FromArray(new[] { 0.75, 1.0, 1.25 }));
        Assert.Equal(new[] { 2 }, single.Shape.ToArray());
        // the single vector is row 1 of the first batch entry
        Assert.Equal(y.ToDoubleArray().Skip(2).Take(2).ToArray(), single.ToDoubleArray());
    }

    [Fact]
    public void Without_bias_there_is_one_parameter()
    {
        var linear = new Linear(3, 2, bias: false, rng: new Random(1));
        Assert.Null(linear.Bias);
        Assert.Equal(new[] { "weight" }, linear.NamedParameters().Select(p => p.Name).ToArray());
        Assert.Equal("Linear(in_features=3, out_features=2, bias=False)", linear.ToString());
    }

    [Fact]
    public void Wrong_in_features_throws_naming_the_module_and_shapes()
    {
        var linear = new Linear(4, 3, rng: new Random(1));
        var ex = Assert.Throws<ArgumentException>(() => linear.Forward(Tensor.Zeros([2, 5])));
        Assert.Contains("Linear(in_features=4, out_features=3, bias=True)", ex.Message);
        Assert.Contains("last dimension 4", ex.Message);
        Assert.Contains("[2, 5]", ex.Message);
    }

    [Fact]
    public void Wrong_in_features_inside_a_sequential_still_names_the_linear()
    {
        var model = new Sequential(new Linear(2, 3, rng: new Random(1)), new Tanh(), new Linear(4, 1, rng: new Random(2)));
        var ex = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros([5, 2])));
        Assert.Contains("Linear(in_features=4, out_features=1", ex.Message);
        Assert.Contains("[5, 3]", ex.Message);
    }

    [Fact]
    public void Dtype_mismatch_throws_naming_both_dtypes()
    {
        var linear = new Linear(2, 2, rng: new Random(1));
        var ex = Assert.Throws<ArgumentException>(() => linear.Forward(Tensor.Zeros([1, 2], DType.Float64)));
        Assert.Contains("Float64", ex.Message);
        Assert.Contains("Float32", ex.Message);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, -1)]
    public void Non_positive_sizes_are_rejected(int inFeatures, int outFeatures)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(inFeatures, outFeatures));
        Assert.Contains("Linear", ex.Message);
    }
}
