using System.Linq;
using AutoDiffGen.Generator.Tests.Diagnostics;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// What callees that write their arguments' elements get and what is refused, at the call, with the reason: the callee's
/// statements stand in for the call (Inlining/WriterInliner), so the call must be a statement's whole work, and the callee
/// must be one whose statements can run in the caller. The gradients: <see cref="WriterCases"/>.
/// </summary>
public sealed class WriterCalleeTests
{
    private const string Usings = "using AutoDiffGen;\nusing System;\n";

    private const string Fill = """
            [Differentiable]
            public static void Fill(ReadOnlySpan<double> x, Span<double> y)
            {
                for (int i = 0; i < y.Length; i++) y[i] = x[i] * x[i];
            }
        """;

    [Fact]
    public void A_void_writer_gets_no_entries_its_caller_gets_its_statements_and_a_written_parameter_is_taken_as_Span()
    {
        GeneratorRun run = GeneratorHarness.Run(Usings + "public static partial class Functions\n{\n" + Fill + """
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, double[] output)
                {
                    Fill(x, output);
                    return output[0] * output[1];
                }
            }
            """);
        Assert.Empty(run.CompilerErrors);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Equal(new[] { "Functions.F.g.cs" }, run.GeneratedSources.Keys);
        string generated = run.GeneratedSources["Functions.F.g.cs"];
        Assert.Contains("FValueAndGradient(global::System.ReadOnlySpan<double> x, global::System.Span<double> output,", generated);
        Assert.Contains("// line 8 of Fill, inlined: y[i] = x[i] * x[i];", generated);
        Assert.DoesNotContain("Fill(", generated.Replace("of Fill, inlined", ""));
    }

    [Fact]
    public void A_writer_returning_a_value_keeps_its_own_entries_and_is_inlined_where_it_is_called()
    {
        GeneratorRun run = GeneratorHarness.Run(Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static double Scale(double[] v, double s)
                {
                    for (int i = 0; i < v.Length; i++) v[i] *= s;
                    return v[0];
                }

                [Differentiable]
                public static double F(double[] x, double s) => Scale(x, s);
            }
            """);
        Assert.Empty(run.CompilerErrors);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Contains("ScaleValueAndGradient(global::System.Span<double> v, double s,", run.GeneratedSources["Functions.Scale.g.cs"]);
        string caller = run.GeneratedSources["Functions.F.g.cs"];
        Assert.Contains("FValueAndGradient(global::System.Span<double> x, double s,", caller);
        Assert.DoesNotContain("ScaleValueAndGradient", caller);
    }

    [Fact]
    public void A_public_writer_of_another_type_is_inlined_into_a_caller_of_another_namespace()
    {
        GeneratorRun run = GeneratorHarness.Run(Usings + """
            namespace Library
            {
                public static partial class Layers
                {
                    [Differentiable]
                    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => a[0] * b[0] + a[1] * b[1];

                    [Differentiable]
                    public static void Project(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y)
                    {
                        for (int i = 0; i < y.Length; i++) y[i] = Math.Tanh(Dot(w.Slice(2 * i, 2), x));
                    }
                }
            }

            namespace App
            {
                public static partial class Model
                {
                    [Differentiable]
                    public static double Loss(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
                    {
                        Span<double> h = stackalloc double[2];
                        Library.Layers.Project(w, x, h);
                        return h[0] * h[1];
                    }
                }
            }
            """);
        Assert.Empty(run.CompilerErrors);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Contains("global::Library.Layers.DotValueAndGradient(w.Slice(", run.GeneratedSources["App.Model.Loss.g.cs"]);
    }

    [Fact]
    public void Parameters_written_by_two_calls_of_one_writer_are_both_taken_as_Span()
    {
        // FB-18 (found by the writer fuzz): the second call of W0 was taken for recursion, so 'p' stayed ReadOnlySpan.
        GeneratorRun run = GeneratorHarness.Run(Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static void W0(ReadOnlySpan<double> w, Span<double> u) { u[2] *= w[1]; }

                [Differentiable]
                public static double F(Span<double> p, Span<double> q)
                {
                    W0(p, q);
                    W0(q, p);
                    return p[0] + p[2] * q[2];
                }
            }
            """);
        Assert.Empty(run.CompilerErrors);
        Assert.Contains("FValueAndGradient(global::System.Span<double> p, global::System.Span<double> q,", run.GeneratedSources["Functions.F.g.cs"]);
    }

