using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Tests.Incremental;

/// <summary>
/// Walks an object graph through every instance field (so auto-property backing fields, arrays and
/// ImmutableArray's inner array are all seen) and reports each path that reaches a Roslyn object a
/// pipeline model must not hold: such objects are new in every compilation, so a model holding one
/// never compares equal and defeats caching (and keeps old compilations alive).
/// </summary>
public static class ForbiddenReferenceWalker
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree),
    };

    public static IReadOnlyList<string> Find(object? root, string rootName)
    {
        var found = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, rootName, found, visited);
        return found;
    }

    private static void Walk(object? value, string path, List<string> found, HashSet<object> visited)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string || value is decimal)
        {
            return;
        }

        foreach (Type forbidden in Forbidden)
        {
            if (forbidden.IsInstanceOfType(value))
            {
                found.Add($"{path} is a {forbidden.Name} ({type.Name})");
                return;
            }
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is Array array)
        {
            int index = 0;
            foreach (object? element in array)
            {
                Walk(element, $"{path}[{index++}]", found, visited);
            }

            return;
        }

        for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(value), path + "." + DisplayName(field), found, visited);
            }
        }
    }

    /// <summary>Shows "Name" rather than "&lt;Name&gt;k__BackingField" for auto-properties.</summary>
    private static string DisplayName(FieldInfo field) =>
        field.Name.StartsWith('<') && field.Name.Contains('>') ? field.Name.Substring(1, field.Name.IndexOf('>') - 1) : field.Name;
}
