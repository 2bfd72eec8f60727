using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Finds the generator and the analyzers in the AutoDiffGen.Generator assembly by reflection, so the
/// harness does not depend on internal type names other than the generator's public contract name.
/// </summary>
public static class GeneratorLocator
{
    public const string GeneratorTypeName = "AutoDiffGen.Generator.DifferentiableGenerator";

    /// <summary>The AutoDiffGen.Generator assembly (the descriptors class is the one type the scaffold guarantees).</summary>
    public static Assembly GeneratorAssembly => typeof(AutoDiffGen.Generator.Diagnostics.DiagnosticDescriptors).Assembly;

    public static IIncrementalGenerator CreateGenerator()
    {
        Type type = GeneratorAssembly.GetType(GeneratorTypeName)
            ?? throw new InvalidOperationException(
                $"The generator type '{GeneratorTypeName}' does not exist in {GeneratorAssembly.GetName().Name}.");
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }

    /// <summary>Every concrete [DiagnosticAnalyzer] of the generator assembly, in a stable order.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers() =>
        GeneratorAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                        && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}
