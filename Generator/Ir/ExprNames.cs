using System.Collections.Generic;

namespace AutoDiffGen.Generator.Ir;

/// <summary>The names an expression reads, for the analyses of both differentiation forms.</summary>
internal static class ExprNames
{
    /// <summary>Every variable and collection name <paramref name="expr"/> reads, in order, repeats included.</summary>
    public static IEnumerable<string> Read(Expr expr)
    {
        switch (expr)
        {
            case VariableRef v: yield return v.Name; break;
            case CollectionRef c: yield return c.Name; break;
            case ElementRead e:
                foreach (string n in Read(e.Collection)) yield return n;
                foreach (string n in Read(e.Index)) yield return n;
                break;
            case LengthOf l:
                foreach (string n in Read(l.Collection)) yield return n;
                break;
            case Unary u:
                foreach (string n in Read(u.Operand)) yield return n;
                break;
            case Binary b:
                foreach (string n in Read(b.Left)) yield return n;
                foreach (string n in Read(b.Right)) yield return n;
                break;
            case Conversion c:
                foreach (string n in Read(c.Operand)) yield return n;
                break;
            case Conditional c:
                foreach (string n in Read(c.Condition)) yield return n;
                foreach (string n in Read(c.WhenTrue)) yield return n;
                foreach (string n in Read(c.WhenFalse)) yield return n;
                break;
            case MathCall m:
                foreach (Expr a in m.Arguments) foreach (string n in Read(a)) yield return n;
                break;
            case UserCall call:
                foreach (Expr a in call.Arguments) foreach (string n in Read(a)) yield return n;
                break;
        }
    }
}
