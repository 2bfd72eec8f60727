using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>What one generator run produced: sources, every kind of diagnostic, and the compilation to emit.</summary>
public sealed class GeneratorRun
{
    internal GeneratorRun(
        CSharpCompilation input,
        Compilation output,
        GeneratorDriver driver,
        ImmutableArray<Diagnostic> generatorDiagnostics,
        ImmutableArray<Diagnostic> analyzerDiagnostics)
    {
        InputCompilation = input;
        OutputCompilation = output;
        Driver = driver;
        RunResult = driver.GetRunResult();
        GeneratorDiagnostics = generatorDiagnostics.Sort(DiagnosticOrder.Instance);
        AnalyzerDiagnostics = analyzerDiagnostics;
        CompilerDiagnostics = output.GetDiagnostics().Sort(DiagnosticOrder.Instance);

        var generated = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (GeneratorRunResult result in RunResult.Results)
        {
            if (result.Exception is not null)
            {
                throw new InvalidOperationException($"The generator threw (it must never throw): {result.Exception}");
            }

            foreach (GeneratedSourceResult source in result.GeneratedSources)
            {
                generated.Add(source.HintName, source.SourceText.ToString());
            }
        }

        GeneratedSources = generated;
    }

    public CSharpCompilation InputCompilation { get; }

    /// <summary>The input compilation plus the generated syntax trees.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>The driver after the run; run it again on an edited compilation to test caching.</summary>
    public GeneratorDriver Driver { get; }

    public GeneratorDriverRunResult RunResult { get; }

    /// <summary>Generated files by hint name (e.g. <c>N.C.M.g.cs</c>), in ordinal order.</summary>
    public IReadOnlyDictionary<string, string> GeneratedSources { get; }

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    public ImmutableArray<Diagnostic> AnalyzerDiagnostics { get; }

    /// <summary>The compiler's diagnostics for the output compilation (user code + generated code).</summary>
    public ImmutableArray<Diagnostic> CompilerDiagnostics { get; }

    public IEnumerable<Diagnostic> CompilerErrors => CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The one generated file whose hint name ends with <paramref name="hintNameSuffix"/>.</summary>
    public string GeneratedSource(string hintNameSuffix)
    {
        string[] matches = GeneratedSources.Keys.Where(k => k.EndsWith(hintNameSuffix, StringComparison.Ordinal)).ToArray();
        return matches.Length == 1
            ? GeneratedSources[matches[0]]
            : throw new InvalidOperationException(
                $"Expected one generated file ending with '{hintNameSuffix}', found {matches.Length}. Generated: " +
                (GeneratedSources.Count == 0 ? "(none)" : string.Join(", ", GeneratedSources.Keys)));
    }

    /// <summary>
    /// Emits the output compilation and loads it in a collectible context. Fails, listing the compiler
    /// errors and every generated file, when the code (user's or generated) does not compile.
    /// </summary>
    public CompiledAssembly EmitAndLoad()
    {
        using var image = new MemoryStream();
        EmitResult result = OutputCompilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException(DescribeFailure(result.Diagnostics));
        }

        return new CompiledAssembly(image.ToArray(), OutputCompilation.AssemblyName ?? "test");
    }

    /// <summary>Errors, then the generator and analyzer diagnostics, then every generated file with line numbers.</summary>
    public string DescribeFailure(IEnumerable<Diagnostic> compilerDiagnostics)
    {
        var text = new StringBuilder("The test compilation did not compile.\nCompiler errors:\n");
        foreach (Diagnostic error in compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).OrderBy(d => d, DiagnosticOrder.Instance))
        {
            text.Append("  ").Append(error).Append('\n');
        }

        AppendDiagnostics(text, "Generator diagnostics", GeneratorDiagnostics);
        AppendDiagnostics(text, "Analyzer diagnostics", AnalyzerDiagnostics);
        if (GeneratedSources.Count == 0)
        {
            text.Append("The generator produced no files.\n");
        }

        foreach (KeyValuePair<string, string> file in GeneratedSources)
        {
            text.Append("\n==== ").Append(file.Key).Append(" ====\n");
            string[] lines = SnapshotAssert.NormaliseLineEndings(file.Value).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                text.Append((i + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).Append("  ").Append(lines[i]).Append('\n');
            }
        }

        return text.ToString();
    }

    private static void AppendDiagnostics(StringBuilder text, string title, ImmutableArray<Diagnostic> diagnostics)
    {
        if (diagnostics.IsEmpty)
        {
            return;
        }

        text.Append(title).Append(":\n");
        foreach (Diagnostic diagnostic in diagnostics)
        {
            text.Append("  ").Append(diagnostic).Append('\n');
        }
    }
}
