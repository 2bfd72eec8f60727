using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>
/// Compiles a whole set of cases in ONE generator run and one emit (fast), while keeping failures
/// per case: each case is its own syntax tree, so a compile error is attributed to the case whose
/// file (or generated file) it is in; those cases are set aside with their errors and the rest is
/// compiled again. A case that does not compile fails its own test with the errors and the code
/// the generator produced for it, and the other cases are still checked.
/// </summary>
public class CompiledCases : IDisposable
{
    private const int MaxAttempts = 4;
    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);
    private readonly CompiledAssembly? _assembly;
    private readonly string? _globalFailure;

    public CompiledCases(IEnumerable<NumericCase> cases)
        : this(cases, generator: null)
    {
    }

    /// <summary>With a stand-in generator, to test the checking machinery itself.</summary>
    internal CompiledCases(IEnumerable<NumericCase> cases, IIncrementalGenerator? generator)
    {
        List<NumericCase> remaining = cases.ToList();
        try
        {
            for (int attempt = 0; attempt < MaxAttempts && remaining.Count > 0; attempt++)
            {
                GeneratorRun run = GeneratorHarness.Run(
                    remaining.Select(c => (c.FileName, CaseSourceBuilder.Build(c))),
                    assemblyName: "NumericCases",
                    generator: generator,
                    // A stand-in generator's members would rightly look like name collisions to the real analyzer.
                    analyzers: generator is null ? null : ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>.Empty);
                var broken = FindBrokenCases(run, remaining);
                if (broken.Count == 0)
                {
                    _assembly = run.EmitAndLoad();
                    return;
                }

                foreach (KeyValuePair<NumericCase, List<Diagnostic>> failure in broken)
                {
                    _failures[failure.Key.Name] = Describe(run, failure.Key, failure.Value);
                }

                remaining = remaining.Where(c => !broken.ContainsKey(c)).ToList();
            }

            _globalFailure = remaining.Count == 0 ? null : "The cases still did not compile after setting the broken ones aside.";
        }
        catch (Exception e)
        {
            _globalFailure = "Compiling the numeric cases failed: " + e;
        }
    }

    /// <summary>The loaded assembly for a case, or a failure naming why this case could not be compiled.</summary>
    public CompiledAssembly AssemblyFor(NumericCase c)
    {
        if (_failures.TryGetValue(c.Name, out string? failure))
        {
            throw new InvalidOperationException(failure);
        }

        return _assembly ?? throw new InvalidOperationException(_globalFailure ?? "The numeric cases were not compiled.");
    }

    public void Dispose()
    {
        _assembly?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Dictionary<NumericCase, List<Diagnostic>> FindBrokenCases(GeneratorRun run, List<NumericCase> cases)
    {
        var broken = new Dictionary<NumericCase, List<Diagnostic>>();
        IEnumerable<Diagnostic> errors = run.CompilerErrors
            .Concat(run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            .Concat(run.AnalyzerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var unattributed = new List<Diagnostic>();
        foreach (Diagnostic error in errors)
        {
            NumericCase? owner = OwnerOf(error, cases);
            if (owner is null)
            {
                unattributed.Add(error);
                continue;
            }

            if (!broken.TryGetValue(owner, out List<Diagnostic>? list))
            {
                broken[owner] = list = new List<Diagnostic>();
            }

            list.Add(error);
        }

        if (unattributed.Count > 0)
        {
            throw new InvalidOperationException(
                "Errors outside any case's files:\n" + string.Join("\n", unattributed) + "\n\n" + run.DescribeFailure(run.CompilerDiagnostics));
        }

        return broken;
    }

    /// <summary>A case owns its own file and every generated file whose hint name mentions its class.</summary>
    private static NumericCase? OwnerOf(Diagnostic diagnostic, List<NumericCase> cases)
    {
        string path = diagnostic.Location.SourceTree?.FilePath ?? string.Empty;
        string file = System.IO.Path.GetFileName(path);
        return cases.FirstOrDefault(c => file == c.FileName)
            ?? cases.FirstOrDefault(c => file.Contains(c.ClassName + ".", StringComparison.Ordinal));
    }

    private static string Describe(GeneratorRun run, NumericCase c, List<Diagnostic> errors)
    {
        var text = new StringBuilder($"Case '{c.Name}' did not compile with the generated code.\nErrors:\n");
        foreach (Diagnostic error in errors)
        {
            text.Append("  ").Append(error).Append('\n');
        }

        foreach (Diagnostic other in run.AnalyzerDiagnostics.Concat(run.GeneratorDiagnostics)
                     .Where(d => OwnerIs(d, c) && d.Severity != DiagnosticSeverity.Error))
        {
            text.Append("  (also) ").Append(other).Append('\n');
        }

        text.Append("\n==== ").Append(c.FileName).Append(" ====\n").Append(CaseSourceBuilder.Build(c));
        foreach (KeyValuePair<string, string> generated in run.GeneratedSources.Where(g => g.Key.Contains(c.ClassName + ".", StringComparison.Ordinal)))
        {
            text.Append("\n==== ").Append(generated.Key).Append(" ====\n").Append(generated.Value);
        }

        return text.ToString();
    }

    private static bool OwnerIs(Diagnostic diagnostic, NumericCase c) =>
        System.IO.Path.GetFileName(diagnostic.Location.SourceTree?.FilePath ?? string.Empty) == c.FileName;
}
