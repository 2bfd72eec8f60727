using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// Drops the zero fill of an array declared inside a loop (the parser's <c>for (clearT …) t[clearT] = 0;</c>, which
/// stands where the declaration stood) when the very next statement overwrites the array whole: the zeros are never
/// read. The user's loop is then the array's only store, so it can be a <see cref="FillLoop"/>, as it would be had the
/// array been declared before the loop.
/// </summary>
internal static class DeadZeroFills
{
    public static LoopMethod Rewrite(LoopMethod method, IEnumerable<string> parameterNames)
    {
        var lengths = new ArrayLengths(method, parameterNames);
        bool changed = false;
        IReadOnlyList<LStmt> body = Block(method.Body, lengths, ref changed);
        return changed ? method with { Body = body } : method;
    }

    private static IReadOnlyList<LStmt> Block(IReadOnlyList<LStmt> statements, ArrayLengths lengths, ref bool changed)
    {
        var kept = new List<LStmt>(statements.Count);
        for (int i = 0; i < statements.Count; i++)
        {
            LStmt statement = statements[i];
            if (ZeroFilled(statement, lengths) is { } array && i + 1 < statements.Count && OverwritesWhole(statements[i + 1], array, lengths))
            {
                changed = true;
                continue;
            }

            kept.Add(Nested(statement, lengths, ref changed));
        }

        return kept;
    }

    private static LStmt Nested(LStmt statement, ArrayLengths lengths, ref bool changed) => statement switch
    {
        LIf branch => branch with { Then = Block(branch.Then, lengths, ref changed), Else = Block(branch.Else, lengths, ref changed) },
        LLoop loop => loop with { Body = Block(loop.Body, lengths, ref changed), Step = Block(loop.Step, lengths, ref changed) },
        _ => statement,
    };

    /// <summary>The array a loop sets to zero whole, <c>for (c = 0; c &lt; a.Length; c++) a[c] = 0;</c>; otherwise null.</summary>
    private static CollectionRef? ZeroFilled(LStmt statement, ArrayLengths lengths) =>
        statement is LLoop loop
        && ArrayLengths.StoresAtCounter(loop) is (_, { } bound, { Count: 1 } stores)
        && stores[0] is { Value: Constant { Value: 0 } } store
        && lengths.IsLengthOf(bound, store.Array)
            ? store.Array
            : null;

    /// <summary>
    /// True for a loop over every element of <paramref name="array"/> whose body is only stores at the counter, one of them
    /// into the array with a value that does not read it: every element is written before anything can read it.
    /// </summary>
    private static bool OverwritesWhole(LStmt statement, CollectionRef array, ArrayLengths lengths) =>
        statement is LLoop loop
        && ArrayLengths.StoresAtCounter(loop) is (_, { } bound, { } stores)
        && lengths.IsLengthOf(bound, array)
        && stores.Any(s => s.Array.Name == array.Name)
        && stores.All(s => !ExprNames.Read(s.Value).Contains(array.Name));
}
