using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>Orders diagnostics by file, position and ID so assertions and messages are deterministic.</summary>
public sealed class DiagnosticOrder : IComparer<Diagnostic>
{
    public static readonly DiagnosticOrder Instance = new();

    public int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int byFile = string.CompareOrdinal(x.Location.SourceTree?.FilePath, y.Location.SourceTree?.FilePath);
        if (byFile != 0) return byFile;
        int byStart = x.Location.SourceSpan.Start.CompareTo(y.Location.SourceSpan.Start);
        return byStart != 0 ? byStart : string.CompareOrdinal(x.Id, y.Id);
    }
}
