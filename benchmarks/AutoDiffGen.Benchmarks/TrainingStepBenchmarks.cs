using System;
using AutoDiffGen.Kernels;
using AutoDiffGen.NN;
using AutoDiffGen.Optim;
using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks;

/// <summary>
/// One SGD training step of an MLP 784-256-10 (ReLU, cross-entropy) on a batch of 64 float32 rows:
/// ZeroGrad + forward + backward + Step, as benchmarks/peers/torch_bench_graph.py does in PyTorch.
/// The baseline keeps the gradient tensors and zeroes them in place (PyTorch 1.13's default
/// <c>zero_grad()</c>, and what the peer script runs); the other row sets them to null each step
/// (PyTorch 2's default), so each step's weight gradient is a fresh copy. <see cref="Threads"/> is how many
/// cores the 784×256 products may use: 1 is the like-for-like row against PyTorch's one-thread figure.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private const int Batch = 64;
    private Sequential _model = null!;
    private SGD _optimizer = null!;
    private Tensor _input = null!;
    private int[] _targets = [];

    /// <summary>Cores for large matrix products: 1, or -1 for all of them.</summary>
    [Params(1, -1)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        KernelThreads.MaxDegreeOfParallelism = Threads;
        var rng = new Random(1);
        _model = new Sequential(new Linear(784, 256, rng: rng), new ReLU(), new Linear(256, 10, rng: rng));
        _optimizer = new SGD(_model.Parameters(), lr: 0.01);
        _input = Tensor.Randn([Batch, 784], rng);
        _targets = new int[Batch];
        for (int i = 0; i < Batch; i++)
        {
            _targets[i] = i % 10;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => KernelThreads.MaxDegreeOfParallelism = -1;

    [Benchmark(Baseline = true, Description = "step, ZeroGrad(setToNone: false)")]
    public void StepKeepingGradients() => Step(setToNone: false);

    [Benchmark(Description = "step, ZeroGrad() (grads set to null)")]
    public void StepSettingGradientsToNull() => Step(setToNone: true);

    private void Step(bool setToNone)
    {
        _optimizer.ZeroGrad(setToNone);
        var loss = Losses.CrossEntropy(_model.Forward(_input), _targets);
        loss.Backward();
        _optimizer.Step();
    }
}
