using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Inlining;

/// <summary>
/// The length of a writer's local array inlined into a loop, written so that it can be evaluated before the loop: what the
/// array is declared with once for the whole loop. The length may read what the loop leaves alone, and locals the loop
/// declares once and never assigns again, whose values are then read instead, as long as those are the same every time
/// round too: the binding of a scalar argument (<c>nInLayer = n</c>), or of a view's length (its checked length stands for
/// the length it checks: the binding still checks the view where the call was, each time round).
/// </summary>
internal sealed class LoopInvariantLength
{
    // Locals declared in the loop may be read through this many declarations deep; further is too far to bother.
    private const int MaxDepth = 8;

    private readonly Dictionary<string, int> _writes = new();
    private readonly Dictionary<string, Expr> _declaredOnce = new();

    /// <param name="loop">The outermost loop around the array's declaration, its writers already inlined.</param>
    public LoopInvariantLength(Stmt loop)
    {
        foreach (Stmt statement in StmtChildren.AllOf(loop))
        {
            switch (statement)
            {
                case LocalDeclaration d:
                    Count(d.Name);
                    if (d.Initializer is not null)
                    {
                        _declaredOnce[d.Name] = d.Initializer;
                    }

                    break;
                case Assignment a:
                    Count(a.Name);
                    break;
                case ForEach fe:
                    Count(fe.Variable);
                    break;
                case ElementAssignment { Collection: CollectionRef c }:
                    Count(c.Name);
                    break;
            }
        }
    }

    /// <summary>
    /// The length in terms the loop leaves alone, or null with <paramref name="changing"/> naming what the loop may change
    /// that it reads (a variable or array the loop assigns, or a call).
    /// </summary>
    public Expr? Before(Expr length, out string? changing)
    {
        changing = null;
        return Resolve(length, 0, ref changing);
    }

    private void Count(string name) => _writes[name] = _writes.TryGetValue(name, out int count) ? count + 1 : 1;

    private Expr? Resolve(Expr expr, int depth, ref string? changing)
    {
        switch (expr)
        {
            case Constant or MemberRead:
                return expr;
            case LengthOf { Collection: CollectionRef { View: { } view } }:
                return Resolve(view.Length, depth, ref changing);
            case LengthOf { Collection: CollectionRef }:
                // A whole array or span never changes length; a swap group's arrays are views of their buffer (above).
                return expr;
            case VariableRef v when !_writes.ContainsKey(v.Name):
                return v;
            case VariableRef v when _writes[v.Name] == 1 && _declaredOnce.TryGetValue(v.Name, out Expr? value) && depth < MaxDepth:
                Expr bound = value is MathCall { Function: MathFunction.ViewLength } check ? check.Arguments[2] : value;
                Expr? resolved = Resolve(bound, depth + 1, ref changing);
                if (resolved is null && changing is not null)
                {
                    // Name what the source shows, the local bound once, rather than what its value reads.
                    changing = $"'{v.Name}', which the loop assigns";
                }

                return resolved;
            case VariableRef v:
                changing = $"'{v.Name}', which the loop assigns";
                return null;
            case Unary u:
                return Resolve(u.Operand, depth, ref changing) is { } operand ? u with { Operand = operand } : null;
            case Binary b:
                return Resolve(b.Left, depth, ref changing) is { } left && Resolve(b.Right, depth, ref changing) is { } right ? b with { Left = left, Right = right } : null;
            case Conversion c:
                return Resolve(c.Operand, depth, ref changing) is { } converted ? c with { Operand = converted } : null;
            case Conditional c:
                return Resolve(c.Condition, depth, ref changing) is { } condition && Resolve(c.WhenTrue, depth, ref changing) is { } whenTrue &&
                       Resolve(c.WhenFalse, depth, ref changing) is { } whenFalse
                    ? c with { Condition = condition, WhenTrue = whenTrue, WhenFalse = whenFalse }
                    : null;
            case MathCall m:
                var arguments = new List<Expr>();
                foreach (Expr argument in m.Arguments)
                {
                    if (Resolve(argument, depth, ref changing) is not { } resolvedArgument)
                    {
                        return null;
                    }

                    arguments.Add(resolvedArgument);
                }

                return m with { Arguments = arguments.ToEquatableArray() };
            case ElementRead { Collection: CollectionRef { View: null } collection } e when !_writes.ContainsKey(collection.Name):
                return Resolve(e.Index, depth, ref changing) is { } index ? e with { Index = index } : null;
            case ElementRead { Collection: CollectionRef collection }:
                changing = $"'{collection.Name}', which the loop assigns";
                return null;
            default:
                changing = "a call, which may give another value each time round";
                return null;
        }
    }
}
