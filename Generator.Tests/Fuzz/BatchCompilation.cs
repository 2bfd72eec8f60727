using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzzer's fast path through the generator: no step tracking, no analyzers, and one bind of
/// the code (Emit's), where <see cref="GeneratorHarness.Run(string[])"/> binds twice and runs every
/// analyzer: over hundreds of programs that is most of the time. Analyzers run only for a program
/// that got no code, to see the diagnostic that explains it.
/// </summary>
public sealed class BatchCompilation
{
    private BatchCompilation(CompiledAssembly? assembly, ImmutableArray<Diagnostic> errors, IReadOnlyDictionary<string, string> generatedSources)
    {
        Assembly = assembly;
        Errors = errors;
        GeneratedSources = generatedSources;
    }

    /// <summary>The loaded assembly when everything compiled, else null (see <see cref="Errors"/>).</summary>
    public CompiledAssembly? Assembly { get; }

    public ImmutableArray<Diagnostic> Errors { get; }

    public IReadOnlyDictionary<string, string> GeneratedSources { get; }

    public static BatchCompilation Compile(IEnumerable<(string Path, string Text)> sources)
    {
        Compilation input = GeneratorHarness.CreateCompilation(sources, "FuzzBatch");
        GeneratorDriver driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            new[] { GeneratorLocator.CreateGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        var generated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (GeneratorRunResult result in driver.GetRunResult().Results)
        {
            if (result.Exception is not null)
            {
                throw new GeneratorThrewException(result.Exception);
            }

            foreach (GeneratedSourceResult source in result.GeneratedSources)
            {
                generated[source.HintName] = source.SourceText.ToString();
            }
        }

        using var image = new MemoryStream();
        EmitResult emit = output.Emit(image);
        return emit.Success
            ? new BatchCompilation(new CompiledAssembly(image.ToArray(), "FuzzBatch"), ImmutableArray<Diagnostic>.Empty, generated)
            : new BatchCompilation(null, emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray(), generated);
    }
}

/// <summary>The generator threw instead of reporting a diagnostic: always a bug.</summary>
public sealed class GeneratorThrewException(Exception inner) : Exception("The generator threw (it must never throw): " + inner, inner);
