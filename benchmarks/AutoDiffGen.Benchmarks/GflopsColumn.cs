using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AutoDiffGen.Benchmarks;

/// <summary>Throughput of an n×n×n matrix multiply (2n³ flops) from the benchmark's mean time and its Size parameter.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);
    public string ColumnName => "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Billions of floating-point operations per second, 2·Size³ / Mean";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        object? size = benchmarkCase.Parameters["Size"];
        if (report?.ResultStatistics is null || size is not int n)
        {
            return "-";
        }
        double seconds = report.ResultStatistics.Mean / 1e9;
        return (2.0 * n * n * n / seconds / 1e9).ToString("F1", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
