using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AutoDiffGen.Generator.Tests.Fuzz;

// Local functions, LINQ and elementwise TensorPrimitives in both printings.
public static partial class ProgramPrinter
{
    /// <summary>The same local function in both printings: C# closures on double, or on Tensor in the twin.</summary>
    private static void AppendLocalFunction(StringBuilder text, DeclareLocalFunction function, string indent, bool tensor)
    {
        string type = tensor ? "Tensor" : "double";
        string parameters = string.Join(", ", function.Parameters.Select(p => p.IsInt ? "int " + p.Name : (p.In ? "in " : string.Empty) + type + " " + p.Name));
        text.Append(indent).Append(function.Static ? "static " : string.Empty).Append(type).Append(' ').Append(function.Name).Append('(').Append(parameters).Append(')');
        if (function.Body.IsEmpty)
        {
            text.Append(" => ").Append(Expr(function.Result, tensor)).Append(";\n");
            return;
        }

        text.Append('\n').Append(indent).Append("{\n");
        foreach (FuzzStatement statement in function.Body)
        {
            AppendStatement(text, statement, indent + "    ", tensor);
        }

        text.Append(indent).Append("    return ").Append(Expr(function.Result, tensor)).Append(";\n").Append(indent).Append("}\n");
    }

    private static string LinqText(LinqReduction reduction, bool tensor) =>
        tensor ? $"L{reduction.Method}({reduction.Collection})"
        : reduction.Static ? $"Enumerable.{reduction.Method}({reduction.Collection})"
        : $"{reduction.Collection}.{reduction.Method}()";

    /// <summary>
    /// The TensorPrimitives call; in the twin, its values evaluated once (as C# evaluates the arguments) and a loop of stores
    /// over the twin's Tensor[], indexed as the C# regions are, in a block of its own so its names are its own.
    /// </summary>
    private static void AppendElementwise(StringBuilder text, ElementwiseCall call, string indent, bool tensor)
    {
        if (!tensor)
        {
            IEnumerable<string> operands = call.Operands.Select(o => o.Span?.Text ?? Expr(o.Value!, tensor: false));
            text.Append(indent).Append($"TensorPrimitives.{call.Method}<double>({string.Join(", ", operands)}, {call.Destination.Text});\n");
            return;
        }

        text.Append(indent).Append("{\n");
        var elements = new List<string>();
        for (int i = 0; i < call.Operands.Length; i++)
        {
            ElementwiseOperand operand = call.Operands[i];
            if (operand.Span is { } span)
            {
                elements.Add($"{span.Collection}[{span.Start} + ewAt]");
                continue;
            }

            text.Append(indent).Append($"    Tensor ewValue{i} = {Expr(operand.Value!, tensor: true)};\n");
            elements.Add($"ewValue{i}");
        }

        string element = TwinLibraryCalls.Element(call.Method, elements);
        text.Append(indent).Append($"    for (int ewAt = 0; ewAt < {call.Length}; ewAt++) {call.Destination.Collection}[{call.Destination.Start} + ewAt] = {element};\n")
            .Append(indent).Append("}\n");
    }
}
