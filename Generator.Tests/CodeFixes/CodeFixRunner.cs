using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.Generator.Tests.CodeFixes;

/// <summary>
/// Applies a code fix as the IDE does, without Microsoft.CodeAnalysis.Testing: an AdhocWorkspace with
/// one C# document, a diagnostic built by the test at a marked span, the provider's registered
/// actions, and the changed document's text after the action's operations (formatting included).
/// Sources mark the diagnostic's span with <c>[|</c> and <c>|]</c>.
/// </summary>
public static class CodeFixRunner
{
    public static IReadOnlyList<CodeAction> Actions(CodeFixProvider provider, DiagnosticDescriptor descriptor, string markedSource) =>
        Register(provider, Prepare(descriptor, markedSource)).Actions;

    /// <summary>The actions offered for <paramref name="reported"/>, a diagnostic the analyzer reported on <paramref name="source"/> (its properties and additional locations kept).</summary>
    public static IReadOnlyList<CodeAction> Actions(CodeFixProvider provider, Diagnostic reported, string source) =>
        Register(provider, Prepare(reported, source)).Actions;

    /// <summary>Applies the single action the provider offers and returns the fixed source text.</summary>
    public static string Apply(CodeFixProvider provider, DiagnosticDescriptor descriptor, string markedSource) =>
        ApplySingle(Register(provider, Prepare(descriptor, markedSource)));

    /// <summary>Applies the single action the provider offers for <paramref name="reported"/>, an analyzer's diagnostic on <paramref name="source"/>.</summary>
    public static string Apply(CodeFixProvider provider, Diagnostic reported, string source) =>
        ApplySingle(Register(provider, Prepare(reported, source)));

    private static (Document Document, List<CodeAction> Actions) Register(CodeFixProvider provider, (Document Document, Diagnostic Diagnostic) prepared)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(prepared.Document, prepared.Diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        provider.RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
        return (prepared.Document, actions);
    }

    private static string ApplySingle((Document Document, List<CodeAction> Actions) registered)
    {
        (Document document, List<CodeAction> actions) = registered;
        CodeAction action = actions.Count == 1
            ? actions[0]
            : throw new InvalidOperationException($"Expected one code action, got {actions.Count}: {string.Join(", ", actions.Select(a => a.Title))}");

        ImmutableArray<CodeActionOperation> operations = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Document fixedDocument = changed.GetDocument(document.Id)!;
        return SnapshotAssert.NormaliseLineEndings(fixedDocument.GetTextAsync().GetAwaiter().GetResult().ToString());
    }

    /// <summary>Compiler errors of a fixed source, to check a fix produces code that compiles (scaffold bodies included).</summary>
    public static IEnumerable<Diagnostic> CompileErrors(string source) =>
        GeneratorHarness.CreateCompilation(new[] { ("Fixed.cs", source) }).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

    private static (Document, Diagnostic) Prepare(DiagnosticDescriptor descriptor, string markedSource)
    {
        int start = markedSource.IndexOf("[|", StringComparison.Ordinal);
        int end = markedSource.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new ArgumentException("The source must mark the diagnostic span with [| and |].", nameof(markedSource));
        }

        string source = markedSource.Remove(end, 2).Remove(start, 2);
        Document document = DocumentOf(source);
        SyntaxTree tree = document.GetSyntaxTreeAsync().GetAwaiter().GetResult()!;
        var diagnostic = Diagnostic.Create(descriptor, Location.Create(tree, TextSpan.FromBounds(start, end - 2)), "arg0", "arg1", "arg2");
        return (document, diagnostic);
    }

    // The analyzer's diagnostic moved onto the workspace's tree of the same text: same spans, properties and message.
    private static (Document, Diagnostic) Prepare(Diagnostic reported, string source)
    {
        Document document = DocumentOf(source);
        SyntaxTree tree = document.GetSyntaxTreeAsync().GetAwaiter().GetResult()!;
        var diagnostic = Diagnostic.Create(reported.Descriptor, Location.Create(tree, reported.Location.SourceSpan),
            reported.AdditionalLocations.Select(l => Location.Create(tree, l.SourceSpan)), reported.Properties, reported.GetMessage());
        return (document, diagnostic);
    }

    private static Document DocumentOf(string source)
    {
        var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "Test", "Test", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: GeneratorHarness.ParseOptions,
                metadataReferences: ReferenceAssemblies.All));
        DocumentId documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Test.cs", SourceText.From(source), filePath: "/Test.cs");
        return solution.GetDocument(documentId)!;
    }
}
