using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>
/// Each row's mean time divided by the mean of the named benchmark of the same class in the same run, so a
/// second reference (beside BenchmarkDotNet's one Baseline) reads as a ratio without arithmetic by hand.
/// </summary>
public sealed class RatioToBenchmarkColumn(string referenceMethodName, string columnName) : IColumn
{
    public string Id => nameof(RatioToBenchmarkColumn) + "." + referenceMethodName;
    public string ColumnName => columnName;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Mean ÷ the mean of {referenceMethodName} in the same class and run";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkCase? reference = summary.BenchmarksCases.FirstOrDefault(other =>
            other.Descriptor.Type == benchmarkCase.Descriptor.Type
            && other.Descriptor.WorkloadMethod.Name == referenceMethodName
            && other.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo);
        double? mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        double? referenceMean = reference is null ? null : summary[reference]?.ResultStatistics?.Mean;
        if (mean is null || referenceMean is null or 0)
        {
            return "-";
        }

        return (mean.Value / referenceMean.Value).ToString("F2", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
