using System;
using AutoDiffGen.Optim;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Stress;

/// <summary>
/// A training loop runs for hours: each step's graph must be freed once Backward has run, and
/// nothing may accumulate per step (saved tensors, version counters, optimizer state).
/// </summary>
[Collection(MemoryMeasurement.Name)]
public sealed class MemoryStressTests
{
    private const int Steps = 100_000;

    [Fact]
    public void A_hundred_thousand_training_steps_do_not_grow_memory()
    {
        var random = new Random(5);
        Tensor w = Tensor.Randn(new[] { 4 }, random, DType.Float64, requiresGrad: true);
        Tensor b = Tensor.Scalar(0.0, DType.Float64, requiresGrad: true);
        Tensor x = Tensor.Randn(new[] { 4 }, random, DType.Float64);
        var optimizer = new Adam(new[] { w, b }, lr: 1e-3);

        // Warm up first: the JIT, pools and the optimizer's state settle in the first steps.
        for (int step = 0; step < 2_000; step++)
        {
            Step(w, b, x, optimizer);
        }

        long before = SettledMemory();
        for (int step = 0; step < Steps; step++)
        {
            Step(w, b, x, optimizer);
        }

        long growth = SettledMemory() - before;
        // A graph per step that is not freed would be tens of megabytes (each holds nodes and saved
        // tensors); the margin absorbs what the runtime and xunit allocate once in the meantime.
        Assert.True(growth < 1024 * 1024, $"memory grew by {growth} bytes over {Steps} steps");
        Assert.True(double.IsFinite(w.ToDoubleArray()[0]));
    }

    [Fact]
    public void The_graph_is_unreachable_after_backward_once_the_loss_is_dropped()
    {
        WeakReference node = BuildAndBackward(out Tensor w);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(node.IsAlive, "the graph of a finished step is still reachable from the leaf");
        Assert.NotNull(w.Grad);
    }

    private static WeakReference BuildAndBackward(out Tensor w)
    {
        w = Tensor.Scalar(1.5, DType.Float64, requiresGrad: true);
        Tensor loss = (w * w).Sin() * w;
        loss.Backward();
        return new WeakReference(loss.GradFn);
    }

    private static void Step(Tensor w, Tensor b, Tensor x, Optimizer optimizer)
    {
        optimizer.ZeroGrad();
        Tensor prediction = (w * x).Sum() + b;
        Tensor loss = (prediction - 1.0).Pow(2.0);
        loss.Backward();
        optimizer.Step();
    }

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>
/// GC.GetTotalMemory counts the whole process: tests running in parallel would show up as growth.
/// Tests in this collection run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "Memory measurement (runs alone)";
}
