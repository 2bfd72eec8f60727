using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Regression tests for the generator bugs of FoundBugs.md: FB-1 to FB-3 (found by the robustness fuzz), half-typed
/// code whose containing type the compiler made up, or whose type name is missing; FB-5 (found by review), arms of a
/// ?: that the reverse sweep of the loop form evaluated on the side the forward sweep did not take; FB-22 to FB-24 (found by
/// differential fuzzing of local functions, in parameters and LINQ), methods left without code.
/// </summary>
public sealed class FoundBugRegressionTests
{
    private const string Elsewhere = """
        using AutoDiffGen;
        namespace Other;
        public static partial class Intact
        {
            [Differentiable]
            public static double Cube(double v) => v * v * v;
        }
        """;

    [Fact]
    public void FB1_a_method_outside_any_type_does_not_throw_and_other_methods_keep_their_code()
    {
        const string halfTyped = """
            using AutoDiffGen;
            namespace Demo;
            public static partial class Functions
                [Differentiable]
                public static double Square(double v) => v * v;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(halfTyped, Elsewhere);   // fails the test if the generator throws

        Assert.DoesNotContain(run.GeneratedSources.Keys, name => name.Contains("Square"));
        Assert.Contains(run.GeneratedSources.Keys, name => name.EndsWith("Other.Intact.Cube.g.cs"));
        AssertNoErrorsInGeneratedCode(run);
        Assert.DoesNotContain(run.AnalyzerDiagnostics, d => d.Id == "ADG0099");
    }

    [Fact]
    public void FB2_a_type_without_a_name_gets_no_generated_code()
    {
        const string nameless = """
            using AutoDiffGen;
            namespace Demo;
            public partial class
            {
                [Differentiable]
                public static double Square(double v) => v * v;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(nameless, Elsewhere);

        Assert.DoesNotContain(run.GeneratedSources.Keys, name => name.Contains("Square"));
        Assert.Contains(run.GeneratedSources.Keys, name => name.EndsWith("Other.Intact.Cube.g.cs"));
        AssertNoErrorsInGeneratedCode(run);
    }

    [Fact]
    public void FB3_a_custom_derivative_in_a_type_without_a_name_is_not_used()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            namespace Demo;
            public static class Special { public static double Softplus(double x) => Math.Log(1 + Math.Exp(x)); }
            public static class
            {
                [DerivativeOf(typeof(Special), nameof(Special.Softplus))]
                public static double D(double x, out double dx) { dx = 1 / (1 + Math.Exp(-x)); return Special.Softplus(x); }
            }
            public static partial class P
            {
                [Differentiable]
                public static double F(double x) => Special.Softplus(x);
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        AssertNoErrorsInGeneratedCode(run);
        Assert.DoesNotContain(run.GeneratedSources.Keys, name => name.Contains(".P.F"));
        Assert.Contains(run.AnalyzerDiagnostics, d => d.Id == "ADG0004");   // without a usable rule, F names the missing derivative
    }

    [Fact]
    public void FB5_a_recursive_call_on_one_side_of_a_conditional_is_not_made_by_the_reverse_sweep()
    {
        // Checked on the generated text rather than by running it: the bug recursed until the stack overflowed,
        // which would take the whole test run down instead of failing this test.
        const string source = """
            using AutoDiffGen;
            namespace Demo;
            public static partial class P
            {
                [Differentiable]
                public static double F(double x, int n)
                {
                    double s = 0;
                    for (int i = 0; i < 2; i++) s += x;
                    return n <= 0 ? s : x * F(x, n - 1);
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        AssertNoErrorsInGeneratedCode(run);
        string generated = run.GeneratedSources.Single(pair => pair.Key.EndsWith("Demo.P.F.g.cs")).Value;
        int backwardStart = generated.IndexOf("public static void FBackward(", System.StringComparison.Ordinal);
        int fusedStart = generated.IndexOf("public static double FValueAndGradient(", System.StringComparison.Ordinal);
        string backward = generated.Substring(backwardStart, fusedStart - backwardStart);
        string fused = generated.Substring(fusedStart);
        string forwardSweep = fused.Substring(0, fused.IndexOf("// Reverse sweep.", System.StringComparison.Ordinal));
        string reverseSweep = fused.Substring(forwardSweep.Length);
        // The forward sweep makes the recursive call inside the branch that chose it, and no reverse sweep calls F again.
        Assert.Contains("if (branch", forwardSweep);
        Assert.Contains("FValueAndGradient(x, n - 1", forwardSweep);
        Assert.DoesNotContain("FValueAndGradient(", reverseSweep);
        Assert.DoesNotContain("FValueAndGradient(", backward);
        Assert.DoesNotContain("FForward(", backward);
    }

    [Fact]
    public void FB5_a_division_guarded_by_a_conditional_gives_no_NaN_where_the_other_side_was_taken()
    {
        NumericCase sinc = Loops.SpanDriver.Case("GuardedSinc", """
                [Differentiable]
                public static double F(double x)
                {
                    double s = 0;
                    for (int i = 0; i < 2; i++) s += x;
                    return s + (x != 0 ? Math.Sin(x) / x : 1);
                }
            """, new[] { Loops.LoopArgument.Scalar("x") }, new[] { 0.0 }, new[] { 0.8 });
        using var compiled = new CompiledCases(new[] { sinc });

        GradientCheck.Run(compiled, sinc);   // at x = 0 the gradient is 2 (Sinc is flat there), not 0 × ∞ = NaN
    }

    [Fact]
    public void FB22_a_local_function_with_statements_may_take_a_LINQ_average()
    {
        NumericCase average = Loops.SpanDriver.Case("LocalFunctionAverage", """
                [Differentiable]
                public static double F(double x, double[] q)
                {
                    double Scaled(double v)
                    {
                        double mean = System.Linq.Enumerable.Average(q);
                        return v * mean;
                    }

                    return Scaled(x) + x * System.Linq.Enumerable.Max(q);
                }
            """, new[] { Loops.LoopArgument.Scalar("x"), Loops.LoopArgument.Span("q", 3, "Array") }, new[] { 0.7, 0.2, -1.3, 2.1 });
        using var compiled = new CompiledCases(new[] { average });   // ADG0099 (Cannot inline a Throw) left F without code

        GradientCheck.Run(compiled, average);
    }

    [Fact]
    public void FB23_LINQ_of_arrays_that_a_loop_swaps()
    {
        NumericCase swapped = Loops.SpanDriver.Case("LinqOfSwappedArrays", """
                [Differentiable]
                public static double F(double[] x)
                {
                    double[] a = new double[3];
                    double[] b = new double[3];
                    for (int i = 0; i < 3; i++)
                    {
                        b[i] = a[i] * 0.5 + x[i] * x[i];
                        (a, b) = (b, a);
                    }

                    return System.Linq.Enumerable.Max(a) + System.Linq.Enumerable.Sum(b) * System.Linq.Enumerable.Average(a);
                }
            """, new[] { Loops.LoopArgument.Span("x", 3, "Array") }, new[] { 0.7, -1.2, 1.9 });
        using var compiled = new CompiledCases(new[] { swapped });   // ADG0010 ("index the span view 'a'") left F without code

        GradientCheck.Run(compiled, swapped);
    }

    [Fact]
    public void FB24_a_local_function_may_pass_a_captured_variable_with_in()
    {
        NumericCase passedIn = Loops.SpanDriver.Case("CapturedPassedIn", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    double Scale(in double v) => v * y;
                    double Twice(double w)
                    {
                        double t = Scale(in x);
                        return t + w * w;
                    }

                    double s = 0;
                    for (int i = 0; i < 2; i++) s += Twice(y) * x;
                    return s;
                }
            """, new[] { Loops.LoopArgument.Scalar("x"), Loops.LoopArgument.Scalar("y") }, new[] { 0.8, -1.7 });
        using var compiled = new CompiledCases(new[] { passedIn });   // ADG0005 ("an assignment to 'x'") left F without code

        GradientCheck.Run(compiled, passedIn);
    }

