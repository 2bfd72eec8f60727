using System.IO;
using System.Linq;
using AutoDiffGen.Generator.Tests.Diagnostics;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// Callees declared with <c>T[]</c> or <c>Span&lt;T&gt;</c> parameters: the generated entries take a collection the method
/// only reads as <c>ReadOnlySpan&lt;T&gt;</c>, so callers may pass arrays, spans and local arrays; a callee whose overloads
/// would look alike is refused at the call (one that writes the parameter is inlined: WriterCalleeTests). (The gradients:
/// LoopCases "CalleesTakingArraysAndSpans" and "WrittenArrayParameter".)
/// </summary>
public sealed class CollectionCalleeTests
{
    private const string Usings = "using AutoDiffGen;\nusing System;\n";

    [Fact]
    public void Entries_take_read_collections_as_ReadOnlySpan_and_written_ones_as_Span()
    {
        GeneratorRun run = GeneratorHarness.Run(Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static double F(double[] read, Span<double> written, double[] alsoWritten)
                {
                    written[0] = read[0] * read[1];
                    alsoWritten[1] += written[0];
                    return written[0] + alsoWritten[1];
                }
            }

            public static class Caller
            {
                // Arrays and spans both convert to the entries' parameter types.
                public static double Use(double[] a, Span<double> s, double[] g1, Span<double> g2, double[] g3) =>
                    Functions.FValueAndGradient(a, s, a, g1, g2, g3) + Functions.FValueAndGradient(s, s, a, g1, g2, g3);
            }
            """);
        Assert.Empty(run.CompilerErrors);
        string generated = run.GeneratedSources["Functions.F.g.cs"];
        Assert.Contains("FValueAndGradient(global::System.ReadOnlySpan<double> read, global::System.Span<double> written, global::System.Span<double> alsoWritten,", generated);
        Assert.Contains("FForward(global::System.ReadOnlySpan<double> read, global::System.Span<double> written, global::System.Span<double> alsoWritten,", generated);
    }

    [Fact]
    public void Overloads_differing_only_in_collection_types_keep_their_declared_types_and_refuse_local_arrays()
    {
        const string source = Usings + """
            public static partial class Functions
            {
                [Differentiable] public static double Norm(double[] v) => v[0] * v[0] + v[1] * v[1];

                [Differentiable] public static double Norm(ReadOnlySpan<double> v) => v[0] * v[1];

                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double[] t = new double[2];
                    t[0] = x[0];
                    t[1] = x[1];
                    return Norm([|t|]) + Norm(x);
                }
            }
            """;
        Diagnostic d = DiagnosticAssert.Single(source, "ADG0010");
        Assert.Contains("has an overload that differs only in its collection types", d.GetMessage());

        GeneratorRun run = GeneratorHarness.Run(MarkedSource.Parse(source).Text);
        Assert.Empty(run.CompilerErrors);
        Assert.Contains("NormValueAndGradient(double[] v,", run.GeneratedSources["Functions.Norm_double__.g.cs"]);
        Assert.Contains("NormValueAndGradient(global::System.ReadOnlySpan<double> v,", run.GeneratedSources["Functions.Norm_System_ReadOnlySpan_double_.g.cs"]);
        Assert.DoesNotContain("Functions.F.g.cs", run.GeneratedSources.Keys);
    }

    [Fact]
    public void A_callee_from_another_assembly_is_judged_by_its_generated_entry()
    {
        GeneratorRun library = GeneratorHarness.Run(new[] { ("Library.cs", Usings + """
            public static partial class Library
            {
                [Differentiable]
                public static double SumSquares(double[] v)
                {
                    double s = 0;
                    foreach (double e in v) s += e * e;
                    return s;
                }

                [Differentiable]
                public static double Squash(double[] v)
                {
                    v[0] = v[0] * v[1];
                    return v[0];
                }
            }
            """) }, assemblyName: "CalleeLibrary");
        Assert.Empty(library.CompilerErrors);
        using var image = new MemoryStream();
        Assert.True(library.OutputCompilation.Emit(image).Success);
        MetadataReference libraryReference = MetadataReference.CreateFromImage(image.ToArray());

        CSharpCompilation user = GeneratorHarness.CreateCompilation(new[] { ("User.cs", Usings + """
            public static partial class User
            {
                [Differentiable]
                public static double Reads(ReadOnlySpan<double> x)
                {
                    double[] t = new double[2];
                    t[0] = x[0] * x[1];
                    t[1] = x[1];
                    return Library.SumSquares(t);
                }

                [Differentiable]
                public static double Writes(double[] x) => Library.Squash(x);
            }
            """) }).AddReferences(libraryReference);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(user, out Compilation output, out _);
        Assert.Empty(output.GetDiagnostics().Where(e => e.Severity == DiagnosticSeverity.Error));
        Assert.Equal(new[] { "User.Reads.g.cs" }, driver.GetRunResult().GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)));

        Diagnostic refused = Assert.Single(GeneratorHarness.RunAnalyzers(output));
        Assert.Equal("ADG0010", refused.Id);
        Assert.Contains("'Squash' comes from another assembly whose generated entry does not take 'v' as ReadOnlySpan<double>", refused.GetMessage());
    }
}
