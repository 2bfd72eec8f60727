using System;
using AutoDiffGen.NN;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.NN;

/// <summary>
/// nn.Linear computes x·Wᵀ through a transposed view of W; its backward lays the weight's gradient out
/// like W itself (as PyTorch's mm_mat2_backward), so accumulating and stepping on it stay dense.
/// </summary>
public class LinearGradientLayoutTests
{
    [Fact]
    public void The_weight_gradient_is_row_major_like_the_weight_and_equals_g_transposed_times_x()
    {
        var linear = new Linear(3, 2, rng: new Random(7), dtype: DType.Float64);
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, -1.0, 0.5, 4.0 }, 2, 3);
        var g = Tensor.FromArray(new[] { 1.0, -2.0, 0.5, 3.0 }, 2, 2);

        linear.Forward(x).Backward(g);

        var grad = linear.Weight.Grad!;
        Assert.True(grad.IsContiguous);
        Assert.Equal(new[] { 2, 3 }, grad.Shape);
        // dW[o, i] = Σ_n g[n, o]·x[n, i], written out by hand.
        var expected = new[]
        {
            (1.0 * 1.0) + (0.5 * -1.0), (1.0 * 2.0) + (0.5 * 0.5), (1.0 * 3.0) + (0.5 * 4.0),
            (-2.0 * 1.0) + (3.0 * -1.0), (-2.0 * 2.0) + (3.0 * 0.5), (-2.0 * 3.0) + (3.0 * 4.0),
        };
        Assert.Equal(expected, grad.ToDoubleArray());
    }

    [Fact]
    public void Gradients_kept_across_steps_accumulate_in_place_into_the_same_tensor()
    {
        var linear = new Linear(4, 3, rng: new Random(3));
        var x = Tensor.Randn([5, 4], new Random(4));
        linear.Forward(x).Sum().Backward();
        var grad = linear.Weight.Grad!;
        var once = grad.ToFloatArray();

        linear.Forward(x).Sum().Backward();

        Assert.Same(grad, linear.Weight.Grad);
        var twice = grad.ToFloatArray();
        for (int i = 0; i < once.Length; i++)
        {
            Assert.Equal(2 * once[i], twice[i], 5);
        }
    }
}
