using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>
/// Writes one case's source file: the user's partial class (as a user would write it) and a small
/// driver class that calls the generated API and returns plain doubles for the test to compare.
/// The driver returns [value, ∂F/∂p0, ∂F/∂p1, …] for the active parameters p.
/// </summary>
public static class CaseSourceBuilder
{
    public static string Build(NumericCase c)
    {
        string scalar = c.IsFloat ? "float" : "double";
        // Instance methods are called on a fresh instance; static ones through the class name.
        string target = c.IsInstance ? "target" : c.ClassName;
        string makeTarget = c.IsInstance ? "        var target = new " + c.ClassName + "();\n" : string.Empty;
        CaseParameter[] active = c.Active.ToArray();

        var source = new StringBuilder();
        // "using static" lets a fixed argument name a constant of the case class (e.g. N).
        source.Append("using System;\nusing AutoDiffGen;\nusing static NumericCases.").Append(c.ClassName).Append(";\n\nnamespace NumericCases;\n\n");
        source.Append("public partial class ").Append(c.ClassName).Append("\n{\n").Append(c.Members).Append("\n}\n\n");
        if (c.OtherTypes.Length > 0)
        {
            source.Append(c.OtherTypes).Append("\n\n");
        }

        source.Append("public static class ").Append(c.DriverName).Append("\n{\n");
        if (c.CustomDriver is not null)
        {
            return source.Append(c.CustomDriver).Append("\n}\n").ToString();
        }


        source.Append("    public static double Value(double[] a)\n    {\n").Append(makeTarget);
        source.Append("        return ").Append(target).Append(".F(").Append(Arguments(c, scalar)).Append(");\n    }\n\n");

        string referenceMethod = c.IsFloat ? "FReference" : "F";
        source.Append("    public static double Reference(double[] a)\n    {\n").Append(makeTarget);
        source.Append("        return ").Append(target).Append('.').Append(referenceMethod).Append('(').Append(Arguments(c, "double")).Append(");\n    }\n\n");

        source.Append("    public static double[] Fused(double[] a)\n    {\n").Append(makeTarget);
        source.Append("        var value = ").Append(target).Append(".FValueAndGradient(").Append(Arguments(c, scalar));
        foreach (CaseParameter p in active)
        {
            source.Append(", out var d").Append(p.Name);
        }

        source.Append(");\n        return new double[] { value").Append(string.Concat(active.Select(p => ", d" + p.Name))).Append(" };\n    }\n\n");

        // Backward must ADD seed × gradient: seeds 1 then 2 into the same adjoints must give 3 × gradient.
        source.Append("    public static double[] ForwardBackwardTwice(double[] a)\n    {\n");
        source.Append(makeTarget);
        source.Append("        var value = ").Append(target).Append(".FForward(").Append(Arguments(c, scalar)).Append(", out var tape);\n");
        foreach (CaseParameter p in active)
        {
            source.Append("        ").Append(scalar).Append(" d").Append(p.Name).Append(" = 0;\n");
        }

        string adjoints = string.Concat(active.Select(p => ", ref d" + p.Name));
        source.Append("        ").Append(target).Append(".FBackward(in tape, 1").Append(adjoints).Append(");\n");
        source.Append("        ").Append(target).Append(".FBackward(in tape, 2").Append(adjoints).Append(");\n");
        source.Append("        return new double[] { value").Append(string.Concat(active.Select(p => ", d" + p.Name))).Append(" };\n    }\n}\n");
        return source.ToString();
    }

    /// <summary>Arguments for F in declaration order: active ones from the point array, fixed ones as written.</summary>
    private static string Arguments(NumericCase c, string scalar)
    {
        var arguments = new List<string>();
        int index = 0;
        foreach (CaseParameter p in c.Parameters)
        {
            arguments.Add(p.IsDifferentiable ? $"({scalar})a[{index++}]" : p.FixedValue);
        }

        return string.Join(", ", arguments);
    }
}
