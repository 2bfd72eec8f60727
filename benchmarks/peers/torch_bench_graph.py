#!/usr/bin/env python3
"""PyTorch's figures for the dynamic-graph workloads of issue 5, to set beside AutoDiffGen's
GraphOverheadBenchmarks and TrainingStepBenchmarks (the same workloads, op for op).

Run with Debian's python3-torch (with libopenblas0-pthread installed so PyTorch uses OpenBLAS):
    /usr/bin/python3 benchmarks/peers/torch_bench_graph.py            # one thread
    /usr/bin/python3 benchmarks/peers/torch_bench_graph.py --quick    # fewer repetitions

1. Graph overhead: ten elementwise ops on 4-element float32 tensors, summed, then backward.
2. Training step: MLP 784-256-10, batch 64, ReLU, cross-entropy, SGD(lr=0.01):
   zero_grad(set_to_none=False) + forward + backward + step.
Each figure is the best mean over several timed loops (noise on a shared machine only ever adds time);
the CPU time of the process over the same loops is printed too, since on a loaded machine it is the steadier figure.
"""
import argparse
import os
import time

# torch.set_num_threads does not reach OpenBLAS's own thread pool; pin it before torch loads it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import torch  # noqa: E402  (after the environment is set)


def best_times(fn, repetitions, trials):
    """(best wall seconds per call, best process-CPU seconds per call) over `trials` loops of `repetitions` calls."""
    for _ in range(max(1, repetitions // 4)):
        fn()  # warm-up: allocator caches, dispatch
    best_wall = best_cpu = float("inf")
    for _ in range(trials):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for _ in range(repetitions):
            fn()
        best_wall = min(best_wall, (time.perf_counter() - wall0) / repetitions)
        best_cpu = min(best_cpu, (time.process_time() - cpu0) / repetitions)
    return best_wall, best_cpu


def graph_overhead():
    x = torch.tensor([0.1, -0.2, 0.3, 0.4], requires_grad=True)
    w = torch.tensor([0.5, 0.6, -0.7, 0.8], requires_grad=True)
    b = torch.tensor([0.01, 0.02, 0.03, 0.04])

    def chain():
        y = x * w
        y = y + b
        y = torch.tanh(y)
        y = y * x
        y = torch.sigmoid(y)
        y = y - b
        y = torch.exp(y)
        y = y * w
        y = torch.tanh(y)
        y = y + x
        y.sum().backward()

    return chain


def training_step():
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    inputs = torch.randn(64, 784)
    targets = torch.arange(64) % 10

    def step():
        optimizer.zero_grad(set_to_none=False)
        loss = torch.nn.functional.cross_entropy(model(inputs), targets)
        loss.backward()
        optimizer.step()

    return step


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 trials instead of 7")
    args = parser.parse_args()
    trials = 3 if args.quick else 7
    torch.set_num_threads(1)
    print(f"== PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s)")
    print(f"{'workload':>28} {'wall us':>10} {'cpu us':>10}")
    for name, fn, repetitions in (
        ("10-op graph fwd+bwd", graph_overhead(), 2000),
        ("MLP 784-256-10 SGD step", training_step(), 200),
    ):
        wall, cpu = best_times(fn, repetitions, trials)
        print(f"{name:>28} {wall * 1e6:>10.1f} {cpu * 1e6:>10.1f}")


if __name__ == "__main__":
    main()
