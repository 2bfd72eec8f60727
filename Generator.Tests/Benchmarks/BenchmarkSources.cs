using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Benchmarks;

/// <summary>
/// The benchmark project's sources (benchmarks/AutoDiffGen.Benchmarks), read from the repository and compiled with the
/// generator by the tests that check the benchmarks compare like with like.
/// </summary>
internal static class BenchmarkSources
{
    /// <summary>The full path of <paramref name="file"/> in the benchmark project's <paramref name="folder"/>.</summary>
    public static string PathOf(string folder, string file, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "benchmarks", "AutoDiffGen.Benchmarks", folder, file));

    /// <summary>
    /// The benchmark's <paramref name="file"/> and a test driver compiled with the generator, loaded; fails the test when the
    /// generator, the analyzer or the compiler reports a warning or an error, naming <paramref name="benchmark"/>.
    /// </summary>
    public static CompiledAssembly CompileWithDriver(string folder, string file, string driverFile, string driver, string assemblyName, string benchmark)
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { (file, File.ReadAllText(PathOf(folder, file))), (driverFile, driver) }, assemblyName);
        Diagnostic[] problems = run.GeneratorDiagnostics.Concat(run.AnalyzerDiagnostics).Concat(run.CompilerErrors)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, $"The {benchmark} benchmark draws diagnostics:\n" + string.Join("\n", problems.Select(p => p.ToString())));
        return run.EmitAndLoad();
    }
}