    [Fact]
    public void A_span_parameter_written_through_a_view_local_is_taken_as_Span()
    {
        // FB-17: the entries took 'y' as ReadOnlySpan (only direct element writes counted) and the generated code wrote into it.
        GeneratorRun run = GeneratorHarness.Run(Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, Span<double> y)
                {
                    Span<double> row = y.Slice(1, 2);
                    row[0] = x[0] * x[1];
                    return y[1] * y[0];
                }
            }
            """);
        Assert.Empty(run.CompilerErrors);
        Assert.Contains("FValueAndGradient(global::System.ReadOnlySpan<double> x, global::System.Span<double> y,", run.GeneratedSources["Functions.F.g.cs"]);
    }

    [Theory]
    [InlineData("double r = 2 * [|Fill(x, h)|];", "make the call a statement of its own")]
    [InlineData("double r = x[0] > 0 ? [|Fill(x, h)|] : 0;", "make the call a statement of its own")]
    [InlineData("for (int n = 1; n <= 2; n++) [|Sized(x, h, n)|];",
        "its local array 't' would be made in a loop of the caller with a length the loop may change (it reads 'n', which the loop assigns)")]
    [InlineData("for (int n = 1; n <= 2; n++) { double u = x[0]; [|Outer(x, h, n)|]; }",
        "the local array 't' of 'Sized', a writer it calls, would be made in a loop of the caller")]
    [InlineData("[|Checked(x, h)|];", "it throws")]
    [InlineData("[|Passive(x, h, 2)|];", "its parameter 'scale' is [NoDerivative]")]
    [InlineData("[|Other.Scale(x, h)|];", "it reads 'global::Other.Factor' of its own type")]
    [InlineData("[|new Instance().Fill(x, h)|];", "make it static")]
    public void A_writer_whose_statements_cannot_stand_in_for_the_call_is_reported_at_the_call(string call, string reason)
    {
        string source = Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static double Fill(ReadOnlySpan<double> x, Span<double> y)
                {
                    for (int i = 0; i < y.Length; i++) y[i] = x[i] * x[i];
                    return y[0];
                }

                [Differentiable]
                public static void Sized(ReadOnlySpan<double> x, Span<double> y, int n)
                {
                    double[] t = new double[n];
                    t[0] = x[0];
                    y[0] += t[0];
                }

                [Differentiable]
                public static void Outer(ReadOnlySpan<double> x, Span<double> y, int n)
                {
                    Sized(x, y, n);
                }

                [Differentiable]
                public static void Checked(ReadOnlySpan<double> x, Span<double> y)
                {
                    if (y.Length < 2) throw new ArgumentException("too short", nameof(y));
                    y[0] = x[0];
                }

                [Differentiable]
                public static void Passive(ReadOnlySpan<double> x, Span<double> y, [NoDerivative] double scale)
                {
                    y[0] = x[0] * scale;
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double[] h = new double[2];
            """ + call + """

                    return h[0] + h[1];
                }
            }

            public static partial class Other
            {
                private static double Factor = 2;

                [Differentiable]
                public static void Scale(ReadOnlySpan<double> x, Span<double> y)
                {
                    y[0] = Factor * x[0];
                }
            }

            public partial class Instance
            {
                [Differentiable]
                public void Fill(ReadOnlySpan<double> x, Span<double> y) => y[0] = x[0];
            }
            """;
        Diagnostic d = DiagnosticAssert.Single(source, "ADG0010");
        Assert.Contains(reason, d.GetMessage());

