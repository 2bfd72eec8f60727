using System.Linq;
using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Snapshots;

/// <summary>Runs the generator over a source, checks everything compiles, and compares each generated file with its snapshot.</summary>
internal static class GeneratedCode
{
    public static void Verify(string source, string snapshotName, [CallerFilePath] string testFile = "")
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.True(!run.CompilerErrors.Any(), run.DescribeFailure(run.CompilerDiagnostics));
        Assert.Empty(run.AnalyzerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.NotEmpty(run.GeneratedSources);
        string all = string.Join("\n", run.GeneratedSources.Select(kv => "//// " + kv.Key + "\n" + kv.Value));
        SnapshotAssert.Match(all, snapshotName, testFile);
    }
}
