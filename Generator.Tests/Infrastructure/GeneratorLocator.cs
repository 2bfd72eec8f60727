using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Creates AutoDiffGen's generator and finds every analyzer in its assembly by reflection, so a new
/// analyzer is run by every test without editing the harness.
/// </summary>
public static class GeneratorLocator
{
    public static Assembly GeneratorAssembly => typeof(DifferentiableGenerator).Assembly;

    public static IIncrementalGenerator CreateGenerator() => new DifferentiableGenerator();

    /// <summary>Every concrete [DiagnosticAnalyzer] of the generator assembly, in a stable order.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers() =>
        GeneratorAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                        && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}
