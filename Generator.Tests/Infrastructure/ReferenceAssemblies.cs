using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using AutoDiffGen;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// The metadata references a test compilation sees: the running .NET's framework assemblies (from
/// the trusted platform assemblies list) plus AutoDiffGen.Runtime and whatever it references.
/// Built once per process because reading ~200 assemblies' metadata is the slow part of a test.
/// </summary>
public static class ReferenceAssemblies
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Cached = new(Build);

    public static ImmutableArray<MetadataReference> All => Cached.Value;

    private static ImmutableArray<MetadataReference> Build()
    {
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string
            ?? throw new InvalidOperationException("TRUSTED_PLATFORM_ASSEMBLIES is not set; cannot find the framework assemblies.");
        string[] trustedPaths = trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string path in trustedPaths)
        {
            if (string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            {
                paths.Add(path);
            }
        }

        Assembly runtime = typeof(DifferentiableAttribute).Assembly;
        paths.Add(runtime.Location);
        var byName = trustedPaths.ToLookup(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase);
        foreach (AssemblyName dependency in runtime.GetReferencedAssemblies())
        {
            foreach (string path in byName[dependency.Name ?? string.Empty])
            {
                paths.Add(path);
            }
        }

        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
