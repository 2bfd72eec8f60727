using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

public sealed class DiagnosticTests
{
    private const string Usings = "using AutoDiffGen;\nusing System;\n";

    [Fact]
    public void ContainingTypeNotPartial() => DiagnosticAssert.Single(Usings + """
        public static class [|Functions|]
        {
            [Differentiable] public static double F(double x) => x * x;
        }
        """, "ADG0001");

    [Fact]
    public void EnclosingTypeNotPartial()
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public class [|Outer|]
            {
                public static partial class Inner
                {
                    [Differentiable] public static double F(double x) => x * x;
                }
            }
            """, "ADG0001");
        Assert.Contains("'Outer'", d.GetMessage());
    }

    [Fact]
    public void UnsupportedParameterType()
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable] public static double F(double x, [|string label|]) => x * x;
            }
            """, "ADG0002");
        Assert.Contains("'label'", d.GetMessage());
        Assert.Contains("'string'", d.GetMessage());
    }

    [Fact]
    public void RefParameterIsUnsupported() => DiagnosticAssert.Single(Usings + """
        public static partial class Functions
        {
            [Differentiable] public static double F([|ref double x|]) => x * x;
        }
        """, "ADG0002");

    [Fact]
    public void UnsupportedReturnType() => DiagnosticAssert.Single(Usings + """
        public static partial class Functions
        {
            [Differentiable] public static [|int|] F(double x) => (int)x;
        }
        """, "ADG0003");

    [Fact]
    public void CallWithoutDerivativePrintsTheRuleSignature()
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            namespace Demo;
            public static class Special { public static double Erf(double x, int terms) => x * terms; }
            public static partial class Functions
            {
                [Differentiable] public static double F(double x) => 2 * [|Special.Erf(x, 3)|];
            }
            """, "ADG0004");
        Assert.Contains("[DerivativeOf(typeof(Demo.Special), nameof(Demo.Special.Erf))] internal static double ErfDerivative(double x, int terms, out double dx)", d.GetMessage());
    }

    [Theory]
    [InlineData("for (int i = 0; i < 3; i++) { double[] [|a = new double[i]|]; x = x * 2; }", "with a length that changes in the loop")]
    [InlineData("double[] [|a = GC.AllocateUninitializedArray<double>(2)|]; x = x * a[0];", "the array local 'a'")]
    [InlineData("[|try|] { x = x * 2; } catch (Exception) { }", "try/catch")]
    [InlineData("[|lock|] (typeof(Functions)) { x = x * 2; }", "'lock'")]
    [InlineData("if (x < 0) [|throw|];", "'throw;' (a rethrow)")]
    [InlineData("[|goto|] end; end: x = x * 2;", "'goto'")]
    [InlineData("[|ref double r = ref x;|]", "ref local")]
    [InlineData("double [|Local|]<T>(double v) => v; x = Local<int>(x);", "the generic local function 'Local'")]
    [InlineData("void [|Local|](double v) { } Local(x);", "the local function 'Local' returning 'void'")]
    [InlineData("[|unsafe|] { x = x * 2; }", "'unsafe' block")]
    [InlineData("[|yield|] return x;", "'yield'")]
    [InlineData("[|checked|] { x = x * 2; }", "'checked' block")]
    [InlineData("foreach (var v in [|new[] { 1.0 }|]) { x = x * v; }", "foreach over a span")]
    [InlineData("for (int i = 0; i < 2; i++) { if ((i [|switch|] { 0 => x * 2, 1 => x + 1 }) > 1) x = x * 2; }", "without a final '_' arm inside a condition")]
    [InlineData("double[] a = new double[2]; for (int i = 0; i < 2; i++) { a[i] = i [|switch|] { 0 => x * 2, 1 => x + 1 }; } x = a[1];", "without a final '_' arm")]
    [InlineData("for (int i = 0; i < 2; i++) { bool b = i > 0 && (i [|switch|] { 0 => x * 2, 1 => x + 1 }) > 1; if (b) x = x * 2; }", "without a final '_' arm")]
    public void UnsupportedStatement(string statement, string construct)
    {
        string body = statement.Contains("[|") ? statement : statement.Replace("Local(", "[|Local|](");
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable] public static double F(double x)
                {
            """ + body + """

                    return x;
                }
            }
            """, "ADG0005");
        Assert.Contains(construct, d.GetMessage());
    }

    [Theory]
    [InlineData("ReadOnlySpan<double> w = v.Slice(1); [|w|] = v; x = w[0];", "an assignment to the span or array local 'w'")]
    [InlineData("ReadOnlySpan<double> w = a[[|1..|]]; x = w[0];", "a range of an array (which copies it)")]
    [InlineData("ReadOnlySpan<double> w = [|Pick(v)|]; x = w[0];", "take a view with Slice")]
    [InlineData("double[] p = new double[2]; double[] q = new double[[|3|]]; (p, q) = (q, p); x = p[0];", "made with a length other than the arrays it is swapped with ('p', 'q')")]
    [InlineData("int k = 2; k++; double[] p = new double[[|k|]]; double[] q = new double[k]; (p, q) = (q, p); x = p[0];", "or that may change")]
    [InlineData("for (int i = 0; i < 2; i++) { double[] [|p = new double[2]|]; double[] q = new double[2]; (p, q) = (q, p); x = p[0]; }", "assigned to or from another array ('p', 'q')")]
    [InlineData("double[] p = new double[2]; [|p|] = a; x = p[0];", "an assignment to the span or array local 'p'")]
    [InlineData("double y = x; [|(x, y)|] = (y, x);", "a tuple assignment")]
    [InlineData("double[] p = [x, [|.. a|]]; x = p[0];", "the spread element '.. a' in the array local 'p'")]
    [InlineData("float[] f = new float[2]; Array.Copy(a, [|f|], 2); x = f[0];", "an Array.Copy from double elements into float elements")]
    [InlineData("for (int i = 0; i < 2; i++) { double[] [|p = v.Slice(i).ToArray()|]; x = p[0]; }", "a copy of a part of a span made in a loop")]
    [InlineData("double[] p = new double[2]; [|Array.Copy(a, p, 2L)|]; x = p[0];", "the call 'Array.Copy(a, p, 2L)' as a statement")]
    [InlineData("double[,] m = new double[1, 2]; Array.Copy(a, [|m|], 2); x = m[0, 0];", "an Array.Copy between arrays of different ranks ('a' and 'm')")]
    [InlineData("double[,] m = new double[1, 2]; m.CopyTo([|a|], 0); x = a[0];", "a CopyTo from the 2-D array 'm'")]
    public void UnsupportedViewOrSwap(string statement, string construct)
    {
        string source = Usings + """
            public static partial class Functions
            {
                private static ReadOnlySpan<double> Pick(ReadOnlySpan<double> s) => s;

                [Differentiable] public static double F(ReadOnlySpan<double> v, double[] a, double x)
                {
            """ + statement + """

                    return x;
                }
            }
            """;
        Diagnostic d = DiagnosticAssert.Single(source, "ADG0005");
        Assert.Contains(construct, d.GetMessage());
    }

    [Fact]
    public void AsyncModifier() => DiagnosticAssert.Single(Usings + """
        public static partial class Functions
        {
            [Differentiable] public static [|async|] double F(double x) => x;
        }
        """, "ADG0005");

    [Fact]
    public void VirtualMethod() => DiagnosticAssert.Single(Usings + """
        public partial class Shape
        {
            [Differentiable] public [|virtual|] double Area(double r) => r * r;
        }
        """, "ADG0005");

    [Fact]
    public void DerivativeAlwaysZero() => DiagnosticAssert.Single(Usings + """
        public static partial class Functions
        {
            [Differentiable] public static double [|F|](double x, [NoDerivative] double c) => 3 * c + Math.Floor(x);
        }
        """, "ADG0006");

    [Fact]
    public void CastToIntegerInALoopMethod() => DiagnosticAssert.Single(Usings + """
        public static partial class Functions
        {
            [Differentiable] public static double F(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++) { s += x[[|(int)(x[i] * 0)|] % x.Length] * x[i]; }
                return s;
            }
        }
        """, "ADG0007");

    [Fact]
    public void CastToIntegerFlowingIntoTheValue() => DiagnosticAssert.Single(Usings + """
        public static partial class Functions
        {
            [Differentiable] public static double F(double x)
            {
                int steps = [|(int)x|];
                return x * steps;
            }
        }
        """, "ADG0007");

    [Fact]
    public void CastToIntegerUsedOnlyForControlFlowIsFine()
    {
        var run = Infrastructure.GeneratorHarness.Run(Usings + """
            public static partial class Functions
            {
                [Differentiable] public static double F(double x) => (int)x > 2 ? x : -x;
            }
            """);
        Assert.DoesNotContain(run.AnalyzerDiagnostics, d => d.Id.StartsWith("ADG"));
    }

    [Fact]
    public void RemainderFlowingIntoTheValue()
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable] public static double F(double x) => [|x % 2.0|] * x;
            }
            """, "ADG0007");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
    }

    [Fact]
    public void InvalidCustomDerivative()
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            namespace Demo;
            public static class Special { public static double Erf(double x) => x; }
            public static class Rules
            {
                [DerivativeOf(typeof(Special), nameof(Special.Erf))]
                public static double [|ErfDerivative|](double x, out float dx) { dx = 1; return x; }
            }
            """, "ADG0008");
        Assert.Contains("static double ErfDerivative(double x, out double dx)", d.GetMessage());
    }

    [Fact]
    public void CustomDerivativeForAMissingMethod() => DiagnosticAssert.Single(Usings + """
        public static class Rules
        {
            [DerivativeOf(typeof(Math), "NoSuchFunction")]
            public static double [|Rule|](double x, out double dx) { dx = 1; return x; }
        }
        """, "ADG0008");

    [Fact]
    public void NameCollision()
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable] public static double [|F|](double x) => x * x;
                public static double FForward(double x) => x;
            }
            """, "ADG0009");
        Assert.Contains("'FForward'", d.GetMessage());
    }

    [Theory]
    [InlineData("int i = 3; while ([|i--|] > 0) x = x * 2;", "inside a loop's or an if's header")]
    [InlineData("int k = 0; x = v[k] + v[[|k++|]];", "the statement also reads or writes 'k'")]
    [InlineData("int k = 0; x = x > 0 ? v[[|k++|]] : x;", "under ?:, &&, || or a switch expression")]
    [InlineData("double y = 1; x = x * [|y++|];", "an int local or parameter only")]
    public void IncrementsInsideExpressionsThatCannotRunBeforeTheirStatement(string statements, string why)
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable] public static double F(ReadOnlySpan<double> v, double x)
                {
            """ + statements + """

                    return x;
                }
            }
            """, "ADG0010");
        Assert.Contains(why, d.GetMessage());
    }

    [Fact]
    public void AnIncrementInAnExpressionBodyIsReportedWithItsOwnReason()
    {
        Diagnostic d = DiagnosticAssert.Single(Usings + """
            public static partial class Functions
            {
                [Differentiable] public static double F(ReadOnlySpan<double> v, int k) => v[[|k++|]];
            }
            """, "ADG0010");
        Assert.Contains("write a block body", d.GetMessage());
    }

    [Fact]
    public void TheLengthOfARangeOfAnArrayIsReportedNotDroppedSilently() => DiagnosticAssert.Single(Usings + """
        public static partial class Functions
        {
            [Differentiable] public static double F(double[] a) => [|a[1..]|].Length * a[0];
        }
        """, "ADG0010");

    [Theory]
    [InlineData("[|new[] { x }[0]|]")]
    [InlineData("[|((Func<double>)(() => x))()|]")]
    [InlineData("[|x.GetHashCode()|]")]
    [InlineData("x is [|double d|] ? d : 0")]
    [InlineData("[|new Functions()|].G(x)")]
    [InlineData("[|Make()|].G(x)")]
    [InlineData("x is [|var v|] ? v : 0")]
    [InlineData("[|Sum(x, 2 * x)|]")]
    [InlineData("[|System.Numerics.Tensors.TensorPrimitives.Average<double>(new[] { x })|]")]
    public void UnsupportedExpression(string expression) => DiagnosticAssert.Single(Usings + """
        public sealed partial class Functions
        {
            [Differentiable] public double G(double v) => v * v;
            [Differentiable] public static double Sum(params double[] values) => values[0] + values[1];
            public static Functions Make() => new Functions();
            [Differentiable] public static double F(double x) => 
        """ + expression + ";\n}", "ADG0010");
}
