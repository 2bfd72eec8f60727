using System;
using AutoDiffGen.NN;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

/// <summary>
/// The engine keeps a gradient as a leaf's .Grad without a copy, or recycles its buffer after adding it into an
/// existing .Grad, only when it proved nothing else holds it. Every test here would see corrupted or aliased values
/// if that proof were wrong. The weights are large enough (over 85,000 bytes) for their buffers to be pooled.
/// </summary>
public class GradientRecyclingTests
{
    private const int Features = 160;   // 160·160 floats = 102,400 bytes

    [Fact]
    public void Two_leaves_receiving_the_same_gradient_tensor_do_not_share_their_grads()
    {
        var a = Tensor.Zeros([Features, Features], requiresGrad: true);
        var b = Tensor.Zeros([Features, Features], requiresGrad: true);
        var upstream = Tensor.Randn([Features, Features], new Random(1));

        ((a + b) * upstream).Sum().Backward();   // AddBackward0 sends one tensor to both leaves
        a.Grad!.Zero_();

        Assert.Equal(upstream.ToFloatArray(), b.Grad!.ToFloatArray());
    }

    [Fact]
    public void A_gradient_still_waiting_in_another_nodes_buffer_is_not_recycled_when_one_leaf_has_consumed_it()
    {
        var a = Tensor.Zeros([Features, Features], requiresGrad: true);
        var b = Tensor.Zeros([Features, Features], requiresGrad: true);
        a.Grad = Tensor.Zeros([Features, Features]);
        b.Grad = Tensor.Zeros([Features, Features]);
        var u = Tensor.Randn([Features, Features], new Random(5));
        var c = Tensor.Randn([Features, Features], new Random(6));

        // The engine runs the (a + b)·u branch first: its gradient reaches b (which adds it into b.Grad) while the
        // same tensor waits in a's buffer for the matmul branch, whose product would reuse a recycled buffer.
        var loss = a.MatMul(c).Sum() + ((a + b) * u).Sum();
        loss.Backward();

        var uValues = u.ToFloatArray();
        var cValues = c.ToFloatArray();
        var expectedA = new float[Features * Features];
        for (int i = 0; i < Features; i++)
        {
            for (int j = 0; j < Features; j++)
            {
                float rowSumOfC = 0;
                for (int k = 0; k < Features; k++)
                {
                    rowSumOfC += cValues[(j * Features) + k];
                }

                expectedA[(i * Features) + j] = uValues[(i * Features) + j] + rowSumOfC;
            }
        }

        var actualA = a.Grad!.ToFloatArray();
        for (int i = 0; i < expectedA.Length; i++)
        {
            Assert.Equal(expectedA[i], actualA[i], 3);
        }

        Assert.Equal(uValues, b.Grad!.ToFloatArray());
    }

    [Fact]
    public void Gradients_accumulated_over_steps_match_autograd_grad_computed_separately_each_step()
    {
        var rng = new Random(2);
        var layer = new Linear(Features, Features, rng: rng);
        var input = Tensor.Randn([8, Features], rng);
        var expectedSum = new float[Features * Features];
        for (int step = 0; step < 4; step++)
        {
            // Autograd.Grad returns its gradient to the caller: never recycled, an independent reference.
            var loss = layer.Forward(input * (step + 1.0)).Tanh().Sum();
            var reference = Autograd.Grad([loss], [layer.Weight])[0]!.ToFloatArray();
            for (int i = 0; i < reference.Length; i++)
            {
                expectedSum[i] += reference[i];
            }

            layer.Forward(input * (step + 1.0)).Tanh().Sum().Backward();   // accumulates, recycling from step 2 on
        }

        var accumulated = layer.Weight.Grad!.ToFloatArray();
        for (int i = 0; i < expectedSum.Length; i++)
        {
            Assert.Equal(expectedSum[i], accumulated[i], 3);
        }
    }

    [Fact]
    public void A_gradient_returned_by_autograd_grad_is_not_overwritten_by_later_training_steps()
    {
        var rng = new Random(3);
        var layer = new Linear(Features, Features, rng: rng);
        var input = Tensor.Randn([4, Features], rng);
        var returned = Autograd.Grad([layer.Forward(input).Sum()], [layer.Weight])[0]!;
        var snapshot = returned.ToFloatArray();

        for (int step = 0; step < 3; step++)
        {
            layer.Forward(input * 3.0).Sum().Backward();
        }

        Assert.Equal(snapshot, returned.ToFloatArray());
    }

    [Fact]
    public void A_kept_gradient_is_not_recycled_when_set_to_null_and_another_step_runs()
    {
        var rng = new Random(4);
        var layer = new Linear(Features, Features, rng: rng);
        var input = Tensor.Randn([4, Features], rng);
        layer.Forward(input).Sum().Backward();
        var firstGrad = layer.Weight.Grad!;          // held by the user
        var snapshot = firstGrad.ToFloatArray();
        layer.Weight.Grad = null;

        for (int step = 0; step < 3; step++)
        {
            layer.Forward(input * -2.0).Sum().Backward();
            layer.Forward(input).Sum().Backward();   // adds into the grad above, recycling this step's buffer
            layer.Weight.Grad = null;
        }

        Assert.Equal(snapshot, firstGrad.ToFloatArray());
    }
}
