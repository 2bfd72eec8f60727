using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Prints a <see cref="FuzzProgram"/> twice: as the user's C# on doubles (what the generator
/// differentiates) and as the same function on float64 tensors (what the runtime's dynamic graph
/// differentiates). The tensor twin spends no effort on speed; it only has to mean the same thing.
/// </summary>
public static partial class ProgramPrinter
{
    /// <summary>
    /// The [Differentiable] methods as a user would write them: static helpers and F in <c>public static partial class</c>
    /// <paramref name="className"/>, instance helpers in its nested class <c>Model</c> (with constant fields and the static
    /// members callers reach it through), extension helpers in <c>public static partial class</c> <paramref name="className"/>_Ext.
    /// </summary>
    public static string ToCSharp(FuzzProgram program, string className)
    {
        var text = new StringBuilder();
        text.Append("public static partial class ").Append(className).Append("\n{\n");
        foreach (FuzzMethod method in program.Methods.Where(m => m.Role == FuzzMethodRole.Static))
        {
            AppendMethod(text, method, "    ", method.ReturnsVoid ? "public static void " : "public static double ");
        }

        FuzzMethod[] instance = program.Methods.Where(m => m.Role == FuzzMethodRole.Instance).ToArray();
        if (instance.Length > 0)
        {
            text.Append("    public sealed partial class Model\n    {\n");
            text.Append("        public static readonly Model Default = new Model();\n\n");
            text.Append("        public static Model Shared { get; } = new Model();\n\n");
            foreach ((string name, double value) in ModelFields.All)
            {
                text.Append("        public readonly double ").Append(name).Append(" = ").Append(DoubleLiteral(value)).Append(";\n");
            }

            text.Append('\n');
            foreach (FuzzMethod method in instance)
            {
                AppendMethod(text, method, "        ", "public double ");
            }

            text.Append("    }\n");
        }

        text.Append("}\n");
        return ExtensionClass(program, className) is { } extensions ? text.Append('\n').Append(extensions).ToString() : text.ToString();
    }

    /// <summary>
    /// A whole user file: <paramref name="usings"/>, then the program in namespace <paramref name="ns"/>. Extension helpers go to a
    /// namespace of their own, imported by this file only: programs checked in one batch share <paramref name="ns"/>, and two
    /// H0 extensions of double visible at once would make every call ambiguous.
    /// </summary>
    public static string ToCSharpFile(FuzzProgram program, string className, string usings, string ns)
    {
        if (ExtensionClass(program, className) is not { } extensions)
        {
            return $"{usings}\nnamespace {ns};\n\n{ToCSharp(program with { Methods = program.Methods.Where(m => m.Role != FuzzMethodRole.Extension).ToImmutableArray() }, className)}";
        }

        string extensionNamespace = ns + "." + ExtensionNamespace(className);
        string main = ToCSharp(program with { Methods = program.Methods.Where(m => m.Role != FuzzMethodRole.Extension).ToImmutableArray() }, className);
        return $"{usings}using {extensionNamespace};\n\nnamespace {ns}\n{{\n{main}}}\n\nnamespace {extensionNamespace}\n{{\n{extensions}}}\n";
    }

    /// <summary>The class holding a program's extension helpers (extension methods must be in a top-level static class).</summary>
    public static string ExtensionClassName(string className) => className + "_Ext";

    /// <summary>The namespace, under the program's, of <see cref="ExtensionClassName"/>.</summary>
    public static string ExtensionNamespace(string className) => className + "Extensions";

