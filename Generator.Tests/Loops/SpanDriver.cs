using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoDiffGen.Generator.Tests.Numeric;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>One argument of a loop case's <c>F</c>: a span or array cut from the point, a scalar from the point, or a fixed expression.</summary>
public sealed record LoopArgument(string Name, string Kind, int Length, string Expression = "")
{
    /// <summary><paramref name="type"/> is ReadOnlySpan, Span or Array.</summary>
    public static LoopArgument Span(string name, int length, string type = "ReadOnlySpan") => new(name, type, length);

    public static LoopArgument Scalar(string name) => new(name, "Scalar", 1);

    public static LoopArgument Fixed(string name, string expression) => new(name, "Fixed", 0, expression);

    public bool IsActive => Kind != "Fixed";
}

/// <summary>
/// Builds numeric cases for methods with span, array and scalar parameters: the driver cuts the point
/// array into the arguments and flattens the gradients back (spans first filled with garbage in the fused
/// call, which must overwrite them; zeroed for Backward, which must accumulate 1 + 2 = 3 × the gradient).
/// </summary>
public static class SpanDriver
{
    public static NumericCase Case(string name, string members, IReadOnlyList<LoopArgument> arguments, params double[][] points)
    {
        var parameters = new List<CaseParameter>();
        foreach (LoopArgument argument in arguments.Where(a => a.IsActive))
        {
            for (int i = 0; i < argument.Length; i++)
            {
                parameters.Add(CaseParameter.Active(argument.Kind == "Scalar" ? argument.Name : argument.Name + i.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return new NumericCase(name, members, parameters, points, CustomDriver: Driver("Case_" + name, arguments));
    }

    private static string Driver(string type, IReadOnlyList<LoopArgument> arguments)
    {
        var call = new List<string>();
        var fusedGradients = new StringBuilder();
        var twiceGradients = new StringBuilder();
        var fusedOuts = new List<string>();
        var twiceRefs = new List<string>();
        var flatten = new List<string>();
        int offset = 0;
        for (int k = 0; k < arguments.Count; k++)
        {
            LoopArgument a = arguments[k];
            string g = "g" + k.ToString(CultureInfo.InvariantCulture);
            string o = offset.ToString(CultureInfo.InvariantCulture), n = a.Length.ToString(CultureInfo.InvariantCulture);
            switch (a.Kind)
            {
                case "Fixed":
                    call.Add(a.Expression);
                    continue;
                case "Scalar":
                    call.Add($"a[{o}]");
                    fusedOuts.Add("out var " + g);
                    twiceGradients.Append($"        double {g} = 0;\n");
                    twiceRefs.Add("ref " + g);
                    flatten.Add($"result.Add({g});");
                    break;
                default:
                    call.Add(a.Kind switch
                    {
                        "ReadOnlySpan" => $"new ReadOnlySpan<double>(a, {o}, {n})",
                        "Span" => $"a.AsSpan({o}, {n}).ToArray().AsSpan()",
                        _ => $"a.AsSpan({o}, {n}).ToArray()",
                    });
                    fusedGradients.Append($"        var {g} = new double[{n}]; Array.Fill({g}, 7.0);\n");
                    twiceGradients.Append($"        var {g} = new double[{n}];\n");
                    fusedOuts.Add(g);
                    twiceRefs.Add(g);
                    flatten.Add($"result.AddRange({g});");
                    break;
            }

            offset += a.Length;
        }

        string args = string.Join(", ", call);
        string sep = call.Count > 0 ? ", " : "";
        string all = "var result = new System.Collections.Generic.List<double> { value };\n" + string.Concat(flatten.Select(f => "        " + f + "\n")) + "        return result.ToArray();\n";
        var text = new StringBuilder();
        text.Append($"    public static double Value(double[] a) => {type}.F({args});\n\n");
        text.Append($"    public static double Reference(double[] a) => {type}.F({args});\n\n");
        text.Append("    public static double[] Fused(double[] a)\n    {\n").Append(fusedGradients);
        text.Append($"        double value = {type}.FValueAndGradient({args}{(fusedOuts.Count > 0 ? sep + string.Join(", ", fusedOuts) : "")});\n");
        text.Append("        ").Append(all).Append("    }\n\n");
        text.Append("    public static double[] ForwardBackwardTwice(double[] a)\n    {\n").Append(twiceGradients);
        text.Append($"        double value = {type}.FForward({args}{sep}out var tape);\n");
        string refs = string.Concat(twiceRefs.Select(r => ", " + r));
        text.Append($"        {type}.FBackward(in tape, 1{refs});\n");
        text.Append($"        {type}.FBackward(in tape, 2{refs});\n");
        text.Append("        tape.Dispose();\n");
        text.Append("        ").Append(all).Append("    }\n");
        return text.ToString();
    }
}
