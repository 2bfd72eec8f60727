using System;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>A test source where <c>[|…|]</c> marks the span a diagnostic must have; the markers are removed.</summary>
internal sealed record MarkedSource(string Text, TextSpan Span)
{
    public static MarkedSource Parse(string marked)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new ArgumentException("The source has no [|…|] span marker.");
        }

        string text = marked.Remove(end, 2).Remove(start, 2);
        return new MarkedSource(text, TextSpan.FromBounds(start, end - 2));
    }
}
