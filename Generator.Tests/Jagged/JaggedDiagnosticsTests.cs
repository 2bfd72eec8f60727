using AutoDiffGen.Generator.Tests.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Jagged;

/// <summary>
/// What a method taking a jagged array may not do, each refused once, where it stands, with the construct and the fix
/// (the analyzer reports it; the generator emits nothing for the method and reports nothing itself).
/// </summary>
public sealed class JaggedDiagnosticsTests
{
    private const string Usings = "using AutoDiffGen;\nusing System;\n";

    // A writer: its statements would stand in for a call, writing whatever row it is given.
    private const string Helpers = """
            [Differentiable]
            public static void Scale(Span<double> values, double factor)
            {
                for (int i = 0; i < values.Length; i++) values[i] *= factor;
            }

            public static double Total(double[][] rows) => 0;

            public static int RowOf(double x) => x > 0 ? 1 : 0;
        """;

    private static Diagnostic Refused(string parameters, string body, string id)
    {
        string source = Usings + "public static partial class Functions\n{\n" + Helpers + "\n" +
                        "    [Differentiable]\n    public static double F(" + parameters + ")\n    {\n        " + body + "\n    }\n}\n";
        return DiagnosticAssert.Single(source, id);
    }

    [Theory]
    [InlineData("w[0][1] = x; return w[0][1];")]
    [InlineData("w[0][1] += x; return w[0][0];")]
    [InlineData("w[1] = new double[2]; return x;")]
    [InlineData("double[] row = w[0]; row[0] = x; return row[0];")]
    [InlineData("Span<double> row = w[0]; row.Clear(); return x;")]
    [InlineData("Scale(w[1], x); return w[1][0];")]
    [InlineData("foreach (double[] row in w) row[0] = x; return x;")]
    [InlineData("foreach (var row in w) { row[row.Length - 1]++; } return x;")]
    [InlineData("Span<double> head = w[0].AsSpan(0, 1); head[0] = x; return x;")]
    public void A_write_to_a_jagged_parameter_is_refused_on_the_parameter(string body)
    {
        Diagnostic diagnostic = Refused("[|double[][] w|], double x", body, "ADG0005");
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("writes to the jagged array 'w'", message);
        Assert.Contains("copy a row you change into a local array (new double[n]", message);
    }

    [Theory]
    [InlineData("double[][] [|local = new double[2][]|]; return x;", "ADG0005", "the jagged array local 'local'")]
    [InlineData("return Total([|w|]) + x;", "ADG0010", "a jagged array can be passed only by name, as a double[][] or float[][] parameter of this method, to [Differentiable] methods of this compilation ('Total' takes one)")]
    [InlineData("double[] row = [|w[^1]|]; return row[0] * x;", "ADG0010", "index a jagged array's rows with one int expression")]
    [InlineData("return w[[|RowOf(x)|]][0] * x;", "ADG0010", "compute a row index that calls a method into an int local first")]
    [InlineData("return [|w[0][1..]|].Length * x;", "ADG0010", "index a row of a jagged array with one int expression")]
    public void A_construct_that_cannot_work_with_a_jagged_array_is_refused_where_it_stands(string body, string id, string reason)
    {
        Diagnostic diagnostic = Refused("double[][] w, double x", body, id);
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[|int[][] w|]", "'int[][]' (of jagged arrays, only double[][] and float[][]")]
    [InlineData("[|ref double[][] w|]", "'ref double[][]', which AutoDiffGen does not support")]
    public void A_jagged_parameter_of_another_kind_is_refused_by_name(string parameter, string reason)
    {
        Diagnostic diagnostic = Refused(parameter + ", double x", "return x;", "ADG0002");
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
