using System.IO;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
namespace AutoDiffGen.Generator.Tests;
public sealed class TmpDump
{
    [Fact]
    public void Dump()
    {
        string src = File.ReadAllText("/tmp/dump/input.cs");
        GeneratorRun run = GeneratorHarness.Run(src);
        foreach (var (name, text) in run.GeneratedSources) File.WriteAllText("/tmp/dump/" + name, text);
        File.WriteAllText("/tmp/dump/diagnostics.txt", string.Join("\n", run.AnalyzerDiagnostics) + "\n---\n" + string.Join("\n", run.CompilerErrors));
    }
}
