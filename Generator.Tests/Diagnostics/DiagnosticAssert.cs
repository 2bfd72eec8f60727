using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

internal static class DiagnosticAssert
{
    /// <summary>
    /// Runs generator and analyzer over <paramref name="marked"/> and asserts that the analyzer reports exactly
    /// one AutoDiffGen diagnostic, with <paramref name="id"/>, on the marked span; returns it for message checks.
    /// </summary>
    public static Diagnostic Single(string marked, string id)
    {
        MarkedSource source = MarkedSource.Parse(marked);
        GeneratorRun run = GeneratorHarness.Run(source.Text);
        Diagnostic[] ours = run.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("ADG")).ToArray();
        Diagnostic diagnostic = Assert.Single(ours);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(source.Text.Substring(source.Span.Start, source.Span.Length), diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Empty(run.GeneratorDiagnostics);
        return diagnostic;
    }
}
