using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>
/// What a local function cannot do once its body stands in for its calls (MethodParser.LocalFunctions): each refusal is
/// reported once, where it is, with its fix; those a [Differentiable] method may do name the local function for the code
/// fix that moves it out.
/// </summary>
public sealed class LocalFunctionDiagnosticTests
{
    private const string Usings = "using AutoDiffGen;\nusing System;\n";

    private static Diagnostic Single(string statements, string id) => DiagnosticAssert.Single(Usings + """
        public static partial class Functions
        {
            [Differentiable] public static double G(double v) => v * v;

            [Differentiable] public static double F(double x, double[] a, int n)
            {
        """ + statements + """

            }
        }
        """, id);

    [Theory]
    [InlineData("double [|Local|](ref double v) => v; return Local(ref x);", "taking 'ref double v'")]
    [InlineData("double [|Local|](string s) => 1; return Local(\"s\") * x;", "taking 'string s'")]
    [InlineData("double [|Local|](params double[] v) => v[0]; return Local(x, x);", "taking 'params double[] v'")]
    [InlineData("double [|Local|]([NoDerivative] double c) => c * x; return Local(x);", "the [NoDerivative] parameter 'c'")]
    [InlineData("decimal [|Local|](double v) => 1m; return (double)Local(x) * x;", "returning 'decimal'")]
    public void A_signature_no_call_can_take_in_is_reported_on_the_name_and_nowhere_else(string statements, string construct)
    {
        Diagnostic d = Single(statements, "ADG0005");
        Assert.Contains(construct, d.GetMessage());
        Assert.False(d.Properties.ContainsKey(DiagnosticDescriptors.MovableLocalFunction));
    }

    [Theory]
    [InlineData("double Local(double v) { if (v > 0) [|return v;|] return -v; } return Local(x);", "a return before the end in the local function 'Local'")]
    [InlineData("double Local(double v) { if (v > 0) [|throw new ArgumentException(\"v\");|] return -v; } return Local(x);", "a throw in the local function 'Local'")]
    [InlineData("double Local(double v) { [|a[0]|] = v; return v; } return Local(x);", "a write to 'a[0]' in the local function 'Local'")]
    [InlineData("double Local(double v) { [|double[] b = new double[2]|]; return v; } return Local(x);", "the local 'b' of type 'double[]' in the local function 'Local'")]
    [InlineData("double Local(double v) { [|ReadOnlySpan<double> s = a|]; return s[0] * v; } return Local(x);", "the local 's' of type 'System.ReadOnlySpan<double>'")]
    [InlineData("double Local(double v) => v * [|Local(v - 1)|]; return Local(x);", "a call of the local function 'Local' inside itself")]
    public void What_a_method_may_do_names_the_local_function_for_the_code_fix(string statements, string construct)
    {
        Diagnostic d = Single(statements, "ADG0005");
        Assert.Contains(construct, d.GetMessage());
        Assert.Contains("make it a [Differentiable] method of the type", d.GetMessage());
        Assert.Equal("Local", d.Properties[DiagnosticDescriptors.MovableLocalFunction]);
        Assert.Equal("Local", d.AdditionalLocations.Single().SourceTree!.GetText().ToString(d.AdditionalLocations[0].SourceSpan));
    }

    [Theory]
    [InlineData("double k = 0; double Local(double v) { [|k|] = v; return v; } return Local(x) + k;", "an assignment to 'k' of its method")]
    [InlineData("double Local(double v) { [|n|]++; return v; } return Local(x);", "an assignment to 'n' of its method")]
    [InlineData("double Local(double v) { { double t = [|x|]; v += t; } { double x = v; v += x; } return v; } return Local(x);", "'x' of its method, read in the local function 'Local', which declares")]
    [InlineData("double k = x; double Scaled(double v) => v * [|k|]; double Local(double k) => Scaled(k) + k; return Local(x);", "'k' of its method, read in the local function 'Scaled', which 'Local' calls while 'Local' declares")]
    public void Writing_or_shadowing_what_it_captures_is_reported_without_the_move(string statements, string construct)
    {
        Diagnostic d = Single(statements, "ADG0005");
        Assert.Contains(construct, d.GetMessage());
        Assert.False(d.Properties.ContainsKey(DiagnosticDescriptors.MovableLocalFunction));
    }

    [Theory]
    [InlineData("double Local(double v) { double w = v * v; return w; } double s = 0; while ([|Local(s)|] < 4) s += x; return s;")]
    [InlineData("double Local(double v) { double w = v * v; return w; } return x > 0 ? [|Local(x)|] : x;")]
    [InlineData("double Local(double[] b) => b[0]; return x > 0 && [|Local(a)|] > 1 ? x : 0;")]
    public void A_body_with_statements_called_where_they_cannot_run_first_is_reported_at_the_call(string statements)
    {
        Diagnostic d = Single(statements, "ADG0010");
        Assert.Contains("call it in a statement of its own", d.GetMessage());
    }

    [Theory]
    [InlineData("return Local(x) > 1 ? x : 0;")]
    [InlineData("return Local(x) > 1 && x > 0 ? x : 0;")]
    [InlineData("return Local(x) switch { > 1 => x, _ => 0 };")]
    [InlineData("if (Local(x) > 1) return x; return 0;")]
    [InlineData("switch (Local(x) > 1 ? 1 : 0) { case 1: return x; default: return 0; }")]
    public void A_body_with_statements_may_be_called_where_its_statement_always_runs_the_call(string statements)
    {
        GeneratorRun run = GeneratorHarness.Run(Usings + """
            public static partial class Functions
            {
                [Differentiable] public static double F(double x)
                {
                    double Local(double v) { double w = v * v; return w; }
            """ + statements + """

                }
            }
            """);
        Assert.Empty(run.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("ADG")));
        Assert.Empty(run.CompilerErrors);
        Assert.Contains("double wInLocal = ", run.GeneratedSources.Single().Value);
    }

    [Fact]
    public void A_body_that_never_returns_its_value_is_reported_on_the_name()
    {
        Diagnostic d = Single("double [|Local|](double v) { while (true) { } } return Local(x);", "ADG0005");
        Assert.Contains("does not end with 'return value;'", d.GetMessage());
    }

    [Fact]
    public void An_increment_of_a_variable_a_local_function_in_the_statement_reads_is_refused()
    {
        // C# steps k before the call reads it; taken in, the call's body would run first.
        Diagnostic d = Single("int k = 0; double AtK(double v) => v * a[k]; double[] h = new double[2]; h[[|k++|]] = AtK(x); return h[0];", "ADG0010");
        Assert.Contains("through a local function it calls", d.GetMessage());
    }

    [Fact]
    public void A_problem_of_a_local_function_called_twice_is_reported_once()
    {
        Diagnostic d = Single("double Local(double v) { if (v > 0) [|throw new ArgumentException(\"v\");|] return -v; } return Local(x) + Local(2 * x);", "ADG0005");
        Assert.Contains("a throw in the local function 'Local'", d.GetMessage());
    }

    [Fact]
    public void A_local_function_never_called_costs_nothing_and_one_called_is_taken_in()
    {
        GeneratorRun run = GeneratorHarness.Run(Usings + """
            public static partial class Functions
            {
                [Differentiable] public static double F(double x)
                {
                    double Unused(double v) { if (v > 0) throw new ArgumentException("v"); return v; }
                    double Twice(double v) => 2 * v;
                    return Twice(x) * x;
                }
            }
            """);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Empty(run.CompilerErrors);
        Assert.Contains("2.0 * x", run.GeneratedSources.Single().Value);
    }
}
