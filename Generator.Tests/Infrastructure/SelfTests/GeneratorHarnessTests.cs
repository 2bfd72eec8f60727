using System;
using System.Collections.Immutable;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Infrastructure.SelfTests;

public sealed class GeneratorHarnessTests
{
    private static GeneratorRun RunWithStandIns(string source) =>
        GeneratorHarness.Run(
            new[] { ("User.cs", source) },
            generator: new GreetingGenerator(),
            analyzers: ImmutableArray.Create<DiagnosticAnalyzer>(new BadMethodAnalyzer()));

    [Fact]
    public void Generated_code_compiles_with_user_code_and_runs_when_loaded()
    {
        GeneratorRun run = RunWithStandIns(
            "public static class Caller { public static string Call() => Greeting.Hello(\"world\"); }");

        Assert.Equal(new[] { "Greeting.g.cs" }, run.GeneratedSources.Keys);
        Assert.Contains("class Greeting", run.GeneratedSource("Greeting.g.cs"));
        Assert.Empty(run.CompilerErrors);
        using CompiledAssembly compiled = run.EmitAndLoad();
        Assert.Equal("hello world", compiled.InvokeStatic("Caller", "Call"));
    }

    [Fact]
    public void Test_code_can_use_the_AutoDiffGen_runtime()
    {
        GeneratorRun run = RunWithStandIns(
            "using AutoDiffGen; public static class C { [Differentiable] public static double F([NoDerivative] double x) => System.Math.Sin(x); }");

        Assert.Empty(run.CompilerErrors);
        using CompiledAssembly compiled = run.EmitAndLoad();
        Assert.Equal(Math.Sin(0.5), (double)compiled.InvokeStatic("C", "F", 0.5)!);
    }

    [Fact]
    public void Analyzer_diagnostics_are_reported_with_their_location()
    {
        GeneratorRun run = RunWithStandIns("class C { void Good() {} void Bad() {} }");

        Diagnostic diagnostic = Assert.Single(run.AnalyzerDiagnostics);
        Assert.Equal("TEST001", diagnostic.Id);
        Assert.Equal("User.cs", diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal("class C { void Good() {} void ".Length, diagnostic.Location.SourceSpan.Start);
    }

    [Fact]
    public void EmitAndLoad_fails_with_the_errors_and_the_generated_source()
    {
        GeneratorRun run = RunWithStandIns("class C { int M() => Missing; }");

        Assert.Contains(run.CompilerErrors, e => e.Id == "CS0103");
        var failure = Assert.Throws<InvalidOperationException>(() => run.EmitAndLoad());
        Assert.Contains("CS0103", failure.Message);
        Assert.Contains("==== Greeting.g.cs ====", failure.Message);
        Assert.Contains("0001  public static class Greeting", failure.Message);
    }

    [Fact]
    public void A_generator_exception_fails_the_run_instead_of_being_hidden()
    {
        var failure = Assert.Throws<InvalidOperationException>(
            () => GeneratorHarness.Run(new[] { ("User.cs", "class C {}") }, generator: new ThrowingGenerator()));

        Assert.Contains("boom", failure.Message);
    }

    [Fact]
    public void References_cover_the_framework_and_the_runtime()
    {
        string[] names = GeneratorHarness.CreateCompilation(new[] { ("User.cs", "class C {}") })
            .References.Select(r => System.IO.Path.GetFileName(r.Display ?? string.Empty)).ToArray();

        Assert.Contains("System.Runtime.dll", names);
        Assert.Contains("AutoDiffGen.Runtime.dll", names);
    }
}