    // C# passes an in (or ref readonly) parameter the caller's variable itself: a writer given that variable by ref too, or an
    // element of an array it writes, reads its own writes through the parameter. Inlined, the parameter was the value (the
    // fused value was 2y²x where F is 4y²x); such calls are refused where the argument stands.
    [Theory]
    [InlineData("W(ref y, [|y|]);", "public static void W(ref double r, in double a) { r = 2.0 * r; r = r * a; }", "what it writes to 'y'")]
    [InlineData("W(ref y, in [|y|]);", "public static void W(ref double r, ref readonly double a) { r = 2.0 * r; r = r * a; }", "its ref readonly parameter 'a'")]
    [InlineData("W(v, [|v[2]|], ref y);", "public static void W(double[] v, in double a, ref double r) { v[2] = 3.0 * v[2]; r = r * a; }", "what it writes to the collections it is given")]
    public void FB25_a_writer_given_an_in_argument_it_writes_through_another_parameter_is_refused(string call, string writer, string reason)
    {
        Microsoft.CodeAnalysis.Diagnostic d = Diagnostics.DiagnosticAssert.Single("""
            using System;
            using AutoDiffGen;

            public static partial class P
            {
                [Differentiable]
            """ + writer + """

                [Differentiable]
                public static double F(double x, double y)
                {
                    double[] v = { x, y, x * y };
            """ + call + """

                    return y * x + v[2];
                }
            }
            """, "ADG0010");
        Assert.Contains(reason, d.GetMessage());
    }

