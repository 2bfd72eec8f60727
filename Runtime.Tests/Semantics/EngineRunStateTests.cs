using System;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Semantics;

/// <summary>
/// The engine keeps each run's bookkeeping on the nodes themselves; these check that nothing of one run
/// leaks into the next (retained graphs run again, shared subgraphs, failed runs) and that it stays iterative.
/// </summary>
public class EngineRunStateTests
{
    private static Tensor Leaf(params double[] values) => Tensor.FromArray(values).RequiresGrad_();

    [Fact]
    public void A_retained_subgraph_used_by_two_outputs_gets_each_backward_counted_once()
    {
        var x = Leaf(1.0, -2.0, 3.0);
        var y = x * x;                       // shared by both outputs
        var first = y.Sum();
        var second = (y * 3.0).Sum();

        first.Backward(retainGraph: true);   // d/dx = 2x
        second.Backward();                   // d/dx = 6x, through the same MulBackward0 of y

        Assert.Equal(new[] { 8.0, -16.0, 24.0 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void Autograd_grad_after_a_plain_backward_on_the_same_retained_graph_runs_only_what_it_needs()
    {
        var x = Leaf(0.5, 1.5);
        var w = Leaf(2.0, -1.0);
        var y = x * w;
        var loss = (y * y).Sum();

        loss.Backward(retainGraph: true);    // runs every node, accumulates into x and w
        var wGradAfterBackward = w.Grad!.ToDoubleArray();
        var grads = Autograd.Grad([loss], [y], retainGraph: true);

        Assert.Equal(new[] { 2.0 * 1.0, 2.0 * -1.5 }, grads[0]!.ToDoubleArray()); // d(y²)/dy = 2y, y = (1, -1.5)
        Assert.Equal(wGradAfterBackward, w.Grad!.ToDoubleArray());                // Autograd.Grad left .Grad alone
    }

    [Fact]
    public void A_run_that_fails_on_a_version_error_leaves_no_gradient_behind_for_the_next_run()
    {
        var x = Leaf(1.0, 2.0);
        var scale = Tensor.FromArray(new[] { 3.0, 4.0 });
        var broken = (x * scale).Exp().Sum();
        scale.Mul_(2.0);                     // scale was saved by MulBackward0

        var error = Assert.Throws<InvalidOperationException>(() => broken.Backward());
        Assert.Contains("modified by an inplace operation", error.Message);

        var loss = (x * scale).Sum();        // a fresh graph from the same leaf
        loss.Backward();
        Assert.Equal(new[] { 6.0, 8.0 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void Backward_through_a_chain_of_fifty_thousand_nodes_does_not_overflow_the_stack()
    {
        var x = Leaf(0.25);
        var y = x;
        for (int i = 0; i < 50_000; i++)
        {
            y = y + 1.0;
        }

        y.Backward();

        Assert.Equal(1.0, x.Grad!.Item());
    }

    [Fact]
    public void Repeated_training_steps_on_equal_shapes_allocate_the_same_amount_each_time()
    {
        // The dynamic graph must not grow what it allocates (or keeps) from one step to the next.
        var x = Tensor.FromArray(new float[] { 0.1f, -0.2f, 0.3f, 0.4f }).RequiresGrad_();
        void Step()
        {
            var y = (x * x).Tanh().Sigmoid().Exp();
            y.Sum().Backward();
        }

        for (int i = 0; i < 50; i++)
        {
            Step();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Step();
        }

        long firstHundred = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Step();
        }

        long secondHundred = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(firstHundred, secondHundred);
    }
}
