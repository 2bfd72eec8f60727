using System;
using System.Linq;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.Incremental;

/// <summary>The step names the generator declares in its TrackingNames class (read by reflection so the test follows the generator).</summary>
public static class TrackingNamesReader
{
    public static string[] Read()
    {
        Type type = GeneratorLocator.GeneratorAssembly.GetTypes().SingleOrDefault(t => t.Name == "TrackingNames")
            ?? throw new InvalidOperationException("The generator assembly has no TrackingNames class naming its pipeline steps.");
        string[] names = type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        return names.Length > 0 ? names : throw new InvalidOperationException($"{type.FullName} declares no step names.");
    }
}
