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
        var parts = new DriverParts();
        int offset = 0;
        for (int k = 0; k < arguments.Count; k++)
        {
            LoopArgument a = arguments[k];
            string g = "g" + k.ToString(CultureInfo.InvariantCulture);
            string o = offset.ToString(CultureInfo.InvariantCulture), n = a.Length.ToString(CultureInfo.InvariantCulture);
            switch (a.Kind)
            {
                case "Fixed":
                    parts.Call.Add(a.Expression);
                    continue;
                case "Scalar":
                    parts.Call.Add($"a[{o}]");
                    parts.AddScalarGradient(g, "double");
                    break;
                default:
                    parts.Call.Add(a.Kind switch
                    {
                        "ReadOnlySpan" => $"new ReadOnlySpan<double>(a, {o}, {n})",
                        "Span" => $"a.AsSpan({o}, {n}).ToArray().AsSpan()",
                        _ => $"a.AsSpan({o}, {n}).ToArray()",
                    });
                    parts.FusedGradients.Append($"        var {g} = new double[{n}]; Array.Fill({g}, 7.0);\n");
                    parts.TwiceGradients.Append($"        var {g} = new double[{n}];\n");
                    parts.FusedOuts.Add(g);
                    parts.TwiceRefs.Add(g);
                    parts.Flatten.Add($"result.AddRange({g});");
                    break;
            }

            offset += a.Length;
        }

        return EntryMethods(type, parts);
    }

    /// <summary>What a driver passes F and its entries, argument by argument, and how it reads the gradients back.</summary>
    internal sealed class DriverParts
    {
        public List<string> Call { get; } = new();

        /// <summary>The arguments of the reference F that finite differences call; the same as <see cref="Call"/> when empty.</summary>
        public List<string> ReferenceCall { get; } = new();

        public StringBuilder FusedGradients { get; } = new();

        public StringBuilder TwiceGradients { get; } = new();

        public List<string> FusedOuts { get; } = new();

        public List<string> TwiceRefs { get; } = new();

        public List<string> Flatten { get; } = new();

        /// <summary>
        /// An array's gradient <paramref name="name"/>: declared by <paramref name="fused"/> (filled with garbage the fused entry
        /// must overwrite) and by <paramref name="twice"/> (zeroed, for Backward to add into), then read into the result by <paramref name="flatten"/>.
        /// </summary>
        public void AddArrayGradient(string name, string fused, string twice, string flatten)
        {
            FusedGradients.Append("        ").Append(fused).Append('\n');
            TwiceGradients.Append("        ").Append(twice).Append('\n');
            FusedOuts.Add(name);
            TwiceRefs.Add(name);
            Flatten.Add(flatten);
        }

        /// <summary>A scalar's partial: out of the fused entry, by ref into Backward (from zero), then into the result.</summary>
        public void AddScalarGradient(string name, string type)
        {
            FusedOuts.Add("out var " + name);
            TwiceGradients.Append($"        {type} {name} = 0;\n");
            TwiceRefs.Add("ref " + name);
            Flatten.Add($"result.Add({name});");
        }
    }

    /// <summary>
    /// The driver's <c>Value</c>, <c>Reference</c>, <c>Fused</c> and <c>ForwardBackwardTwice</c> (seeds 1 then 2, so Backward
    /// must accumulate), calling <paramref name="type"/>'s F, whose value is a <paramref name="valueType"/>, and for
    /// finite differences <paramref name="referenceMethod"/>.
    /// </summary>
    internal static string EntryMethods(string type, DriverParts parts, string valueType = "double", string referenceMethod = "F")
    {
        string args = string.Join(", ", parts.Call);
        string referenceArgs = parts.ReferenceCall.Count > 0 ? string.Join(", ", parts.ReferenceCall) : args;
        string sep = parts.Call.Count > 0 ? ", " : "";
        string all = "var result = new System.Collections.Generic.List<double> { value };\n" + string.Concat(parts.Flatten.Select(f => "        " + f + "\n")) + "        return result.ToArray();\n";
        var text = new StringBuilder();
        text.Append($"    public static double Value(double[] a) => {type}.F({args});\n\n");
        text.Append($"    public static double Reference(double[] a) => {type}.{referenceMethod}({referenceArgs});\n\n");
        text.Append("    public static double[] Fused(double[] a)\n    {\n").Append(parts.FusedGradients);
        text.Append($"        {valueType} value = {type}.FValueAndGradient({args}{(parts.FusedOuts.Count > 0 ? sep + string.Join(", ", parts.FusedOuts) : "")});\n");
        text.Append("        ").Append(all).Append("    }\n\n");
        text.Append("    public static double[] ForwardBackwardTwice(double[] a)\n    {\n").Append(parts.TwiceGradients);
        text.Append($"        {valueType} value = {type}.FForward({args}{sep}out var tape);\n");
        string refs = string.Concat(parts.TwiceRefs.Select(r => ", " + r));
        text.Append($"        {type}.FBackward(in tape, 1{refs});\n");
        text.Append($"        {type}.FBackward(in tape, 2{refs});\n");
        text.Append("        tape.Dispose();\n");
        text.Append("        ").Append(all).Append("    }\n");
        return text.ToString();
    }
}
