using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Runs the AutoDiffGen generator and analyzers over C# source strings, in memory, as the compiler
/// does in a build: one <see cref="CSharpCompilation"/> (a DLL referencing the framework and
/// AutoDiffGen.Runtime), one <see cref="CSharpGeneratorDriver"/> with step tracking on, and the
/// analyzers over the compilation that includes the generated code.
/// </summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    /// <summary>Compiles <paramref name="sources"/> (file names Source0.cs, Source1.cs…) and runs the generator and analyzers.</summary>
    public static GeneratorRun Run(params string[] sources) =>
        Run(sources.Select((text, i) => ($"Source{i}.cs", text)));

    /// <summary>
    /// Compiles the sources and runs a generator and analyzers over them: by default AutoDiffGen's own
    /// (<see cref="GeneratorLocator"/>); tests of the harness itself pass stand-ins.
    /// </summary>
    public static GeneratorRun Run(
        IEnumerable<(string Path, string Text)> sources,
        string assemblyName = "AutoDiffGenTests",
        IIncrementalGenerator? generator = null,
        ImmutableArray<DiagnosticAnalyzer>? analyzers = null)
    {
        CSharpCompilation compilation = CreateCompilation(sources, assemblyName);
        GeneratorDriver driver = CreateDriver(generator);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return new GeneratorRun(compilation, output, driver, generatorDiagnostics, RunAnalyzers(output, analyzers));
    }

    public static CSharpCompilation CreateCompilation(IEnumerable<(string Path, string Text)> sources, string assemblyName = "AutoDiffGenTests") =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            ReferenceAssemblies.All,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true));

    /// <summary>A driver with step tracking, so tests can inspect every named step's outputs and run reasons.</summary>
    public static GeneratorDriver CreateDriver(IIncrementalGenerator? generator = null) =>
        CSharpGeneratorDriver.Create(
            new[] { (generator ?? GeneratorLocator.CreateGenerator()).AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static ImmutableArray<Diagnostic> RunAnalyzers(Compilation compilation, ImmutableArray<DiagnosticAnalyzer>? analyzersToRun = null)
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = analyzersToRun ?? GeneratorLocator.CreateAnalyzers();
        if (analyzers.IsEmpty)
        {
            return ImmutableArray<Diagnostic>.Empty;
        }

        // Analyzer exceptions must fail the test rather than become AD0001 warnings nobody reads.
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {exception}"); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = compilation.WithAnalyzers(analyzers, options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (exceptions.Count > 0)
        {
            throw new InvalidOperationException("An AutoDiffGen analyzer threw:\n" + string.Join("\n", exceptions));
        }

        return diagnostics.Sort(DiagnosticOrder.Instance);
    }
}
