using System;
using System.Collections.Generic;
using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Formats a line diff in the unified format (<c>---/+++</c> headers, <c>@@</c> hunks, three lines of
/// context), because that is what a reviewer reads fastest in a failing test's output.
/// DiffPlex 1.4.4 computes the diff but has no unified formatter, so the formatting is done here.
/// </summary>
public static class UnifiedDiff
{
    private const int ContextLines = 3;

    public static string Format(string expected, string actual, string expectedLabel, string actualLabel)
    {
        // DiffPlex sees the empty text after a final newline as one more line; drop it so counts match diff -u.
        DiffResult diff = new Differ().CreateLineDiffs(WithoutFinalNewline(expected), WithoutFinalNewline(actual), ignoreWhitespace: false, ignoreCase: false);
        var output = new StringBuilder();
        output.Append("--- ").Append(expectedLabel).Append('\n');
        output.Append("+++ ").Append(actualLabel).Append('\n');
        if (expected.EndsWith("\n", StringComparison.Ordinal) != actual.EndsWith("\n", StringComparison.Ordinal))
        {
            output.Append("(only one of the texts ends with a newline)\n");
        }

        foreach (List<DiffBlock> hunk in GroupIntoHunks(diff.DiffBlocks))
        {
            AppendHunk(output, hunk, diff.PiecesOld, diff.PiecesNew);
        }

        return output.ToString();
    }

    private static string WithoutFinalNewline(string text) =>
        text.EndsWith("\n", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;

    /// <summary>Blocks whose context windows touch are printed as one hunk, as diff -u does.</summary>
    private static IEnumerable<List<DiffBlock>> GroupIntoHunks(IList<DiffBlock> blocks)
    {
        var current = new List<DiffBlock>();
        foreach (DiffBlock block in blocks)
        {
            if (current.Count > 0)
            {
                DiffBlock previous = current[current.Count - 1];
                int gap = block.DeleteStartA - (previous.DeleteStartA + previous.DeleteCountA);
                if (gap > 2 * ContextLines)
                {
                    yield return current;
                    current = new List<DiffBlock>();
                }
            }

            current.Add(block);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    private static void AppendHunk(StringBuilder output, List<DiffBlock> hunk, IList<string> oldLines, IList<string> newLines)
    {
        DiffBlock first = hunk[0];
        DiffBlock last = hunk[hunk.Count - 1];
        int oldStart = Math.Max(0, first.DeleteStartA - ContextLines);
        int newStart = Math.Max(0, first.InsertStartB - ContextLines);
        int oldEnd = Math.Min(oldLines.Count, last.DeleteStartA + last.DeleteCountA + ContextLines);
        int newEnd = Math.Min(newLines.Count, last.InsertStartB + last.InsertCountB + ContextLines);

        output.Append("@@ -").Append(oldStart + 1).Append(',').Append(oldEnd - oldStart)
              .Append(" +").Append(newStart + 1).Append(',').Append(newEnd - newStart).Append(" @@\n");

        int oldIndex = oldStart;
        foreach (DiffBlock block in hunk)
        {
            for (; oldIndex < block.DeleteStartA; oldIndex++)
            {
                output.Append(' ').Append(oldLines[oldIndex]).Append('\n');
            }

            for (int i = 0; i < block.DeleteCountA; i++)
            {
                output.Append('-').Append(oldLines[block.DeleteStartA + i]).Append('\n');
            }

            for (int i = 0; i < block.InsertCountB; i++)
            {
                output.Append('+').Append(newLines[block.InsertStartB + i]).Append('\n');
            }

            oldIndex = block.DeleteStartA + block.DeleteCountA;
        }

        for (; oldIndex < oldEnd; oldIndex++)
        {
            output.Append(' ').Append(oldLines[oldIndex]).Append('\n');
        }
    }
}
