using System;
using System.Globalization;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using Microsoft.CodeAnalysis.CSharp;
using Conversion = AutoDiffGen.Generator.Ir.Conversion;

namespace AutoDiffGen.Generator.Emit;

/// <summary>Prints IR expressions as C#: invariant-culture literals, fully qualified calls, parentheses only where needed.</summary>
internal static class ExprPrinter
{
    private const int ConditionalLevel = 1, OrLevel = 2, AndLevel = 3, EqualityLevel = 4, RelationalLevel = 5,
        AdditiveLevel = 6, MultiplicativeLevel = 7, UnaryLevel = 8, PrimaryLevel = 9;

    public static string Print(Expr expr) => Print(expr, 0);

    /// <summary>A C# identifier for <paramref name="name"/>, escaped with @ when it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string Literal(ScalarKind kind, double value)
    {
        switch (kind)
        {
            case ScalarKind.Bool:
                return value != 0 ? "true" : "false";
            case ScalarKind.Int:
                return ((int)value).ToString(CultureInfo.InvariantCulture);
            case ScalarKind.Float:
            {
                float f = (float)value;
                if (float.IsNaN(f)) return "float.NaN";
                if (float.IsPositiveInfinity(f)) return "float.PositiveInfinity";
                if (float.IsNegativeInfinity(f)) return "float.NegativeInfinity";
                return f.ToString("R", CultureInfo.InvariantCulture) + "f";
            }

            default:
            {
                if (double.IsNaN(value)) return "double.NaN";
                if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
                if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
                string text = value.ToString("R", CultureInfo.InvariantCulture);
                return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
            }
        }
    }

    private static string Print(Expr expr, int minimumLevel)
    {
        (string text, int level) = Format(expr);
        return level < minimumLevel ? "(" + text + ")" : text;
    }

    private static (string Text, int Level) Format(Expr expr)
    {
        switch (expr)
        {
            case Constant c:
            {
                string literal = Literal(c.Kind, c.Value);
                return (literal, literal.StartsWith("-", StringComparison.Ordinal) ? UnaryLevel : PrimaryLevel);
            }

            case VariableRef v:
                return (Identifier(v.Name), PrimaryLevel);
            case MemberRead m:
                return (m.Code, PrimaryLevel);
            case Unary u:
            {
                string operand = Print(u.Operand, UnaryLevel);
                string op = u.Operator == UnaryOperator.Negate ? "-" : "!";
                // "- -x" must not become the decrement "--x".
                return (op + (operand.StartsWith(op, StringComparison.Ordinal) ? "(" + operand + ")" : operand), UnaryLevel);
            }

            case Binary b:
            {
                int level = LevelOf(b.Operator);
                return (Print(b.Left, level) + " " + OperatorText.Of(b.Operator) + " " + Print(b.Right, level + 1), level);
            }

            case Conversion c:
                return ("(" + c.Kind.CSharpName() + ")" + Print(c.Operand, UnaryLevel), UnaryLevel);
            case Conditional c:
                return (Print(c.Condition, OrLevel) + " ? " + Print(c.WhenTrue, OrLevel) + " : " + Print(c.WhenFalse, OrLevel), ConditionalLevel);
            case MathCall { Container: MathContainer.TensorPrimitiveElement } m:
                return Format(m.Arguments[m.Arguments.Count - 1]);
            case MathCall { Container: MathContainer.TensorPrimitiveValues } m:
                // The element type spelled out: a Span argument would not infer a ReadOnlySpan<T> parameter's T before C# 14.
                return (OperatorText.ContainerName(m.Container) + "." + m.Function + "<" + m.Arguments[m.Arguments.Count - 1].Kind.CSharpName() + ">(" +
                        string.Join(", ", m.Arguments.Select(a => Print(a))) + ")", PrimaryLevel);
            case MathCall m:
                return (MathCallText(m.Function, m.Container, m.Arguments.Select(a => Print(a))), PrimaryLevel);
            case CollectionRef { View: { } view } c:
                return (Identifier(c.Name) + ".Slice(" + Print(view.Start) + ", " + Print(view.Length) + ")", PrimaryLevel);
            case CollectionRef c:
                return (Identifier(c.Name), PrimaryLevel);
            case ElementRead e:
                return (Print(e.Collection, PrimaryLevel) + "[" + Print(e.Index) + "]", PrimaryLevel);
            case LengthOf { Collection: CollectionRef { View: { } view } }:
                return Format(view.Length);
            case LengthOf l:
                return (Print(l.Collection, PrimaryLevel) + ".Length", PrimaryLevel);
            case UserCall u:
                return (CalleeEntries.Receiver(u.Callee) + Identifier(CalleeEntries.ValueEntry(u.Callee)) +
                        "(" + string.Join(", ", u.Arguments.Select(a => Print(a))) + ")", PrimaryLevel);
            default:
                throw new NotSupportedException("The printer does not know " + expr.GetType().Name);
        }
    }

    public static string MathCallText(MathFunction function, MathContainer container, System.Collections.Generic.IEnumerable<string> arguments) =>
        OperatorText.ContainerName(container) + "." + function + "(" + string.Join(", ", arguments) + ")";

    private static int LevelOf(BinaryOperator op) => op switch
    {
        BinaryOperator.LogicalOr => OrLevel,
        BinaryOperator.LogicalAnd => AndLevel,
        BinaryOperator.Equal or BinaryOperator.NotEqual => EqualityLevel,
        BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual => RelationalLevel,
        BinaryOperator.Add or BinaryOperator.Subtract => AdditiveLevel,
        _ => MultiplicativeLevel,
    };
}
