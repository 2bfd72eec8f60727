using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// What the loop form knows about the lengths of a method's local arrays, for the analyses that must prove a loop
/// overwrites an array whole: an array's length is <c>a.Length</c>, or the expression it was made with, provided every
/// name in it holds one value from where the local arrays are made to the end.
/// </summary>
internal sealed class ArrayLengths
{
    private readonly Dictionary<string, LArray> _made;
    private readonly HashSet<string> _stable;

    public ArrayLengths(LoopMethod method, IEnumerable<string> parameterNames)
    {
        _made = new Dictionary<string, LArray>();
        LoopStatements.Visit(method.Body, s =>
        {
            if (s is LArray array) _made[array.Array.Name] = array;
        });
        _stable = StableNames(method, parameterNames);
    }

    /// <summary>True when <paramref name="bound"/> is surely the length of <paramref name="array"/> wherever it is evaluated.</summary>
    public bool IsLengthOf(Expr bound, CollectionRef array)
    {
        if (bound is LengthOf { Collection: CollectionRef c } && c.Name == array.Name)
        {
            return true;
        }

        return _made.TryGetValue(array.Name, out LArray? made)
            && SameExpression(made.Length, bound)
            && ExprNames.Read(bound).All(_stable.Contains);
    }

    /// <summary>
    /// The counter of <c>for (i = 0; i &lt; n; i++)</c> and its bound n (the shape of a loop over every element), or null.
    /// </summary>
    public static (VariableRef Counter, Expr Bound)? CountsFromZero(LLoop loop) =>
        loop.Counter is { Step: 1, Start: Constant { Value: 0 } } counter
        && loop.Condition is Binary { Operator: BinaryOperator.Less, Left: VariableRef index, Right: var bound }
        && index.Name == counter.Variable.Name
            ? (counter.Variable, bound)
            : null;

    /// <summary>
    /// The stores of <c>for (i = 0; i &lt; n; i++) { a[i] = …; b[i] = …; }</c>, a loop whose body is nothing but stores at
    /// its counter, with the counter and n; otherwise null.
    /// </summary>
    public static (VariableRef Counter, Expr Bound, IReadOnlyList<LStore> Stores)? StoresAtCounter(LLoop loop) =>
        CountsFromZero(loop) is ({ } counter, { } bound)
        && loop.Step.Count == 0
        && loop.Body.Count > 0
        && loop.Body.All(s => s is LStore { Index: VariableRef index } && index.Name == counter.Name)
            ? (counter, bound, loop.Body.Cast<LStore>().ToList())
            : null;

    /// <summary>The same expression, wherever in the source each stands (source spans aside); anything unusual is not.</summary>
    private static bool SameExpression(Expr a, Expr b) => (a, b) switch
    {
        (Binary x, Binary y) => x.Operator == y.Operator && x.Kind == y.Kind && SameExpression(x.Left, y.Left) && SameExpression(x.Right, y.Right),
        (Conversion x, Conversion y) => x.Kind == y.Kind && SameExpression(x.Operand, y.Operand),
        (Unary x, Unary y) => x.Operator == y.Operator && x.Kind == y.Kind && SameExpression(x.Operand, y.Operand),
        (LengthOf x, LengthOf y) => SameExpression(x.Collection, y.Collection),
        _ => a is VariableRef or CollectionRef or Constant or MemberRead && a.Equals(b),
    };

    /// <summary>
    /// Names that hold one value from where local arrays are made to the end: parameters never assigned, and locals
    /// assigned once, at the top level, before any local array is made.
    /// </summary>
    private static HashSet<string> StableNames(LoopMethod method, IEnumerable<string> parameterNames)
    {
        var assignments = new Dictionary<string, int>();
        LoopStatements.Visit(method.Body, s =>
        {
            if (LoopStatements.AssignedScalar(s) is { } target)
            {
                assignments[target.Name] = assignments.TryGetValue(target.Name, out int count) ? count + 1 : 1;
            }
        });
        var stable = new HashSet<string>(parameterNames.Where(p => !assignments.ContainsKey(p)));
        foreach (LStmt statement in method.Body)
        {
            if (statement is LArray)
            {
                break;
            }

            if (statement is LAssign assign && assignments.TryGetValue(assign.Target.Name, out int count) && count == 1)
            {
                stable.Add(assign.Target.Name);
            }
        }

        return stable;
    }
}
