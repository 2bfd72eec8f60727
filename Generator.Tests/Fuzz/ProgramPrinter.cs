using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Prints a <see cref="FuzzProgram"/> twice: as the user's C# on doubles (what the generator
/// differentiates) and as the same function on float64 tensors (what the runtime's dynamic graph
/// differentiates). The tensor twin spends no effort on speed; it only has to mean the same thing.
/// </summary>
public static class ProgramPrinter
{
    /// <summary>The [Differentiable] methods as a user would write them, in <c>public static partial class</c> <paramref name="className"/>.</summary>
    public static string ToCSharp(FuzzProgram program, string className)
    {
        var text = new StringBuilder();
        text.Append("public static partial class ").Append(className).Append("\n{\n");
        foreach (FuzzMethod method in program.Methods)
        {
            text.Append("    [Differentiable]\n    public static double ").Append(method.Name).Append('(')
                .Append(ParameterList(method, tensor: false)).Append(")\n    {\n");
            foreach (FuzzStatement statement in method.Body)
            {
                AppendStatement(text, statement, "        ", tensor: false);
            }

            text.Append("        return ").Append(Expr(method.Result, tensor: false)).Append(";\n    }\n\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>The same methods on 0-d float64 tensors, in <c>public static class</c> <paramref name="className"/>.</summary>
    public static string ToTensor(FuzzProgram program, string className)
    {
        var text = new StringBuilder();
        text.Append("public static class ").Append(className).Append("\n{\n");
        text.Append("    private static Tensor K(double value) => Tensor.Scalar(value, DType.Float64);\n");
        // Math.Max/Min pick one operand; so does the graph, through the branch the comparison takes. On a tie
        // both operands get half the gradient, as torch.maximum/minimum give it (the generator's convention).
        text.Append("    private static Tensor Max(Tensor a, Tensor b) => a.Item() > b.Item() ? a : a.Item() < b.Item() ? b : (a + b) * 0.5;\n");
        text.Append("    private static Tensor Min(Tensor a, Tensor b) => a.Item() < b.Item() ? a : a.Item() > b.Item() ? b : (a + b) * 0.5;\n");
        text.Append("    private static Tensor[] Zeros() => new[] { K(0.0), K(0.0), K(0.0) };\n\n");
        foreach (FuzzMethod method in program.Methods)
        {
            text.Append("    public static Tensor ").Append(method.Name).Append('(')
                .Append(ParameterList(method, tensor: true)).Append(")\n    {\n");
            foreach (FuzzStatement statement in method.Body)
            {
                AppendStatement(text, statement, "        ", tensor: true);
            }

            text.Append("        return ").Append(Expr(method.Result, tensor: true)).Append(";\n    }\n\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>In the tensor twin every collection is a Tensor[] of 0-d tensors, and an int stays an int.</summary>
    private static string ParameterList(FuzzMethod method, bool tensor) =>
        string.Join(", ", method.Parameters.Select((p, i) => ParameterType(method.KindOf(i), tensor) + " " + p));

    public static string ParameterType(FuzzParameterKind kind, bool tensor) => kind switch
    {
        FuzzParameterKind.Double => tensor ? "Tensor" : "double",
        FuzzParameterKind.Int => "int",
        _ when tensor => "Tensor[]",
        FuzzParameterKind.Array => "double[]",
        FuzzParameterKind.ReadOnlySpan => "ReadOnlySpan<double>",
        FuzzParameterKind.Span => "Span<double>",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown parameter kind."),
    };

    private static void AppendStatement(StringBuilder text, FuzzStatement statement, string indent, bool tensor)
    {
        string type = tensor ? "Tensor" : "double";
        switch (statement)
        {
            case DeclareDouble d:
                text.Append(indent).Append(type).Append(' ').Append(d.Name).Append(" = ").Append(Expr(d.Value, tensor)).Append(";\n");
                break;
            case Assign a:
                text.Append(indent).Append(a.Name).Append(" = ").Append(Expr(a.Value, tensor)).Append(";\n");
                break;
            case CompoundAssign { Op: '/' } c:
                string den = Expr(c.Value, tensor);
                text.Append(indent).Append(c.Name).Append(" /= ").Append(tensor ? "K(1.0)" : "1.0").Append(" + ").Append(den).Append(" * ").Append(den).Append(";\n");
                break;
            case CompoundAssign c:
                text.Append(indent).Append(c.Name).Append(' ').Append(c.Op).Append("= ").Append(Expr(c.Value, tensor)).Append(";\n");
                break;
            case Increment i when tensor:
                text.Append(indent).Append(i.Name).Append(" = ").Append(i.Name).Append(i.Up ? " + 1.0;\n" : " - 1.0;\n");
                break;
            case Increment i:
                text.Append(indent).Append(i.Name).Append(i.Up ? "++;\n" : "--;\n");
                break;
            case DeclareInt d:
                text.Append(indent).Append("int ").Append(d.Name).Append(" = ").Append(d.Value.ToString(CultureInfo.InvariantCulture)).Append(";\n");
                break;
            case IntAdd a:
                text.Append(indent).Append(a.Name).Append(" += ").Append(IntLiteral(a.Delta)).Append(";\n");
                break;
            case ReturnIf r:
                text.Append(indent).Append("if (").Append(Condition(r.Condition, tensor)).Append(")\n")
                    .Append(indent).Append("{\n").Append(indent).Append("    return ").Append(Expr(r.Value, tensor)).Append(";\n")
                    .Append(indent).Append("}\n");
                break;
            case DeclareArray d:
                text.Append(indent).Append(tensor ? "Tensor[] " : "double[] ").Append(d.Name)
                    .Append(tensor ? " = Zeros();\n" : $" = new double[{FuzzIndex.ArrayLength}];\n");
                break;
            case ArrayWrite w:
                text.Append(indent).Append(w.Array).Append('[').Append(Index(w.Index)).Append("] ").Append(w.Op).Append(' ').Append(Expr(w.Value, tensor)).Append(";\n");
                break;
            case BreakIf b:
                text.Append(indent).Append("if (").Append(Condition(b.Condition, tensor)).Append(")\n")
                    .Append(indent).Append("{\n").Append(indent).Append("    break;\n").Append(indent).Append("}\n");
                break;
            case For f:
                string bound = f.LengthOf is null ? f.Count.ToString(CultureInfo.InvariantCulture) : f.LengthOf + ".Length";
                text.Append(indent).Append($"for (int {f.Counter} = 0; {f.Counter} < {bound}; {f.Counter}++)\n").Append(indent).Append("{\n");
                foreach (FuzzStatement inner in f.Body)
                {
                    AppendStatement(text, inner, indent + "    ", tensor);
                }

                text.Append(indent).Append("}\n");
                break;
            case If f:
                text.Append(indent).Append("if (").Append(Condition(f.Condition, tensor)).Append(")\n").Append(indent).Append("{\n");
                foreach (FuzzStatement inner in f.Then)
                {
                    AppendStatement(text, inner, indent + "    ", tensor);
                }

                text.Append(indent).Append("}\n");
                if (f.Else.Length > 0)
                {
                    text.Append(indent).Append("else\n").Append(indent).Append("{\n");
                    foreach (FuzzStatement inner in f.Else)
                    {
                        AppendStatement(text, inner, indent + "    ", tensor);
                    }

                    text.Append(indent).Append("}\n");
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(statement), statement, "Unknown fuzz statement.");
        }
    }

    private static string Condition(FuzzCondition condition, bool tensor) => condition switch
    {
        DoubleComparison c when tensor => $"{Expr(c.Left, tensor)}.Item() {c.Op} {Expr(c.Right, tensor)}.Item()",
        DoubleComparison c => $"{Expr(c.Left, tensor)} {c.Op} {Expr(c.Right, tensor)}",
        IntComparison c => $"{c.IntLocal} {c.Op} {IntLiteral(c.Constant)}",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown fuzz condition."),
    };

    /// <summary>Every compound expression is parenthesised, so precedence never differs between the two printings.</summary>
    private static string Expr(FuzzExpr expr, bool tensor) => expr switch
    {
        Num n => tensor ? $"K({DoubleLiteral(n.Value)})" : DoubleLiteral(n.Value),
        Var v => v.Name,
        CollectionArg c => c.Name,
        IntArg n => n.Counter ?? IntLiteral(n.Value),
        ArrayRead r => $"{r.Array}[{Index(r.Index)}]",
        Neg n => $"(-{Expr(n.Operand, tensor)})",
        Binary b => $"({Expr(b.Left, tensor)} {b.Op} {Expr(b.Right, tensor)})",
        SafeDiv d => $"({Expr(d.Numerator, tensor)} / {OnePlusSquare(d.Den, tensor)})",
        Unary u => UnaryCall(u, tensor),
        PowInt p => tensor
            ? $"{Expr(p.Base, tensor)}.Pow({DoubleLiteral(p.Exponent)})"
            : $"Math.Pow({Expr(p.Base, tensor)}, {DoubleLiteral(p.Exponent)})",
        PowVar p => tensor
            ? $"{OnePlusSquare(p.Base, tensor)}.Pow({Expr(p.Exponent, tensor)}.Sin())"
            : $"Math.Pow({OnePlusSquare(p.Base, tensor)}, Math.Sin({Expr(p.Exponent, tensor)}))",
        MinMax m => $"{(tensor ? string.Empty : "Math.")}{(m.IsMax ? "Max" : "Min")}({Expr(m.Left, tensor)}, {Expr(m.Right, tensor)})",
        Conditional c => $"({Condition(c.Condition, tensor)} ? {Expr(c.WhenTrue, tensor)} : {Expr(c.WhenFalse, tensor)})",
        Call c => $"{c.Method}({string.Join(", ", c.Arguments.Select(a => Expr(a, tensor)))})",
        _ => throw new ArgumentOutOfRangeException(nameof(expr), expr, "Unknown fuzz expression."),
    };

    private static string Index(FuzzIndex index) =>
        index.Counter is null ? IntLiteral(index.Offset)
        : index.Offset == 0 ? index.Counter
        : $"({index.Counter} + {index.Offset}) % {FuzzIndex.ArrayLength}";

    private static string UnaryCall(Unary u, bool tensor)
    {
        string arg = Expr(u.Arg, tensor);
        return u.Function switch
        {
            UnaryFunctions.LogOnePlusSquare => tensor ? $"{OnePlusSquare(u.Arg, tensor)}.Log()" : $"Math.Log{OnePlusSquare(u.Arg, tensor)}",
            UnaryFunctions.SqrtOnePlusSquare => tensor ? $"{OnePlusSquare(u.Arg, tensor)}.Sqrt()" : $"Math.Sqrt{OnePlusSquare(u.Arg, tensor)}",
            UnaryFunctions.ExpOfSin => tensor ? $"{arg}.Sin().Exp()" : $"Math.Exp(Math.Sin({arg}))",
            UnaryFunctions.Gaussian => tensor ? $"(-({arg} * {arg})).Exp()" : $"Math.Exp(-({arg} * {arg}))",
            _ => tensor ? $"{arg}.{u.Function}()" : $"Math.{u.Function}({arg})",
        };
    }

    private static string OnePlusSquare(FuzzExpr e, bool tensor)
    {
        string arg = Expr(e, tensor);
        return tensor ? $"(K(1.0) + {arg} * {arg})" : $"(1.0 + {arg} * {arg})";
    }

    private static string DoubleLiteral(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
        {
            text += ".0";
        }

        // Negative literals (-0.0 too) are parenthesised: "-" + "-0.5" would print the decrement operator.
        return text.StartsWith('-') ? "(" + text + ")" : text;
    }

    private static string IntLiteral(int value) =>
        value < 0 ? "(" + value.ToString(CultureInfo.InvariantCulture) + ")" : value.ToString(CultureInfo.InvariantCulture);
}