    private static string? ExtensionClass(FuzzProgram program, string className)
    {
        FuzzMethod[] extensions = program.Methods.Where(m => m.Role == FuzzMethodRole.Extension).ToArray();
        if (extensions.Length == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        text.Append("public static partial class ").Append(ExtensionClassName(className)).Append("\n{\n");
        foreach (FuzzMethod method in extensions)
        {
            AppendMethod(text, method, "    ", "public static double ");
        }

        return text.Append("}\n").ToString();
    }

    private static void AppendMethod(StringBuilder text, FuzzMethod method, string indent, string signature)
    {
        string parameters = ParameterList(method, tensor: false);
        text.Append(indent).Append("[Differentiable]\n").Append(indent).Append(signature).Append(method.Name).Append('(')
            .Append(method.Role == FuzzMethodRole.Extension ? "this " : string.Empty).Append(parameters).Append(")\n")
            .Append(indent).Append("{\n");
        foreach (FuzzStatement statement in method.Body)
        {
            AppendStatement(text, statement, indent + "    ", tensor: false);
        }

        if (!method.ReturnsVoid)
        {
            text.Append(indent).Append("    return ").Append(Expr(method.Result, tensor: false)).Append(";\n");
        }

        text.Append(indent).Append("}\n\n");
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
        text.Append("    private static Tensor[] Zeros() => new[] { K(0.0), K(0.0), K(0.0) };\n");
        text.Append("    private static Tensor[,] Zeros2D() => new[,] { { K(0.0), K(0.0), K(0.0) }, { K(0.0), K(0.0), K(0.0) } };\n\n");
        if (FuzzProgramWalk.UsesReductions(program))
        {
            text.Append(TwinReductions.Helpers);
        }

        if (FuzzProgramWalk.UsesLinq(program))
        {
            text.Append(TwinLibraryCalls.LinqHelpers);
        }

        foreach (FuzzMethod method in program.Methods)
        {
            text.Append(method.ReturnsVoid ? "    public static void " : "    public static Tensor ").Append(method.Name).Append('(')
                .Append(ParameterList(method, tensor: true)).Append(")\n    {\n");
            // What a [NoDerivative] parameter means: its argument's gradient stops at the call.
            foreach (string passive in method.Passive.IsDefault ? ImmutableArray<string>.Empty : method.Passive)
            {
                text.Append("        ").Append(passive).Append(" = ").Append(passive).Append(".Detach();\n");
            }

            foreach (FuzzStatement statement in method.Body)
            {
                AppendStatement(text, statement, "        ", tensor: true);
            }

            if (!method.ReturnsVoid)
            {
                text.Append("        return ").Append(Expr(method.Result, tensor: true)).Append(";\n");
            }

            text.Append("    }\n\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>In the tensor twin every collection is a Tensor[] of 0-d tensors, and an int stays an int.</summary>
    private static string ParameterList(FuzzMethod method, bool tensor) =>
        string.Join(", ", method.Parameters.Select((p, i) => (!tensor && method.IsPassive(i) ? "[NoDerivative] " : string.Empty) + method.ReferenceModifier(i) +
            ParameterType(method.KindOf(i), tensor) + " " + p));

    public static string ParameterType(FuzzParameterKind kind, bool tensor) => kind switch
    {
        FuzzParameterKind.Double => tensor ? "Tensor" : "double",
        FuzzParameterKind.RefDouble => tensor ? "ref Tensor" : "ref double",
        FuzzParameterKind.Int => "int",
        FuzzParameterKind.Matrix => tensor ? "Tensor[,]" : "double[,]",
        FuzzParameterKind.Jagged => tensor ? "Tensor[][]" : "double[][]",
        _ when tensor => "Tensor[]",
        FuzzParameterKind.Array => "double[]",
        FuzzParameterKind.ReadOnlySpan => "ReadOnlySpan<double>",
        FuzzParameterKind.Span => "Span<double>",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown parameter kind."),
    };

    /// <summary>The statements of a block opened by the caller, one level in, and its closing brace.</summary>
    private static void AppendBlockBody(StringBuilder text, IEnumerable<FuzzStatement> body, string indent, bool tensor)
    {
        foreach (FuzzStatement inner in body)
        {
            AppendStatement(text, inner, indent + "    ", tensor);
        }

        text.Append(indent).Append("}\n");
    }

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
                // The tensor twin's array is simply a fresh zeroed one each time the declaration runs, in a loop too.
                string length = d.SizeLocal ?? (d.LengthOf is null ? FuzzIndex.ArrayLength.ToString(CultureInfo.InvariantCulture) : d.LengthOf + ".Length");
                text.Append(indent).Append(tensor ? "Tensor[] " : "double[] ").Append(d.Name)
                    .Append(tensor ? " = Zeros();\n" : $" = new double[{length}];\n");
                break;
            case DeclareView v:
                text.Append(indent).Append(tensor ? "Tensor[]" : v.ArrayType ? "double[]" : v.Writable ? "Span<double>" : "ReadOnlySpan<double>").Append(' ').Append(v.Name)
                    .Append(" = ").Append(tensor ? v.Base : v.Text).Append(";\n");
                break;
            case DeclareLocalFunction f:
                AppendLocalFunction(text, f, indent, tensor);
                break;
            case ElementwiseCall call:
                AppendElementwise(text, call, indent, tensor);
                break;
            case SwapArrays w:
                text.Append(indent).Append($"({w.First}, {w.Second}) = ({w.Second}, {w.First});\n");
                break;
            case CallStatement c:
                // The twin's writer writes the elements of the Tensor[] it is given, as the C# writer writes the array.
                text.Append(indent).Append(CallText(c.Call, tensor)).Append(";\n");
                break;
            case DeclareMatrix m:
                text.Append(indent).Append(tensor ? $"Tensor[,] {m.Name} = Zeros2D();\n" : $"double[,] {m.Name} = new double[{m.ExtentsText}];\n");
                break;
            case ElementWrite w:
                text.Append(indent).Append($"{w.Collection}[{w.Index}] {w.Op} {Expr(w.Value, tensor)};\n");
                break;
            case SteppedWrite w:
                text.Append(indent).Append($"{w.Array}[{w.Step}] {w.Op} {Expr(w.Value, tensor)};\n");
                break;
            case ArrayWrite w:
                text.Append(indent).Append(w.Array).Append('[').Append(Index(w.Index, w.Array)).Append("] ").Append(w.Op).Append(' ').Append(Expr(w.Value, tensor)).Append(";\n");
                break;
            case SpanStore store when tensor:
                AppendTwinSpanStore(text, store, indent);
                break;
            case SpanStore store when SpelledWithArrayMethods(store):
                text.Append(indent).Append(ArrayMethodText(store));
                break;
            case SpanStore store:
                text.Append(indent).Append(store.Method switch
                {
                    "Clear" => $"{RegionText(store.Target)}.Clear();\n",
                    "Fill" => $"{RegionText(store.Target)}.Fill({Expr(store.Value!, tensor: false)});\n",
                    _ => $"{RegionText(store.Source!)}.CopyTo({RegionText(store.Target)});\n",
                });
                break;
            case BreakIf b:
                text.Append(indent).Append("if (").Append(Condition(b.Condition, tensor)).Append(")\n")
                    .Append(indent).Append("{\n").Append(indent).Append("    break;\n").Append(indent).Append("}\n");
                break;
            case For f:
                string bound = f.Bound ?? (f.LengthOf is null ? f.Count.ToString(CultureInfo.InvariantCulture) : f.LengthOf + ".Length");
                text.Append(indent).Append(f.Down
                    ? $"for (int {f.Counter} = {bound} - 1; {f.Counter} >= {f.Start}; {f.Counter}--)\n"
                    : $"for (int {f.Counter} = {f.Start}; {f.Counter} < {bound}; {f.Counter}++)\n").Append(indent).Append("{\n");
                AppendBlockBody(text, f.Body, indent, tensor);
                break;
            case Fill f:
                text.Append(indent).Append($"for (int {f.Counter} = 0; {f.Counter} < {f.Bound}; {f.Counter}++)\n").Append(indent).Append("{\n");
                AppendBlockBody(text, f.Second is null ? new FuzzStatement[] { f.Store } : new[] { f.Store, f.Second }, indent, tensor);
                break;
            case ForEach f:
                // The twin's collections are Tensor[]: its element is a 0-d tensor, read as the double is.
                string elementType = f.Var ? "var" : f.Rows ? type + "[]" : type;
                text.Append(indent).Append($"foreach ({elementType} {f.Element} in {f.Collection})\n").Append(indent).Append("{\n");
                AppendBlockBody(text, f.Body, indent, tensor);
                break;
            case ContinueIf c:
                text.Append(indent).Append("if (").Append(Condition(c.Condition, tensor)).Append(")\n")
                    .Append(indent).Append("{\n").Append(indent).Append("    continue;\n").Append(indent).Append("}\n");
                break;
            case While w:
                string extra = w.Extra is null ? string.Empty : " && " + Condition(w.Extra, tensor);
                text.Append(indent).Append($"int {w.Counter} = -1;\n")
                    .Append(indent).Append($"while ({w.Counter} < {IntLiteral(w.Count - 1)}{extra})\n").Append(indent).Append("{\n")
                    .Append(indent).Append($"    {w.Counter}++;\n");
                AppendBlockBody(text, w.Body, indent, tensor);
                break;
            case SwitchOn s:
                text.Append(indent).Append($"switch ({s.Subject})\n").Append(indent).Append("{\n");
                for (int c = 0; c <= s.Cases.Length; c++)
                {
                    // Each section is a block of its own, so that its locals are its own, as the generator's scopes have them.
                    text.Append(indent).Append(c < s.Cases.Length ? $"    case {IntLiteral(c)}:\n" : "    default:\n").Append(indent).Append("    {\n");
                    foreach (FuzzStatement inner in c < s.Cases.Length ? s.Cases[c] : s.Default)
                    {
                        AppendStatement(text, inner, indent + "        ", tensor);
                    }

                    text.Append(indent).Append("        break;\n").Append(indent).Append("    }\n");
                }

                text.Append(indent).Append("}\n");
                break;
            case IntSet n:
                text.Append(indent).Append(n.Name).Append(" = ").Append(n.Counter).Append(";\n");
                break;
            case If f:
                text.Append(indent).Append("if (").Append(Condition(f.Condition, tensor)).Append(")\n").Append(indent).Append("{\n");
                AppendBlockBody(text, f.Then, indent, tensor);
                if (f.Else.Length > 0)
                {
                    text.Append(indent).Append("else\n").Append(indent).Append("{\n");
                    AppendBlockBody(text, f.Else, indent, tensor);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(statement), statement, "Unknown fuzz statement.");
        }
    }

    // A region as C# writes it: a span by name when whole, else its Slice; an array's AsSpan (a whole array's CopyTo(array) is ambiguous).
    private static string RegionText(FuzzRegion region) => region switch
    {
        { Whole: true, IsArray: true } => region.Collection + ".AsSpan()",
        { Whole: true } => region.Collection,
        { IsArray: true } => $"{region.Collection}.AsSpan({region.Start}, {region.Length})",
        _ => $"{region.Collection}.Slice({region.Start}, {region.Length})",
    };

    /// <summary>
    /// Whether a store on arrays only is printed with the Array methods that do the same (Array.Clear, Array.Fill,
    /// Array.Copy, an array's CopyTo(array, index)) rather than span calls: about half of them, chosen from the store itself so
    /// that no seed's program changes but its spelling.
    /// </summary>
    internal static bool SpelledWithArrayMethods(SpanStore store) =>
        store.Target.IsArray && store.Source is not { IsArray: false } &&
        (store.Target.Collection.Length + store.Target.Start + (store.Source?.Start ?? 0) + store.Method.Length) % 2 == 1;

    private static string ArrayMethodText(SpanStore store)
    {
        FuzzRegion target = store.Target;
        string range = target.Whole ? "" : $", {target.Start}, {target.Length}";
        if (store.Method != "CopyTo")
        {
            return store.Method == "Clear"
                ? $"Array.Clear({target.Collection}{range});\n"
                : $"Array.Fill({target.Collection}, {Expr(store.Value!, tensor: false)}{range});\n";
        }

        // All of the source goes to the destination from the region's start, as the span CopyTo puts it there.
        FuzzRegion source = store.Source!;
        return source.Whole
            ? $"{source.Collection}.CopyTo({target.Collection}, {target.Start});\n"
            : $"Array.Copy({source.Collection}, {source.Start}, {target.Collection}, {target.Start}, {IntLiteral(source.Length)});\n";
    }

    // The twin's collections are Tensor[] (a view is its base's array): a loop of stores, or Array.Copy, which copies
    // overlapping regions of one array as CopyTo does. In a block of its own, so its names are its own.
    private static void AppendTwinSpanStore(StringBuilder text, SpanStore store, string indent)
    {
        FuzzRegion target = store.Target;
        if (store.Method == "CopyTo")
        {
            text.Append(indent).Append($"System.Array.Copy({store.Source!.Collection}, {store.Source.Start}, {target.Collection}, {target.Start}, {target.Length});\n");
            return;
        }

        string value = store.Method == "Fill" ? "filled" : "K(0.0)";
        text.Append(indent).Append("{\n");
        if (store.Method == "Fill")
        {
            text.Append(indent).Append($"    Tensor filled = {Expr(store.Value!, tensor: true)};\n");
        }

        text.Append(indent).Append($"    for (int storeAt = 0; storeAt < {target.Length}; storeAt++) {target.Collection}[{target.Start} + storeAt] = {value};\n")
            .Append(indent).Append("}\n");
    }

    private static string Condition(FuzzCondition condition, bool tensor) => condition switch
    {
        DoubleComparison c when tensor => $"{Expr(c.Left, tensor)}.Item() {c.Op} {Expr(c.Right, tensor)}.Item()",
        DoubleComparison c => $"{Expr(c.Left, tensor)} {c.Op} {Expr(c.Right, tensor)}",
        IntComparison c => $"{c.IntLocal} {c.Op} {IntLiteral(c.Constant)}",
        // Parenthesised: a pattern followed by ?: would otherwise read as a nullable type. The twin tests the double with C#'s own pattern.
        DoublePatternTest p => $"({Expr(p.Subject, tensor)}{(tensor ? ".Item()" : string.Empty)} is {Pattern(p.Pattern, integer: false)})",
        IntPatternTest p => $"({p.IntLocal} is {Pattern(p.Pattern, integer: true)})",
        FuzzLogical l => $"({Condition(l.Left, tensor)} {(l.IsOr ? "||" : "&&")} {Condition(l.Right, tensor)})",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown fuzz condition."),
    };

    /// <summary>Sub-patterns that combine others are parenthesised, so and/or/not precedence never matters.</summary>
    private static string Pattern(FuzzPattern pattern, bool integer) => pattern switch
    {
        FuzzRelational r => $"{r.Op} {PatternConstant(r.Value, integer)}",
        FuzzConstant c => PatternConstant(c.Value, integer),
        FuzzNot n => $"not {PatternOperand(n.Operand, integer)}",
        FuzzAndOr a => $"{PatternOperand(a.Left, integer)} {(a.IsOr ? "or" : "and")} {PatternOperand(a.Right, integer)}",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown fuzz pattern."),
    };

    private static string PatternOperand(FuzzPattern pattern, bool integer) =>
        pattern is FuzzNot or FuzzAndOr ? "(" + Pattern(pattern, integer) + ")" : Pattern(pattern, integer);

    /// <summary>A constant in a pattern: an int for int subjects, else a double literal; a minus sign needs no parentheses there.</summary>
    private static string PatternConstant(double value, bool integer) =>
        integer ? ((int)value).ToString(CultureInfo.InvariantCulture) : DoubleLiteral(value).Trim('(', ')');

    /// <summary>Every compound expression is parenthesised, so precedence never differs between the two printings.</summary>
    private static string Expr(FuzzExpr expr, bool tensor) => expr switch
    {
        Num n => tensor ? $"K({DoubleLiteral(n.Value)})" : DoubleLiteral(n.Value),
        Var v => v.Name,
        CollectionArg c => tensor ? c.Name : c.ViewText ?? c.Name,
        IntArg n => n.Counter ?? IntLiteral(n.Value),
        RefArg r => "ref " + r.Name,
        InArg a => "in " + a.Name,
        LocalCall c => $"{c.Name}({string.Join(", ", c.Arguments.Select(a => Expr(a, tensor)))})",
        LinqReduction l => LinqText(l, tensor),
        ArrayRead r => $"{r.Array}[{Index(r.Index, r.Array)}]",
        ElementAt e => $"{e.Collection}[{e.Index}]",
        SteppedRead r => $"{r.Array}[{r.Step}]",
        Reduction r => tensor ? TwinReductions.Call(r) : ReductionText(r),
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
        FieldRead f => tensor ? $"K({DoubleLiteral(ModelFields.ValueOf(f.Field))})" : f.Field,
        Call c => CallText(c, tensor),
        _ => throw new ArgumentOutOfRangeException(nameof(expr), expr, "Unknown fuzz expression."),
    };

    private static string ReductionText(Reduction r) =>
        $"TensorPrimitives.{r.Method}{(r.TypeArgument ? "<double>" : string.Empty)}({r.First.Text}{(r.Second is { } second ? ", " + second.Text : string.Empty)})";

    /// <summary>The tensor twin's methods all live in one static class: every call there is a plain one.</summary>
    private static string CallText(Call c, bool tensor)
    {
        string Arguments(int skip) => string.Join(", ", c.Arguments.Skip(skip).Select(a => Expr(a, tensor)));
        return (tensor ? CallStyle.Plain : c.Style) switch
        {
            CallStyle.Extension => $"{Receiver(c.Arguments[0])}.{c.Method}({Arguments(1)})",
            CallStyle.ThroughStaticField => $"Model.Default.{c.Method}({Arguments(0)})",
            CallStyle.ThroughStaticProperty => $"Model.Shared.{c.Method}({Arguments(0)})",
            _ => $"{c.Method}({Arguments(0)})",
        };
    }

    /// <summary>Every other expression prints as a primary expression or in parentheses; a bare number would read as 1.5.H0().</summary>
    private static string Receiver(FuzzExpr receiver) => receiver is Num ? "(" + Expr(receiver, tensor: false) + ")" : Expr(receiver, tensor: false);

    /// <summary>
    /// An index; a constant one into about a third of the collections is printed from the end (<c>a[^1]</c> for <c>a[2]</c>):
    /// every collection the generator makes is <see cref="FuzzIndex.ArrayLength"/> long, so both mean one element.
    /// </summary>
    private static string Index(FuzzIndex index, string collection) =>
        index.Counter is null ? (FromEnd(index, collection) ? "^" + IntLiteral(FuzzIndex.ArrayLength - index.Offset) : IntLiteral(index.Offset))
        : index.Offset == 0 ? index.Counter
        : $"({index.Counter} + {index.Offset}) % {FuzzIndex.ArrayLength}";

    internal static bool FromEnd(FuzzIndex index, string collection) => index.Counter is null && (collection.Length + index.Offset) % 3 == 2;

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
