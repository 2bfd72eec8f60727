using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoDiffGen.Generator.Tests.Numeric;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>
/// One argument of a 2-D array case's <c>F</c>: a <paramref name="Rows"/> × <paramref name="Columns"/> array (<c>T[,]</c>),
/// a span or array of <paramref name="Rows"/> elements (Columns 0), or a scalar (both 0); all cut from the point.
/// </summary>
public sealed record Array2DArgument(string Name, int Rows, int Columns)
{
    public static Array2DArgument Matrix(string name, int rows, int columns) => new(name, rows, columns);

    public static Array2DArgument Vector(string name, int length) => new(name, length, 0);

    public static Array2DArgument Scalar(string name) => new(name, 0, 0);

    public int Count => Columns > 0 ? Rows * Columns : Rows > 0 ? Rows : 1;
}

/// <summary>
/// Builds numeric cases for methods taking 2-D arrays: the driver cuts the point into fresh arrays for every call (a method
/// may write them), and flattens 2-D gradients row-major. The fused entry gets gradients filled with garbage, which it must
/// overwrite; Forward + Backward with seeds 1 then 2 must accumulate 3 × the gradient. A float case's <c>Reference</c>
/// calls <c>FReference</c>, its double twin.
/// </summary>
public static class Array2DDriver
{
    public static NumericCase Case(string name, string members, IReadOnlyList<Array2DArgument> arguments, bool isFloat, params double[][] points) =>
        Case(name, members, "", arguments, isFloat, points);

    /// <summary>A case whose source declares <paramref name="otherTypes"/> beside the case's class.</summary>
    public static NumericCase Case(string name, string members, string otherTypes, IReadOnlyList<Array2DArgument> arguments, bool isFloat, params double[][] points)
    {
        var parameters = new List<CaseParameter>();
        foreach (Array2DArgument argument in arguments)
        {
            for (int i = 0; i < argument.Count; i++)
            {
                parameters.Add(CaseParameter.Active(argument.Rows == 0 ? argument.Name : argument.Name + i.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return new NumericCase(name, members, parameters, points, IsFloat: isFloat, OtherTypes: otherTypes, CustomDriver: Driver("Case_" + name, arguments, isFloat));
    }

    /// <summary>The driver's <c>Matrix&lt;T&gt;(a, offset, rows, columns)</c>: a 2-D array cut row-major from the point.</summary>
    internal const string MatrixHelper = """
            private static T[,] Matrix<T>(double[] a, int offset, int rows, int columns)
            {
                var m = new T[rows, columns];
                for (int i = 0; i < rows; i++) for (int j = 0; j < columns; j++) m[i, j] = (T)Convert.ChangeType(a[offset + i * columns + j], typeof(T));
                return m;
            }


        """;

    private static string Driver(string type, IReadOnlyList<Array2DArgument> arguments, bool isFloat)
    {
        string t = isFloat ? "float" : "double";
        var parts = new SpanDriver.DriverParts();
        int offset = 0;
        for (int k = 0; k < arguments.Count; k++)
        {
            Array2DArgument a = arguments[k];
            string g = "g" + k.ToString(CultureInfo.InvariantCulture);
            string o = offset.ToString(CultureInfo.InvariantCulture);
            string r = a.Rows.ToString(CultureInfo.InvariantCulture), c = a.Columns.ToString(CultureInfo.InvariantCulture);
            if (a.Rows == 0)
            {
                parts.Call.Add($"({t})a[{o}]");
                parts.ReferenceCall.Add($"a[{o}]");
                parts.AddScalarGradient(g, t);
            }
            else
            {
                string shape = a.Columns > 0 ? $"{r}, {c}" : r;
                parts.Call.Add(a.Columns > 0 ? $"Matrix<{t}>(a, {o}, {r}, {c})" : $"Vector<{t}>(a, {o}, {r})");
                parts.ReferenceCall.Add(a.Columns > 0 ? $"Matrix<double>(a, {o}, {r}, {c})" : $"Vector<double>(a, {o}, {r})");
                parts.AddArrayGradient(g, $"var {g} = new {t}[{shape}]; Fill({g});", $"var {g} = new {t}[{shape}];", $"foreach ({t} v in {g}) result.Add(v);");
            }

            offset += a.Count;
        }

        var text = new StringBuilder(MatrixHelper);
        text.Append("    private static T[] Vector<T>(double[] a, int offset, int length) => System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(new ArraySegment<double>(a, offset, length), v => (T)Convert.ChangeType(v, typeof(T))));\n\n");
        text.Append("    private static void Fill(Array g) { for (int i = 0; i < g.Length; i++) g.SetValue(Convert.ChangeType(7.0, g.GetType().GetElementType()!), FlatIndex(g, i)); }\n\n");
        text.Append("    private static int[] FlatIndex(Array g, int i) => g.Rank == 2 ? new[] { i / g.GetLength(1), i % g.GetLength(1) } : new[] { i };\n\n");
        return text.Append(SpanDriver.EntryMethods(type, parts, t, isFloat ? "FReference" : "F")).ToString();
    }
}
