using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Tests.Benchmarks;

/// <summary>
/// The scalar benchmark suite's function files (benchmarks/AutoDiffGen.Benchmarks/Scalar/Functions), read from the
/// repository and compiled with the generator, so the tests check the very code the benchmarks time.
/// </summary>
public sealed class ScalarBenchmarkFunctions : IDisposable
{
    public ScalarBenchmarkFunctions()
    {
        string directory = FunctionsDirectory();
        string[] files = Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new InvalidOperationException($"No benchmark function files in '{directory}'.");
        }

        GeneratorRun run = GeneratorHarness.Run(files.Select(f => (Path.GetFileName(f), File.ReadAllText(f))), "ScalarBenchmarkFunctions");
        Diagnostic[] problems = run.GeneratorDiagnostics.Concat(run.AnalyzerDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        if (problems.Length > 0)
        {
            throw new InvalidOperationException("The benchmark functions draw diagnostics:\n" + string.Join("\n", problems.Select(p => p.ToString())));
        }

        Assembly = run.EmitAndLoad();
    }

    public CompiledAssembly Assembly { get; }

    public void Dispose() => Assembly.Dispose();

    private static string FunctionsDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "benchmarks", "AutoDiffGen.Benchmarks", "Scalar", "Functions"));
}
