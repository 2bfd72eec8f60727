using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The files of one program in a batch compilation, kept apart so a compile error tells whose fault
/// it is: <c>ProgN.cs</c> (the user's code), <c>ProgN.Tensor.cs</c> (the tensor twin),
/// <c>ProgN.Driver.cs</c> (calls the generated API; fails to bind when no code was generated), and
/// the generated files, whose hint names start with <c>Fuzz.PN.</c>.
/// </summary>
public static class BatchSources
{
    private const string Usings = "using System;\nusing AutoDiffGen;\n\nnamespace Fuzz;\n\n";

    public static string ClassName(int slot) => "P" + slot;

    public static string TensorClassName(int slot) => "P" + slot + "_Tensor";

    public static string DriverClassName(int slot) => "Fuzz.P" + slot + "_Driver";

    public static string UserFile(int slot) => $"Prog{slot}.cs";

    public static string TensorFile(int slot) => $"Prog{slot}.Tensor.cs";

    public static string DriverFile(int slot) => $"Prog{slot}.Driver.cs";

    public static string GeneratedFilePrefix(int slot) => $"Fuzz.P{slot}.";

    /// <param name="tensorTwin">The program whose tensor printing is the graph oracle: the program itself, except in self-tests of the checker.</param>
    public static IEnumerable<(string Path, string Text)> For(FuzzProgram program, int slot, FuzzProgram? tensorTwin = null)
    {
        yield return (UserFile(slot), Usings + ProgramPrinter.ToCSharp(program, ClassName(slot)));
        yield return (TensorFile(slot), Usings + ProgramPrinter.ToTensor(tensorTwin ?? program, TensorClassName(slot)));
        yield return (DriverFile(slot), Usings + Driver(program, slot));
    }

    /// <summary>Every entry point returns [value, ∂F/∂p0, ∂F/∂p1, …] for the point in its argument.</summary>
    private static string Driver(FuzzProgram program, int slot)
    {
        string[] parameters = program.Entry.Parameters.ToArray();
        string user = ClassName(slot);
        string arguments = string.Join(", ", parameters.Select((_, i) => $"a[{i}]"));
        string outs = string.Concat(parameters.Select((_, i) => $", out double d{i}"));
        string refs = string.Concat(parameters.Select((_, i) => $", ref d{i}"));
        string gradients = string.Concat(parameters.Select((_, i) => $", d{i}"));

        var text = new StringBuilder();
        text.Append("public static class ").Append(user).Append("_Driver\n{\n");
        text.Append("    public static double Value(double[] a) => ").Append(user).Append(".F(").Append(arguments).Append(");\n\n");

        text.Append("    public static double[] Fused(double[] a)\n    {\n");
        text.Append("        double value = ").Append(user).Append(".FValueAndGradient(").Append(arguments).Append(outs).Append(");\n");
        text.Append("        return new[] { value").Append(gradients).Append(" };\n    }\n\n");

        // Backward accumulates: seeds 1 then 2 must leave 3 × the gradient.
        text.Append("    public static double[] ForwardBackwardTwice(double[] a)\n    {\n");
        text.Append("        double value = ").Append(user).Append(".FForward(").Append(arguments).Append(", out var tape);\n");
        foreach (int i in Enumerable.Range(0, parameters.Length))
        {
            text.Append("        double d").Append(i).Append(" = 0;\n");
        }

        text.Append("        ").Append(user).Append(".FBackward(in tape, 1.0").Append(refs).Append(");\n");
        text.Append("        ").Append(user).Append(".FBackward(in tape, 2.0").Append(refs).Append(");\n");
        text.Append("        return new[] { value").Append(gradients).Append(" };\n    }\n\n");

        text.Append("    public static double[] Graph(double[] a)\n    {\n");
        foreach (int i in Enumerable.Range(0, parameters.Length))
        {
            text.Append("        var p").Append(i).Append($" = Tensor.Scalar(a[{i}], DType.Float64, requiresGrad: true);\n");
        }

        text.Append("        Tensor result = ").Append(TensorClassName(slot)).Append(".F(")
            .Append(string.Join(", ", parameters.Select((_, i) => "p" + i))).Append(");\n");
        // A result that does not depend on any input has no graph: its gradient is zero everywhere.
        text.Append("        if (result.RequiresGrad) { result.Backward(); }\n");
        text.Append("        return new[] { result.Item()")
            .Append(string.Concat(parameters.Select((_, i) => $", p{i}.Grad?.Item() ?? 0.0"))).Append(" };\n    }\n}\n");
        return text.ToString();
    }
}
