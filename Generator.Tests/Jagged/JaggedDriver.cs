using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoDiffGen.Generator.Tests.Loops;
using AutoDiffGen.Generator.Tests.Numeric;

namespace AutoDiffGen.Generator.Tests.Jagged;

/// <summary>
/// One argument of a jagged array case's <c>F</c>: a jagged array with rows of <paramref name="RowLengths"/>, a span or array
/// of <paramref name="Length"/> elements (a <paramref name="Length"/> × <paramref name="Columns"/> 2-D array if Columns is
/// set), or a scalar, all cut from the point; or a fixed expression (a [NoDerivative] one).
/// </summary>
public sealed record JaggedArgument(string Name, int[] RowLengths, int Length, string Expression = "", int Columns = 0)
{
    public static JaggedArgument Matrix(string name, int rows, int columns) => new(name, [], rows, Columns: columns);

    public static JaggedArgument Rows(string name, params int[] rowLengths) => new(name, rowLengths, 0);

    public static JaggedArgument Vector(string name, int length) => new(name, [], length);

    public static JaggedArgument Scalar(string name) => new(name, [], 0);

    public static JaggedArgument Fixed(string name, string expression) => new(name, [], 0, expression);

    public bool IsJagged => RowLengths.Length > 0;

    public bool IsFixed => Expression.Length > 0;

    public int Count => IsFixed ? 0 : IsJagged ? RowLengths.Sum() : Columns > 0 ? Length * Columns : Length > 0 ? Length : 1;
}

/// <summary>
/// Builds numeric cases for methods taking jagged arrays: the driver cuts the point into fresh arrays for every call and
/// flattens jagged gradients row after row. The fused entry gets gradients filled with garbage, which it must overwrite;
/// Forward + Backward with seeds 1 then 2 must accumulate 3 × the gradient. A float case's <c>Reference</c> calls
/// <c>FReference</c>, its double twin.
/// </summary>
public static class JaggedDriver
{
    public static NumericCase Case(string name, string members, IReadOnlyList<JaggedArgument> arguments, params double[][] points) =>
        Case(name, members, arguments, isFloat: false, points);

    public static NumericCase Case(string name, string members, IReadOnlyList<JaggedArgument> arguments, bool isFloat, params double[][] points)
    {
        var parameters = new List<CaseParameter>();
        foreach (JaggedArgument argument in arguments.Where(a => !a.IsFixed))
        {
            for (int i = 0; i < argument.Count; i++)
            {
                bool scalar = !argument.IsJagged && argument.Length == 0;
                parameters.Add(CaseParameter.Active(scalar ? argument.Name : argument.Name + i.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return new NumericCase(name, members, parameters, points, IsFloat: isFloat, CustomDriver: Driver("Case_" + name, arguments, isFloat));
    }

    private static string Driver(string type, IReadOnlyList<JaggedArgument> arguments, bool isFloat)
    {
        string t = isFloat ? "float" : "double";
        var parts = new SpanDriver.DriverParts();
        int offset = 0;
        for (int k = 0; k < arguments.Count; k++)
        {
            JaggedArgument a = arguments[k];
            string g = "g" + k.ToString(CultureInfo.InvariantCulture);
            string o = offset.ToString(CultureInfo.InvariantCulture);
            if (a.IsFixed)
            {
                parts.Call.Add(a.Expression);
                parts.ReferenceCall.Add(a.Expression);
                continue;
            }

            if (a.IsJagged)
            {
                string lengths = "new[] { " + string.Join(", ", a.RowLengths.Select(n => n.ToString(CultureInfo.InvariantCulture))) + " }";
                parts.Call.Add($"Rows<{t}>(a, {o}, {lengths})");
                parts.ReferenceCall.Add($"Rows<double>(a, {o}, {lengths})");
                string zeros = $"Rows<{t}>(new double[{a.Count}], 0, {lengths})";
                parts.AddArrayGradient(g, $"var {g} = {zeros}; foreach (var row in {g}) Array.Fill(row, ({t})7);", $"var {g} = {zeros};",
                    $"foreach (var row in {g}) foreach ({t} v in row) result.Add(v);");
            }
            else if (a.Columns > 0)
            {
                string shape = $"{a.Length}, {a.Columns}";
                parts.Call.Add($"Matrix<{t}>(a, {o}, {shape})");
                parts.ReferenceCall.Add($"Matrix<double>(a, {o}, {shape})");
                parts.AddArrayGradient(g, $"var {g} = new {t}[{shape}]; for (int i = 0; i < {a.Length}; i++) for (int j = 0; j < {a.Columns}; j++) {g}[i, j] = 7;",
                    $"var {g} = new {t}[{shape}];", $"foreach ({t} v in {g}) result.Add(v);");
            }
            else if (a.Length > 0)
            {
                string n = a.Length.ToString(CultureInfo.InvariantCulture);
                parts.Call.Add($"Rows<{t}>(a, {o}, new[] {{ {n} }})[0]");
                parts.ReferenceCall.Add($"Rows<double>(a, {o}, new[] {{ {n} }})[0]");
                parts.AddArrayGradient(g, $"var {g} = new {t}[{n}]; Array.Fill({g}, ({t})7);", $"var {g} = new {t}[{n}];", $"foreach ({t} v in {g}) result.Add(v);");
            }
            else
            {
                parts.Call.Add($"({t})a[{o}]");
                parts.ReferenceCall.Add($"a[{o}]");
                parts.AddScalarGradient(g, t);
            }

            offset += a.Count;
        }

        var text = new StringBuilder(Array2DDriver.MatrixHelper);
        text.Append("    private static T[][] Rows<T>(double[] a, int offset, int[] lengths)\n    {\n");
        text.Append("        var rows = new T[lengths.Length][];\n");
        text.Append("        for (int i = 0; i < lengths.Length; i++)\n        {\n");
        text.Append("            rows[i] = new T[lengths[i]];\n");
        text.Append("            for (int j = 0; j < lengths[i]; j++) rows[i][j] = (T)Convert.ChangeType(a[offset++], typeof(T));\n");
        text.Append("        }\n\n        return rows;\n    }\n\n");
        return text.Append(SpanDriver.EntryMethods(type, parts, t, isFloat ? "FReference" : "F")).ToString();
    }
}
