using System;
using System.Collections.Generic;
using System.Globalization;
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
    private const string UsingDirectives = "using System;\nusing AutoDiffGen;\n";
    private const string Namespace = "Fuzz";
    private const string Usings = UsingDirectives + "\nnamespace " + Namespace + ";\n\n";

    public static string ClassName(int slot) => "P" + slot;

    public static string TensorClassName(int slot) => "P" + slot + "_Tensor";

    public static string DriverClassName(int slot) => "Fuzz.P" + slot + "_Driver";

    public static string UserFile(int slot) => $"Prog{slot}.cs";

    public static string TensorFile(int slot) => $"Prog{slot}.Tensor.cs";

    public static string DriverFile(int slot) => $"Prog{slot}.Driver.cs";

    public static string GeneratedFilePrefix(int slot) => $"Fuzz.P{slot}.";

    /// <summary>Whether a generated file belongs to the program in <paramref name="slot"/>: its class (Model nested in it too) or its extension class.</summary>
    public static bool IsGeneratedFileOf(int slot, string fileName) =>
        fileName.StartsWith(GeneratedFilePrefix(slot), System.StringComparison.Ordinal) ||
        fileName.StartsWith($"{Namespace}.{ProgramPrinter.ExtensionNamespace(ClassName(slot))}.", System.StringComparison.Ordinal);

    /// <param name="tensorTwin">The program whose tensor printing is the graph oracle: the program itself, except in self-tests of the checker.</param>
    public static IEnumerable<(string Path, string Text)> For(FuzzProgram program, int slot, FuzzProgram? tensorTwin = null)
    {
        // Only a program that reduces or calls an elementwise method imports System.Numerics.Tensors, and only one calling LINQ
        // System.Linq: the user file is better left as the programs before them had it.
        string usings = UsingDirectives +
                        (FuzzProgramWalk.UsesLinq(program) ? "using System.Linq;\n" : string.Empty) +
                        (FuzzProgramWalk.UsesReductions(program) || FuzzProgramWalk.UsesElementwise(program) ? "using System.Numerics.Tensors;\n" : string.Empty);
        yield return (UserFile(slot), ProgramPrinter.ToCSharpFile(program, ClassName(slot), usings, Namespace));
        yield return (TensorFile(slot), Usings + ProgramPrinter.ToTensor(tensorTwin ?? program, TensorClassName(slot)));
        yield return (DriverFile(slot), Usings + Driver(program, slot));
    }

    /// <summary>
    /// Every entry point returns [value, ∂F/∂c0, ∂F/∂c1, …] for the point in its argument, over the coordinates of
    /// <see cref="FuzzProgram.CoordinateNames"/>: a double parameter is one coordinate, a collection parameter one per
    /// element. Each call gets collections of its own, cut from the point, so nothing one entry does reaches another.
    /// </summary>
    private static string Driver(FuzzProgram program, int slot)
    {
        FuzzMethod entry = program.Entry;
        string user = ClassName(slot);
        var arguments = new List<string>();
        var fusedGradients = new List<string>();
        var twiceGradients = new List<string>();
        var fusedDeclarations = new StringBuilder();
        var twiceDeclarations = new StringBuilder();
        var flatGradients = new List<string>();
        var graphLeaves = new StringBuilder();
        var graphArguments = new List<string>();
        var graphGradients = new List<string>();
        int offset = 0;
        for (int i = 0; i < entry.Parameters.Length; i++)
        {
            string o = offset.ToString(CultureInfo.InvariantCulture);
            FuzzParameterKind kind = entry.KindOf(i);
            if (kind is FuzzParameterKind.Matrix or FuzzParameterKind.Jagged)
            {
                ShapedParameter(kind, i, offset, arguments, fusedGradients, twiceGradients, fusedDeclarations, twiceDeclarations, flatGradients,
                    graphLeaves, graphArguments, graphGradients);
                offset += kind.Coordinates();
                continue;
            }

            if (!kind.IsCollection())
            {
                arguments.Add($"a[{o}]");
                fusedGradients.Add($"out double d{i}");
                twiceDeclarations.Append($"        double d{i} = 0;\n");
                twiceGradients.Add($"ref d{i}");
                flatGradients.Add($"d{i}");
                graphLeaves.Append($"        var p{i} = Tensor.Scalar(a[{o}], DType.Float64, requiresGrad: true);\n");
                graphArguments.Add($"p{i}");
                graphGradients.Add($"p{i}.Grad?.Item() ?? 0.0");
                offset++;
                continue;
            }

            const int n = FuzzIndex.ArrayLength;
            arguments.Add(kind switch
            {
                FuzzParameterKind.Array => $"a.AsSpan({o}, {n}).ToArray()",
                FuzzParameterKind.Span => $"a.AsSpan({o}, {n}).ToArray().AsSpan()",
                _ => $"new ReadOnlySpan<double>(a, {o}, {n})",
            });
            // The fused entry must overwrite a span's gradient (garbage first); Backward must add to it (zeros first).
            fusedDeclarations.Append($"        var d{i} = new double[{n}];\n        Array.Fill(d{i}, 7.0);\n");
            twiceDeclarations.Append($"        var d{i} = new double[{n}];\n");
            fusedGradients.Add($"d{i}");
            twiceGradients.Add($"d{i}");
            graphLeaves.Append($"        var p{i} = new Tensor[{n}];\n");
            graphLeaves.Append($"        for (int e = 0; e < {n}; e++) {{ p{i}[e] = Tensor.Scalar(a[{o} + e], DType.Float64, requiresGrad: true); }}\n");
            // F gets a copy of the array of leaves: a writer it calls replaces elements of what it is given, and the
            // gradient is read from the leaves, the values the collection held before the call (as the generated entries give it).
            graphArguments.Add($"(Tensor[])p{i}.Clone()");
            for (int e = 0; e < n; e++)
            {
                flatGradients.Add($"d{i}[{e}]");
                graphGradients.Add($"p{i}[{e}].Grad?.Item() ?? 0.0");
            }

            offset += n;
        }

        string args = string.Join(", ", arguments);
        string values = string.Concat(flatGradients.Select(g => ", " + g));

        var text = new StringBuilder();
        text.Append("public static class ").Append(user).Append("_Driver\n{\n");
        text.Append("    public static double Value(double[] a) => ").Append(user).Append(".F(").Append(args).Append(");\n\n");

        text.Append("    public static double[] Fused(double[] a)\n    {\n").Append(fusedDeclarations);
        text.Append("        double value = ").Append(user).Append(".FValueAndGradient(").Append(args)
            .Append(string.Concat(fusedGradients.Select(g => ", " + g))).Append(");\n");
        text.Append("        return new[] { value").Append(values).Append(" };\n    }\n\n");

        // Backward accumulates: seeds 1 then 2 must leave 3 × the gradient.
        string refs = string.Concat(twiceGradients.Select(g => ", " + g));
        text.Append("    public static double[] ForwardBackwardTwice(double[] a)\n    {\n");
        text.Append("        double value = ").Append(user).Append(".FForward(").Append(args).Append(", out var tape);\n");
        text.Append(twiceDeclarations);
        text.Append("        ").Append(user).Append(".FBackward(in tape, 1.0").Append(refs).Append(");\n");
        text.Append("        ").Append(user).Append(".FBackward(in tape, 2.0").Append(refs).Append(");\n");
        text.Append("        return new[] { value").Append(values).Append(" };\n    }\n\n");

        text.Append("    public static double[] Graph(double[] a)\n    {\n").Append(graphLeaves);
        text.Append("        Tensor result = ").Append(TensorClassName(slot)).Append(".F(").Append(string.Join(", ", graphArguments)).Append(");\n");
        // A result that does not depend on any input has no graph: its gradient is zero everywhere.
        text.Append("        if (result.RequiresGrad) { result.Backward(); }\n");
        text.Append("        return new[] { result.Item()").Append(string.Concat(graphGradients.Select(g => ", " + g))).Append(" };\n    }\n}\n");
        return text.ToString();
    }

    /// <summary>
    /// A 2-D or jagged parameter: its elements cut from the point in row-major order, a gradient of the same shape (filled
    /// with garbage for the fused entry, which must overwrite it; zeros for Backward, which adds), and a twin of 0-d leaves.
    /// </summary>
    private static void ShapedParameter(FuzzParameterKind kind, int i, int offset, List<string> arguments, List<string> fusedGradients,
        List<string> twiceGradients, StringBuilder fusedDeclarations, StringBuilder twiceDeclarations, List<string> flatGradients,
        StringBuilder graphLeaves, List<string> graphArguments, List<string> graphGradients)
    {
        bool matrix = kind == FuzzParameterKind.Matrix;
        (int Row, int Column)[] elements = (matrix ? FuzzShapes.MatrixElements : FuzzShapes.JaggedElements).ToArray();
        string At((int Row, int Column) e) => matrix ? $"[{e.Row}, {e.Column}]" : $"[{e.Row}][{e.Column}]";
        string Shaped(string type, Func<int, string> element)
        {
            IEnumerable<string> rows = elements.Select((e, k) => (e, k)).GroupBy(p => p.e.Row)
                .Select(row => string.Join(", ", row.Select(p => element(p.k))));
            return matrix
                ? $"new {type}[,] {{ {string.Join(", ", rows.Select(r => $"{{ {r} }}"))} }}"
                : $"new {type}[][] {{ {string.Join(", ", rows.Select(r => $"new {type}[] {{ {r} }}"))} }}";
        }

        string Coordinate(int k) => $"a[{(offset + k).ToString(CultureInfo.InvariantCulture)}]";
        arguments.Add(Shaped("double", Coordinate));
        fusedDeclarations.Append($"        var d{i} = {Shaped("double", _ => "7.0")};\n");
        twiceDeclarations.Append($"        var d{i} = {Shaped("double", _ => "0.0")};\n");
        fusedGradients.Add($"d{i}");
        twiceGradients.Add($"d{i}");
        graphLeaves.Append($"        var p{i} = {Shaped("Tensor", k => $"Tensor.Scalar({Coordinate(k)}, DType.Float64, requiresGrad: true)")};\n");
        // A copy of the leaves, as for a 1-D collection: F may write a matrix's elements; the gradient is read from the leaves.
        graphArguments.Add(matrix ? $"(Tensor[,])p{i}.Clone()" : $"p{i}");
        foreach ((int Row, int Column) e in elements)
        {
            flatGradients.Add($"d{i}{At(e)}");
            graphGradients.Add($"p{i}{At(e)}.Grad?.Item() ?? 0.0");
        }
    }
}
