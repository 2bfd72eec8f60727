using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Runs the generator and the analyzers over many damaged sources at once (each its own file under
/// its own namespace) and lists every way they misbehaved: an exception, ADG0099, generated code
/// that does not compile, or a [Differentiable] method silently left without code and without any
/// error explaining why.
/// </summary>
public static class MalformedSourceChecker
{
    public static IReadOnlyList<string> Check(IReadOnlyList<string> sources)
    {
        var problems = new List<string>();
        (string Path, string Text)[] files = sources
            .Select((text, i) => ($"Mutant{i}.cs", text.Replace(RobustnessSources.NamespaceLine, $"namespace Demo{i}Z;", StringComparison.Ordinal)))
            .ToArray();
        GeneratorRun run;
        try
        {
            run = GeneratorHarness.Run(files, assemblyName: "Malformed");
        }
        catch (InvalidOperationException) when (sources.Count > 1)
        {
            // Something threw: find which sources make it throw, one at a time.
            return sources.SelectMany((s, i) => Check(new[] { s }).Select(p => $"[source {i}] {p}")).ToArray();
        }
        catch (InvalidOperationException e)
        {
            return new[] { $"{e.Message}\n---- source ----\n{sources[0]}" };
        }

        for (int i = 0; i < files.Length; i++)
        {
            string file = files[i].Path;
            string generatedPrefix = $"Demo{i}Z.";
            Diagnostic[] own = run.AnalyzerDiagnostics.Concat(run.GeneratorDiagnostics).Where(d => FileOf(d) == file).ToArray();
            string[] generated = run.GeneratedSources.Keys.Where(k => k.StartsWith(generatedPrefix, StringComparison.Ordinal)).ToArray();
            Diagnostic[] generatedErrors = run.CompilerErrors.Where(d => FileOf(d).StartsWith(generatedPrefix, StringComparison.Ordinal)).ToArray();
            bool anyError = own.Any(d => d.Severity == DiagnosticSeverity.Error) || run.CompilerErrors.Any(d => FileOf(d) == file);
            string where = $"\n---- source ----\n{sources[i]}";

            if (own.Any(d => d.Id == "ADG0099"))
            {
                problems.Add("Internal error diagnostic: " + string.Join("; ", own.Where(d => d.Id == "ADG0099")) + where);
            }

            if (generatedErrors.Length > 0)
            {
                problems.Add("Generated code does not compile:\n  " + string.Join("\n  ", generatedErrors) + where +
                    string.Concat(generated.Select(g => $"\n==== {g} ====\n{run.GeneratedSources[g]}")));
            }

            if (generated.Length == 0 && !anyError && MarksADifferentiableMethod(run, file))
            {
                problems.Add("A [Differentiable] method got no code and no error says why" + where);
            }
        }

        return problems;
    }

    private static string FileOf(Diagnostic d) => System.IO.Path.GetFileName(d.Location.SourceTree?.FilePath ?? string.Empty);

    private static bool MarksADifferentiableMethod(GeneratorRun run, string file) =>
        run.InputCompilation.SyntaxTrees
            .Where(t => System.IO.Path.GetFileName(t.FilePath) == file)
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>())
            .Any(a => a.Name.ToString() is "Differentiable" or "AutoDiffGen.Differentiable" or "DifferentiableAttribute");
}
