using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.DiagnosticDocs;

/// <summary>
/// The help pages in docs/diagnostics are what a diagnostic's help link opens, so they are checked
/// like code: every rule has a page, the page's "Example" really triggers the rule, and its
/// "How to fix" code really clears it and compiles with the generated code.
/// </summary>
public sealed class DiagnosticDocsTests
{
    public static IEnumerable<object[]> RuleIds => Descriptors().Select(d => new object[] { d.Id });

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal);

    private static string DocsDirectory([CallerFilePath] string thisFile = "")
    {
        for (DirectoryInfo? directory = new FileInfo(thisFile).Directory; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutoDiffGen.sln")))
            {
                return Path.Combine(directory.FullName, "docs", "diagnostics");
            }
        }

        throw new InvalidOperationException($"No AutoDiffGen.sln above {thisFile}.");
    }

    private static string Page(string id)
    {
        string path = Path.Combine(DocsDirectory(), id + ".md");
        Assert.True(File.Exists(path), $"{id} has no help page at {path}.");
        return File.ReadAllText(path);
    }

    /// <summary>The first ```csharp block after the heading <paramref name="heading"/>, or null.</summary>
    private static string? CodeAfter(string page, string heading)
    {
        int at = page.IndexOf("\n## " + heading, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        Match block = Regex.Match(page.Substring(at), "```csharp\n(.*?)```", RegexOptions.Singleline);
        return block.Success ? block.Groups[1].Value : null;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_has_a_page_that_its_help_link_points_to(string id)
    {
        DiagnosticDescriptor descriptor = Descriptors().Single(d => d.Id == id);
        string page = Page(id);

        Assert.EndsWith("/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.StartsWith($"# {id}: {descriptor.Title}", page, StringComparison.Ordinal);
        foreach (string heading in new[] { "## What triggers it", "## How to fix", "## Code fix" })
        {
            Assert.Contains(heading, page);
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void The_example_triggers_the_rule_and_the_fix_clears_it(string id)
    {
        string page = Page(id);
        string? example = CodeAfter(page, "Example");
        string? fix = CodeAfter(page, "How to fix");
        if (id == DiagnosticDescriptors.InternalError.Id)
        {
            // An internal error is a bug, so no code is known to trigger it; the page says how to report one.
            Assert.Null(example);
            return;
        }

        Assert.True(example is not null, $"{id}.md has no ```csharp block under '## Example'.");
        Assert.True(fix is not null, $"{id}.md has no ```csharp block under '## How to fix'.");

        GeneratorRun triggered = GeneratorHarness.Run(example!);
        Assert.True(triggered.AnalyzerDiagnostics.Any(d => d.Id == id),
            $"The example in {id}.md does not trigger {id}. The analyzer reported:\n" + string.Join("\n", triggered.AnalyzerDiagnostics));

        GeneratorRun fixedRun = GeneratorHarness.Run(fix!);
        Assert.True(fixedRun.AnalyzerDiagnostics.All(d => d.Id != id),
            $"The fix in {id}.md still triggers {id}:\n" + string.Join("\n", fixedRun.AnalyzerDiagnostics));
        Assert.True(!fixedRun.CompilerErrors.Any(), fixedRun.DescribeFailure(fixedRun.CompilerDiagnostics));
        Assert.True(fixedRun.AnalyzerDiagnostics.All(d => d.Severity != DiagnosticSeverity.Error),
            $"The fix in {id}.md has other AutoDiffGen errors:\n" + string.Join("\n", fixedRun.AnalyzerDiagnostics));
    }
}
