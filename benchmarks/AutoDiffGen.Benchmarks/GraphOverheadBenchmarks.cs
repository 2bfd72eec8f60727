using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks;

/// <summary>
/// The cost of the dynamic graph itself: ten elementwise ops on 4-element float32 tensors (so the arithmetic is
/// negligible), summed, then backward — the same chain as benchmarks/peers/torch_bench_graph.py. Per-op overhead
/// (forward + backward) is about Mean / 11 (ten ops and the sum). Gradients accumulate into x.Grad and w.Grad in
/// place from the second iteration on, as they would over training steps; the allocation column shows what one
/// forward + backward costs the GC (the results, nodes and gradients: no buffers grow from step to step).
/// </summary>
[MemoryDiagnoser]
public class GraphOverheadBenchmarks
{
    private readonly Tensor _x = Tensor.FromArray(new[] { 0.1f, -0.2f, 0.3f, 0.4f }).RequiresGrad_();
    private readonly Tensor _w = Tensor.FromArray(new[] { 0.5f, 0.6f, -0.7f, 0.8f }).RequiresGrad_();
    private readonly Tensor _b = Tensor.FromArray(new[] { 0.01f, 0.02f, 0.03f, 0.04f });

    [Benchmark(Description = "10 ops forward only (graph recorded)")]
    public Tensor Forward() => Chain();

    [Benchmark(Baseline = true, Description = "10 ops forward + backward")]
    public void ForwardBackward() => Chain().Sum().Backward();

    private Tensor Chain()
    {
        var y = _x * _w;
        y = y + _b;
        y = y.Tanh();
        y = y * _x;
        y = y.Sigmoid();
        y = y - _b;
        y = y.Exp();
        y = y * _w;
        y = y.Tanh();
        return y + _x;
    }
}
