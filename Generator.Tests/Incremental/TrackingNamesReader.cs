using System;
using System.Linq;
using System.Reflection;

namespace AutoDiffGen.Generator.Tests.Incremental;

/// <summary>Every step name the generator declares in <see cref="TrackingNames"/> (by reflection, so a new step is checked without editing the tests).</summary>
public static class TrackingNamesReader
{
    public static string[] Read()
    {
        Type type = typeof(TrackingNames);
        string[] names = type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        return names.Length > 0 ? names : throw new InvalidOperationException($"{type.FullName} declares no step names.");
    }
}
