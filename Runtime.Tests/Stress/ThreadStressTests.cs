using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoDiffGen.NN;
using AutoDiffGen.Optim;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Stress;

/// <summary>
/// Independent graphs on several threads at once: the engine keeps no shared mutable state, and
/// grad mode (NoGrad) is per thread, as in PyTorch.
/// </summary>
public sealed class ThreadStressTests
{
    private const int Threads = 4;

    [Fact]
    public void Models_trained_concurrently_end_exactly_as_when_trained_alone()
    {
        double[][] alone = Enumerable.Range(0, Threads).Select(Train).ToArray();

        var concurrent = new double[Threads][];
        using var start = new Barrier(Threads);
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
        {
            start.SignalAndWait();
            concurrent[i] = Train(i);
        });

        for (int i = 0; i < Threads; i++)
        {
            // Bit for bit: the same operations in the same order on the same data.
            Assert.Equal(alone[i], concurrent[i]);
        }

        Assert.NotEqual(alone[0], alone[1]);
    }

    [Fact]
    public void NoGrad_on_one_thread_does_not_leak_into_another()
    {
        using var inside = new ManualResetEventSlim();
        using var checkedOther = new ManualResetEventSlim();
        bool enabledInsideNoGrad = true, otherThreadRecorded = false, otherThreadEnabled = false;

        var noGradThread = new Thread(() =>
        {
            using (Autograd.NoGrad())
            {
                enabledInsideNoGrad = Autograd.IsGradEnabled;
                inside.Set();
                checkedOther.Wait();
            }
        });
        var otherThread = new Thread(() =>
        {
            inside.Wait();
            otherThreadEnabled = Autograd.IsGradEnabled;
            var x = Tensor.Scalar(2.0, DType.Float64, requiresGrad: true);
            Tensor y = x * x;
            otherThreadRecorded = y.RequiresGrad && y.GradFn is not null;
            checkedOther.Set();
        });
        noGradThread.Start();
        otherThread.Start();
        Assert.True(noGradThread.Join(TimeSpan.FromSeconds(30)) && otherThread.Join(TimeSpan.FromSeconds(30)), "threads did not finish");

        Assert.False(enabledInsideNoGrad);
        Assert.True(otherThreadEnabled, "NoGrad on another thread turned grad mode off here");
        Assert.True(otherThreadRecorded, "an op on this thread did not record a graph while another thread was in NoGrad");
        Assert.True(Autograd.IsGradEnabled);
    }

    /// <summary>A small regression trained with SGD with momentum; returns its final parameters.</summary>
    private static double[] Train(int seed)
    {
        var random = new Random(100 + seed);
        var model = new Sequential(
            new Linear(3, 8, rng: random, dtype: DType.Float64), new Tanh(),
            new Linear(8, 1, rng: random, dtype: DType.Float64));
        var optimizer = new SGD(model.Parameters(), lr: 0.05, momentum: 0.9);
        Tensor input = Tensor.Randn(new[] { 16, 3 }, random, DType.Float64);
        Tensor target = (input.Sum(1, keepDim: true) * 0.5).Sin();
        for (int step = 0; step < 200; step++)
        {
            optimizer.ZeroGrad();
            Tensor loss = Losses.Mse(model.Forward(input), target);
            loss.Backward();
            optimizer.Step();
        }

        return model.Parameters().SelectMany(p => p.ToDoubleArray()).ToArray();
    }
}
