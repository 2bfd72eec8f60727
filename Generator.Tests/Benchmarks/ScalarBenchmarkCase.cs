namespace AutoDiffGen.Generator.Tests.Benchmarks;

/// <summary>
/// One benchmarked function <c>TypeName.Name</c>: its first <paramref name="ActiveCount"/> parameters are
/// differentiated, the rest are data. The benchmark files follow one convention the test relies on:
/// <c>Name</c> (primal, [Differentiable]), <c>NameValueAndGradient</c> (generated), <c>NameHandGradient</c>
/// (same parameters, out gradients) and <c>NameGraph</c> (active parameters as tensors, data as doubles).
/// </summary>
public sealed record ScalarBenchmarkCase(string TypeName, string Name, int ActiveCount, double[][] Points)
{
    public override string ToString() => Name;
}
