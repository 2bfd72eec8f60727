#!/usr/bin/env python3
"""PyTorch's figures for the kernel workloads of issue 5, to set beside AutoDiffGen's.

Run with Debian's python3-torch (with libopenblas0-pthread installed so PyTorch uses OpenBLAS):
    /usr/bin/python3 benchmarks/peers/torch_bench.py            # one thread, the default count, all cores
    /usr/bin/python3 benchmarks/peers/torch_bench.py --quick    # fewer repetitions

Prints matmul GFLOP/s at 64/256/1024 (float32) and the time of add/exp/tanh/sigmoid/log over 1M floats.
Each figure is the best of several timed repetitions (the same rule as the C# probe), so that noise from
other processes on a shared machine inflates it as little as possible.
"""
import argparse
import os
import time

import torch


def best_seconds(fn, repetitions, trials):
    """Best mean time per call over `trials` timed loops of `repetitions` calls."""
    fn()  # warm-up: first-call allocation and dispatch caches
    best = float("inf")
    for _ in range(trials):
        start = time.perf_counter()
        for _ in range(repetitions):
            fn()
        best = min(best, (time.perf_counter() - start) / repetitions)
    return best


def matmul_figures(trials):
    rows = []
    for size in (64, 256, 1024):
        a = torch.rand(size, size, dtype=torch.float32)
        b = torch.rand(size, size, dtype=torch.float32)
        out = torch.empty(size, size, dtype=torch.float32)
        flops = 2.0 * size ** 3
        repetitions = max(1, int(2e9 / flops))
        seconds = best_seconds(lambda: torch.mm(a, b, out=out), repetitions, trials)
        rows.append((size, flops / seconds / 1e9, seconds))
    return rows


def elementwise_figures(trials):
    n = 1 << 20
    x = torch.rand(n, dtype=torch.float32) + 0.5  # positive, so log is defined
    y = torch.rand(n, dtype=torch.float32)
    out = torch.empty(n, dtype=torch.float32)
    ops = {
        "add": lambda: torch.add(x, y, out=out),
        "exp": lambda: torch.exp(x, out=out),
        "tanh": lambda: torch.tanh(x, out=out),
        "sigmoid": lambda: torch.sigmoid(x, out=out),
        "log": lambda: torch.log(x, out=out),
    }
    return [(name, best_seconds(fn, 50, trials)) for name, fn in ops.items()]


def report(threads, trials):
    torch.set_num_threads(threads)
    print(f"== PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s)")
    print(f"{'matmul':>10} {'GFLOP/s':>10} {'ms':>10}")
    for size, gflops, seconds in matmul_figures(trials):
        print(f"{size:>10} {gflops:>10.1f} {seconds * 1e3:>10.3f}")
    print(f"{'1M floats':>10} {'ms':>10}")
    for name, seconds in elementwise_figures(trials):
        print(f"{name:>10} {seconds * 1e3:>10.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 trials instead of 7")
    args = parser.parse_args()
    trials = 3 if args.quick else 7
    # One thread (the figure the targets quote), PyTorch's default, and every core: on this machine
    # PyTorch defaults to one thread, so the all-cores run is what compares with Gemm's parallel path.
    for threads in sorted({1, torch.get_num_threads(), os.cpu_count() or 1}):
        report(threads, trials)


if __name__ == "__main__":
    main()