    [Fact]
    public void FB25_a_writer_given_an_in_argument_it_does_not_write_is_inlined()
    {
        NumericCase unaliased = Loops.SpanDriver.Case("InArgumentNotWritten", """
                [Differentiable]
                public static void W(ref double r, in double a, double[] v, in double b) { r = 2.0 * r * a; v[0] = v[1] * b; }

                [Differentiable]
                public static double F(double x, double y)
                {
                    double[] v = { x, y };
                    double z = x;
                    W(ref y, z, v, v[0] * 1.0);
                    return y * x + v[0];
                }
            """, new[] { Loops.LoopArgument.Scalar("x"), Loops.LoopArgument.Scalar("y") }, new[] { 0.8, -1.7 });
        using var compiled = new CompiledCases(new[] { unaliased });

        GradientCheck.Run(compiled, unaliased);
    }

    // An expression-bodied local function calling another, whose argument is used other than once, put that argument in a
    // local: its body then had a statement, and a call of it under ?: was refused.
    [Fact]
    public void FB26_an_expression_bodied_local_function_calling_another_is_substituted_under_a_conditional()
    {
        NumericCase nested = Loops.SpanDriver.Case("NestedExpressionBodies", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    double Inner(double v) => v * v + Math.Sin(x);
                    double Outer(double w) => Inner(y - x) + w;
                    double s = 0;
                    for (int i = 0; i < 2; i++) s += y > 0 ? Outer(x) : x;
                    return s;
                }
            """, new[] { Loops.LoopArgument.Scalar("x"), Loops.LoopArgument.Scalar("y") }, new[] { 0.8, 1.7 });
        using var compiled = new CompiledCases(new[] { nested });   // ADG0010 ("this call runs only sometimes") left F without code

        GradientCheck.Run(compiled, nested);
    }

    private static void AssertNoErrorsInGeneratedCode(GeneratorRun run)
    {
        var generatedTrees = run.RunResult.GeneratedTrees.ToHashSet();
        var errors = run.CompilerErrors.Where(d => d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)).ToList();
        Assert.True(errors.Count == 0, "errors in generated code:\n" + string.Join("\n", errors));
    }
}
