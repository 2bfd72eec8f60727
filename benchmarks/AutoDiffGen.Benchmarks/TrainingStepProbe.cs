using System;
using System.Diagnostics;
using AutoDiffGen.Kernels;
using AutoDiffGen.NN;
using AutoDiffGen.Optim;

namespace AutoDiffGen.Benchmarks;

/// <summary>
/// Where the time of one MLP 784-256-10 SGD step (batch 64, the TrainingStepBenchmarks workload) goes: the whole
/// step, then each phase (zero_grad, forward, backward, step) and the forward's ops one by one, best of several
/// timed loops, one thread and all cores. Seconds to run, for iterating; BenchmarkDotNet gives the figure to quote.
/// </summary>
internal static class TrainingStepProbe
{
    private const int Batch = 64;

    public static void Run()
    {
        foreach (int threads in new[] { 1, -1 })
        {
            KernelThreads.MaxDegreeOfParallelism = threads;
            try
            {
                Console.WriteLine($"== MLP step pieces, {(threads == 1 ? "1 thread" : "all cores")} (µs, best of 40)");
                MeasurePieces();
            }
            finally
            {
                KernelThreads.MaxDegreeOfParallelism = -1;
            }
        }
    }

    private static void MeasurePieces()
    {
        var rng = new Random(1);
        var first = new Linear(784, 256, rng: rng);
        var second = new Linear(256, 10, rng: rng);
        var model = new Sequential(first, new ReLU(), second);
        var optimizer = new SGD(model.Parameters(), lr: 0.01);
        var input = Tensor.Randn([Batch, 784], rng);
        var targets = new int[Batch];
        for (int i = 0; i < Batch; i++)
        {
            targets[i] = i % 10;
        }

        void Step()
        {
            optimizer.ZeroGrad(setToNone: false);
            Losses.CrossEntropy(model.Forward(input), targets).Backward();
            optimizer.Step();
        }

        Row("whole step", Step);
        CompareGemmRefinements(Step);
        Row("zero_grad", () => optimizer.ZeroGrad(setToNone: false));
        Row("forward + loss", () => Losses.CrossEntropy(model.Forward(input), targets));
        Row("forward + loss + backward", () => Losses.CrossEntropy(model.Forward(input), targets).Backward());
        Row("optimizer step", optimizer.Step);

        Tensor h = first.Forward(input), r = h.Relu(), logits = second.Forward(r), logProbabilities = logits.LogSoftmax(1);
        Row("  x·W1ᵀ", () => input.MatMul(first.Weight.T));
        Row("  + b1", () => h.Add(first.Bias!));
        Row("  relu", () => h.Relu());
        Row("  linear 2", () => second.Forward(r));
        Row("  log_softmax", () => logits.LogSoftmax(1));
        Row("  nll_loss", () => Losses.NllLoss(logProbabilities, targets));

        using (Autograd.NoGrad())
        {
            Tensor x = input, w1 = first.Weight.Detach(), gradH = Tensor.Randn([Batch, 256], rng);
            Row("  dW1 = gᵀ·x (no graph)", () => gradH.T.MatMul(x));
            Row("  w1.grad += dW1 (in place)", () => first.Weight.Grad!.Add_(w1));
            Row("  w1 -= lr·dW1 (in place)", () => w1.Add_(first.Weight.Grad!, -0.01));
        }
    }

    /// <summary>
    /// The whole step with the GEMM refinements of <see cref="GemmTuning"/> off and on, trial by trial in turn, so the
    /// machine's drift hits both alike.
    /// </summary>
    private static void CompareGemmRefinements(Action step)
    {
        double off = double.MaxValue, on = double.MaxValue;
        for (int trial = 0; trial < 40; trial++)
        {
            foreach (bool enabled in new[] { false, true })
            {
                GemmTuning.ExactRaggedRows = enabled;
                GemmTuning.UnpackedB = enabled;
                step();
                long start = Stopwatch.GetTimestamp();
                for (int r = 0; r < 10; r++)
                {
                    step();
                }
                double micro = Stopwatch.GetElapsedTime(start).TotalMicroseconds / 10;
                if (enabled)
                {
                    on = Math.Min(on, micro);
                }
                else
                {
                    off = Math.Min(off, micro);
                }
            }
        }
        GemmTuning.ExactRaggedRows = true;
        GemmTuning.UnpackedB = true;
        Console.WriteLine($"{"  GEMM refinements off / on",-30} {off,10:F1} {on,10:F1}  (interleaved)");
    }

    private static void Row(string name, Action action)
    {
        for (int i = 0; i < 50; i++)
        {
            action();
        }
        double best = double.MaxValue;
        const int repetitions = 20;
        for (int trial = 0; trial < 40; trial++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int r = 0; r < repetitions; r++)
            {
                action();
            }
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / repetitions);
        }
        Console.WriteLine($"{name,-30} {best,10:F1}");
    }
}
