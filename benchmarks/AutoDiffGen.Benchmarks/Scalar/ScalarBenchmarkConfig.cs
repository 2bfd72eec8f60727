using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>
/// What every scalar-function suite reports: the Ratio column against the primal (the baseline), a
/// "÷ hand-written" column against the hand-written analytic gradient, and allocated bytes (the fused
/// gradient must allocate nothing).
/// </summary>
public sealed class ScalarBenchmarkConfig : ManualConfig
{
    public ScalarBenchmarkConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new RatioToBenchmarkColumn(ScalarBenchmarkNames.HandWritten, "÷ hand-written"));
    }
}

/// <summary>The method names the suites share, so the ratio column can find its reference row.</summary>
public static class ScalarBenchmarkNames
{
    public const string HandWritten = "HandWritten";
}
