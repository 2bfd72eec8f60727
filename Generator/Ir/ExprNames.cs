using System.Collections.Generic;
using System.Linq;

namespace AutoDiffGen.Generator.Ir;

/// <summary>The names an expression reads, for the analyses of both differentiation forms.</summary>
internal static class ExprNames
{
    /// <summary>Every variable and collection name <paramref name="expr"/> reads, in order, repeats included.</summary>
    public static IEnumerable<string> Read(Expr expr) =>
        References(expr).Select(reference => reference is VariableRef v ? v.Name : ((CollectionRef)reference).Name);

    /// <summary>
    /// The variable and collection names whose values <paramref name="expr"/> reads: as <see cref="Read"/>, but a collection
    /// measured and not indexed (<c>a.Length</c>) is left out, since no write changes a length.
    /// </summary>
    public static IEnumerable<string> ReadValues(Expr expr) => expr switch
    {
        LengthOf { Collection: CollectionRef c } => ViewReads(c),
        VariableRef v => new[] { v.Name },
        CollectionRef c => ViewReads(c).Prepend(c.Name),
        _ => ExprChildren.Of(expr).SelectMany(ReadValues),
    };

    private static IEnumerable<string> ViewReads(CollectionRef collection) =>
        collection.View is { } view ? ReadValues(view.Start).Concat(ReadValues(view.Length)) : Enumerable.Empty<string>();

    /// <summary>Every <see cref="VariableRef"/> and <see cref="CollectionRef"/> in <paramref name="expr"/>, in order, repeats included.</summary>
    public static IEnumerable<Expr> References(Expr expr)
    {
        switch (expr)
        {
            case VariableRef: yield return expr; break;
            case CollectionRef c:
                yield return c;
                if (c.View is { } view)
                {
                    foreach (Expr r in References(view.Start)) yield return r;
                    foreach (Expr r in References(view.Length)) yield return r;
                }

                break;
            case ElementRead e:
                foreach (Expr r in References(e.Collection)) yield return r;
                foreach (Expr r in References(e.Index)) yield return r;
                break;
            case LengthOf l:
                foreach (Expr r in References(l.Collection)) yield return r;
                break;
            case Unary u:
                foreach (Expr r in References(u.Operand)) yield return r;
                break;
            case Binary b:
                foreach (Expr r in References(b.Left)) yield return r;
                foreach (Expr r in References(b.Right)) yield return r;
                break;
            case Conversion c:
                foreach (Expr r in References(c.Operand)) yield return r;
                break;
            case Conditional c:
                foreach (Expr r in References(c.Condition)) yield return r;
                foreach (Expr r in References(c.WhenTrue)) yield return r;
                foreach (Expr r in References(c.WhenFalse)) yield return r;
                break;
            case MathCall m:
                foreach (Expr a in m.Arguments) foreach (Expr r in References(a)) yield return r;
                break;
            case UserCall call:
                foreach (Expr a in call.Arguments) foreach (Expr r in References(a)) yield return r;
                break;
        }
    }
}