        // The caller gets no code, and nothing that is emitted fails to compile.
        GeneratorRun run = GeneratorHarness.Run(MarkedSource.Parse(source).Text);
        Assert.DoesNotContain("Functions.F.g.cs", run.GeneratedSources.Keys);
        Assert.Empty(run.CompilerErrors);
    }

    [Fact]
    public void A_writer_calling_a_writer_that_cannot_be_inlined_is_reported_at_both_calls()
    {
        GeneratorRun run = GeneratorHarness.Run(Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static void Inner(ReadOnlySpan<double> x, Span<double> y)
                {
                    if (x.Length == 0) throw new ArgumentException("empty", nameof(x));
                    y[0] = x[0];
                }

                [Differentiable]
                public static void Outer(ReadOnlySpan<double> x, Span<double> y) => Inner(x, y);

                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double[] h = new double[2];
                    Outer(x, h);
                    return h[0];
                }
            }
            """);
        Assert.Collection(run.AnalyzerDiagnostics.OrderBy(d => d.Location.SourceSpan.Start),
            inner => Assert.Contains("'Outer' uses the expression 'Inner(x, y)', which AutoDiffGen cannot differentiate; 'Inner' writes the elements of a collection it is given, so its statements stand in for the call, and it throws", inner.GetMessage()),
            outer => Assert.Contains("'F' uses the expression 'Outer(x, h)', which AutoDiffGen cannot differentiate; 'Outer' writes the elements of a collection it is given, so its statements stand in for the call, and it calls 'Inner', whose statements cannot stand in for the call either: it throws", outer.GetMessage()));
        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.CompilerErrors);
    }

    [Fact]
    public void A_writer_calling_itself_is_reported_at_its_own_call()
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static void Halve(Span<double> y, int times)
                {
                    y[0] *= 0.5;
                    if (times > 1) [|Halve(y, times - 1)|];
                }
            }
            """, "ADG0010");
        Assert.Contains("a method cannot stand in for itself: write the recursion as a loop", d.GetMessage());
    }

    [Fact]
    public void Writers_calling_each_other_are_reported_at_each_call_that_closes_the_cycle()
    {
        GeneratorRun run = GeneratorHarness.Run(Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static void Ping(Span<double> y, int times)
                {
                    y[0] *= 0.5;
                    if (times > 1) Pong(y, times - 1);
                }

                [Differentiable]
                public static void Pong(Span<double> y, int times)
                {
                    y[0] += 1;
                    if (times > 1) Ping(y, times - 1);
                }

                [Differentiable]
                public static double F(double[] y)
                {
                    Ping(y, 3);
                    return y[0];
                }
            }
            """);
        Assert.Equal(3, run.AnalyzerDiagnostics.Length);
        Assert.All(run.AnalyzerDiagnostics, d => Assert.Contains("it calls itself, through the writers it calls: write the recursion as a loop", d.GetMessage()));
        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.CompilerErrors);
    }

    [Theory]
    [InlineData("Split(x[0], out [|_|], out double b);", "pass a local or a parameter of this method by ref or out")]
    [InlineData("Split(x[0], out [|h[0]|], out double b);", "pass a local or a parameter of this method by ref or out")]
    [InlineData("int q = [|Math.DivRem(7, 2, out int rem)|];", "ref and out only to a [Differentiable] method returning void")]
    public void Ref_and_out_arguments_name_a_variable_and_go_to_void_differentiable_methods_only(string statement, string reason)
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static void Split(double v, out double a, out double b)
                {
                    a = v * v;
                    b = v - a;
                }

                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double[] h = new double[2];
            """ + statement + """

                    return h[0] + x[1];
                }
            }
            """, "ADG0010");
        Assert.Contains(reason, d.GetMessage());
    }

    [Fact]
    public void A_ref_or_out_parameter_is_refused_in_a_method_that_returns_a_value()
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable] public static double Split(double v, [|out double rest|]) { rest = v * 0.5; return v - rest; }
            }
            """, "ADG0002");
        Assert.Contains("except ref and out scalars of a method returning void", d.GetMessage());
    }

    [Fact]
    public void A_void_method_must_write_a_collection_parameter_and_run_to_its_end()
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable] public static [|void|] Log(ReadOnlySpan<double> x) { double s = x[0]; }
            }
            """, "ADG0003");
        Assert.Contains("or return void and write the elements of a span or array parameter", d.GetMessage());

        Diagnostic early = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable]
                public static void Clip(Span<double> y)
                {
                    if (y[0] < 0) [|return|];
                    y[0] = Math.Sqrt(y[0]);
                    return;
                }
            }
            """, "ADG0005");
        Assert.Contains("'return;' before the end of a method that returns void", early.GetMessage());
    }

    [Fact]
    public void A_call_to_a_writer_whose_value_is_discarded_is_a_statement_and_any_other_discarded_call_is_refused()
    {
        GeneratorRun run = GeneratorHarness.Run(Usings + "public static partial class Functions\n{\n" + Fill + """
                [Differentiable]
                public static double Norm(ReadOnlySpan<double> x) => x[0] * x[0];

                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    Span<double> h = stackalloc double[2];
                    Fill(x, h);
                    Norm(h);
                    return h[0];
                }
            }
            """);
        Diagnostic d = Assert.Single(run.AnalyzerDiagnostics);
        Assert.Equal("ADG0005", d.Id);
        Assert.Contains("the call 'Norm(h)' as a statement", d.GetMessage());
        Assert.Contains("a span's Clear(), Fill(value) or CopyTo(destination)", d.GetMessage());
    }
}
