using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.Tests.Infrastructure.SelfTests;

/// <summary>A minimal generator, so the harness can be tested without AutoDiffGen's own generator.</summary>
internal sealed class GreetingGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterPostInitializationOutput(post => post.AddSource(
            "Greeting.g.cs",
            "public static class Greeting { public static string Hello(string name) => \"hello \" + name; }\n"));
}

/// <summary>A generator that always fails, to check the harness refuses to hide generator exceptions.</summary>
internal sealed class ThrowingGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterSourceOutput(context.CompilationProvider, (_, _) => throw new System.InvalidOperationException("boom"));
}

// The extension-packaging rules (RS1036/RS1038/RS1041/RS2008) are for shipped analyzers; this one only
// lives inside the test assembly and is handed to the harness directly.
#pragma warning disable RS1036, RS1038, RS1041, RS2008
/// <summary>Reports every method named <c>Bad</c>, so analyzer diagnostics and their locations can be checked.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class BadMethodAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new(
        "TEST001", "Bad method", "Method '{0}' is bad", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(
            node =>
            {
                var method = (MethodDeclarationSyntax)node.Node;
                if (method.Identifier.ValueText == "Bad")
                {
                    node.ReportDiagnostic(Diagnostic.Create(Rule, method.Identifier.GetLocation(), method.Identifier.ValueText));
                }
            },
            SyntaxKind.MethodDeclaration);
    }
}
#pragma warning restore RS1036, RS1038, RS1041, RS2008
