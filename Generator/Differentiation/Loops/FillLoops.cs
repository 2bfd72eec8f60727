using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// A loop that fills a local array whole, <c>for (c = 0; c &lt; a.Length; c++) a[c] = value;</c> (one fill per array when
/// the loop fills several, <c>{ a[c] = …; b[c] = …; }</c>), where the array is
/// written nowhere else and read only by element, after the fill, in the rest of the fill's block (a centred point
/// <c>xc[i] = x[i] - mu[i]</c> that the next lines of a loop body read). Each read <c>a[j]</c> then sees <c>value</c>
/// at <c>c = j</c>, which two rewrites use:
/// <list type="bullet">
/// <item><b>Forwarding</b> (<paramref name="Terms"/> set): when <c>value</c> is linear in what it reads, the reverse of a
/// read adds straight into the adjoints of <c>value</c>'s operands at <c>c = j</c>, instead of into <c>a</c>'s adjoint
/// for the fill's reverse to pass on; the fill then has no adjoint work left.</item>
/// <item><b>A copy per iteration</b> (<paramref name="Enclosing"/> set): when the block is the body of a counted loop,
/// each iteration fills a copy of its own, kept on the tape, and its reverse reads that copy: nothing the fill overwrites
/// has to be saved and restored (the way a hand-written gradient keeps one centred point per component).</item>
/// </list>
/// </summary>
/// <param name="Loop">The fill.</param>
/// <param name="Store">Its store into the array (the loop's body is nothing but such stores).</param>
/// <param name="Terms">The operands of a linear <c>value</c> with their factors, or null when it is not linear.</param>
/// <param name="Enclosing">The counted loop whose body the fill is a statement of, when its trip count is known on entry.</param>
internal sealed record FillLoop(LLoop Loop, LStore Store, IReadOnlyList<LinearTerm>? Terms, LLoop? Enclosing)
{
    public VariableRef Counter => Loop.Counter!.Variable;
}

/// <summary>
/// One operand of a linear value: an active variable or element read, times <paramref name="Factor"/> (a value that is not
/// differentiated; null for 1), negated or not.
/// </summary>
internal sealed record LinearTerm(Expr Operand, Expr? Factor, bool Negated);

/// <summary>Finds the <see cref="FillLoop"/>s of a loop-form method; anything unusual leaves an array as it is.</summary>
internal static class FillLoops
{
    public static IReadOnlyDictionary<string, FillLoop> Find(LoopMethod method, LoopActivity activity, IEnumerable<string> parameterNames)
    {
        var lengths = new ArrayLengths(method, parameterNames);
        var stores = new Dictionary<string, int>();
        LoopStatements.Visit(method.Body, s =>
        {
            if (s is LStore store) stores[store.Array.Name] = stores.TryGetValue(store.Array.Name, out int n) ? n + 1 : 1;
        });

        var candidates = new List<(FillLoop Fill, IReadOnlyList<LStmt> Block, int Position)>();
        void Search(IReadOnlyList<LStmt> block, LLoop? owner)
        {
            for (int position = 0; position < block.Count; position++)
            {
                switch (block[position])
                {
                    case LLoop loop:
                        foreach (FillLoop fill in AsFills(loop, method, activity, lengths, block, owner).Where(f => stores[f.Store.Array.Name] == 1))
                        {
                            candidates.Add((fill, block, position));
                        }

                        Search(loop.Body, loop);
                        Search(loop.Step, null);
                        break;
                    case LIf branch:
                        Search(branch.Then, null);
                        Search(branch.Else, null);
                        break;
                }
            }
        }

        Search(method.Body, null);
        var found = new Dictionary<string, FillLoop>();
        foreach ((FillLoop fill, IReadOnlyList<LStmt> block, int position) in candidates)
        {
            if (ReadOnlyAfter(method.Body, fill, block, position))
            {
                found[fill.Store.Array.Name] = fill;
            }
        }

        return found;
    }

    /// <summary>
    /// The fills of a loop <c>for (c = 0; c &lt; n; c++) { a[c] = …; b[c] = …; }</c>: each store of the body whose array is a
    /// local of length n that no value of the loop reads. A store that is not one is left to the ordinary sweep.
    /// </summary>
    private static IEnumerable<FillLoop> AsFills(LLoop loop, LoopMethod method, LoopActivity activity, ArrayLengths lengths, IReadOnlyList<LStmt> block, LLoop? owner)
    {
        if (ArrayLengths.StoresAtCounter(loop) is not ({ } counter, { } bound, { } stores))
        {
            yield break;
        }

        var filled = new HashSet<string>(stores.Select(s => s.Array.Name));
        if (filled.Count != stores.Count || stores.Any(s => ExprNames.Read(s.Value).Any(filled.Contains) || LoopCalls.HasCall(s.Value)))
        {
            yield break;
        }

        // The block may not change what the terms read: a read a[j] later in it must see the value the fill computed.
        var assigned = new HashSet<string>();
        LoopStatements.Visit(block, s =>
        {
            if (LoopStatements.AssignedScalar(s) is { } scalar) assigned.Add(scalar.Name);
            if (s is LStore written) assigned.Add(written.Array.Name);
        });
        assigned.Remove(counter.Name);
        var sameElement = new Dictionary<string, Expr> { [counter.Name] = counter };
        LLoop? enclosing = owner is not null && ReferenceEquals(owner.Body, block) && LoopReverse.LastCounterValue(owner) is not null ? owner : null;
        foreach (LStore store in stores)
        {
            if (!activity.IsActive(store.Array)
                || !store.Array.Kind.IsFloatingPoint()
                || !method.LocalArrays.Any(a => a.Name == store.Array.Name)
                || !lengths.IsLengthOf(bound, store.Array))
            {
                continue;
            }

            var terms = new List<LinearTerm>();
            bool linear = Linear(store.Value, factor: null, negated: false, activity, terms)
                && terms.All(t => !ExprNames.Read(t.Operand).Concat(t.Factor is null ? Enumerable.Empty<string>() : ExprNames.Read(t.Factor))
                    .Where(n => n != counter.Name).Any(assigned.Contains))
                && terms.All(t => ExprSubstitution.Replace(t.Operand, sameElement) is not null
                    && (t.Factor is null || ExprSubstitution.Replace(t.Factor, sameElement) is not null));
            if (linear || enclosing is not null)
            {
                yield return new FillLoop(loop, store, linear ? terms : null, enclosing);
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="expr"/> into <see cref="LinearTerm"/>s: sums, differences and negations of active reads,
    /// each times factors that are not differentiated. Inactive parts are left out (their derivative is 0). False when
    /// an active part is not linear.
    /// </summary>
    private static bool Linear(Expr expr, Expr? factor, bool negated, LoopActivity activity, List<LinearTerm> terms)
    {
        if (!activity.IsActiveExpr(expr))
        {
            return true;
        }

        switch (expr)
        {
            case VariableRef or ElementRead { Collection: CollectionRef }:
                terms.Add(new LinearTerm(expr, factor, negated));
                return true;
            case Unary { Operator: UnaryOperator.Negate } negation:
                return Linear(negation.Operand, factor, !negated, activity, terms);
            case Binary { Operator: BinaryOperator.Add } sum:
                return Linear(sum.Left, factor, negated, activity, terms) && Linear(sum.Right, factor, negated, activity, terms);
            case Binary { Operator: BinaryOperator.Subtract } difference:
                return Linear(difference.Left, factor, negated, activity, terms) && Linear(difference.Right, factor, !negated, activity, terms);
            case Binary { Operator: BinaryOperator.Multiply } product when !activity.IsActiveExpr(product.Left):
                return Linear(product.Right, Times(factor, product.Left), negated, activity, terms);
            case Binary { Operator: BinaryOperator.Multiply } product when !activity.IsActiveExpr(product.Right):
                return Linear(product.Left, Times(factor, product.Right), negated, activity, terms);
            case Conversion conversion when conversion.Operand.Kind == conversion.Kind:
                return Linear(conversion.Operand, factor, negated, activity, terms);
            default:
                return false;
        }
    }

    private static Expr Times(Expr? factor, Expr by) => factor is null ? by : new Binary(by.Kind, BinaryOperator.Multiply, factor, by);

    /// <summary>
    /// True when every statement of the method that reads the fill's array, other than the fill and the array's making,
    /// comes after the fill in its block (its length may be read anywhere), and reads it only by element: not as a
    /// whole argument, nor inside a call that takes collections (whose Backward would add into the array's adjoint itself).
    /// </summary>
    private static bool ReadOnlyAfter(IReadOnlyList<LStmt> body, FillLoop fill, IReadOnlyList<LStmt> block, int position)
    {
        string name = fill.Store.Array.Name;
        var after = new HashSet<LStmt>(StatementComparer.Instance);
        LoopStatements.Visit(block.Skip(position + 1).ToList(), s => after.Add(s));
        bool ok = true;
        LoopStatements.Visit(body, statement =>
        {
            if (ReferenceEquals(statement, fill.Loop) || ReferenceEquals(statement, fill.Store) || statement is LArray)
            {
                return;
            }

            foreach (Expr expr in LoopStatements.OwnExpressions(statement))
            {
                ok &= OnlyByElement(expr, name, insideCollectionCall: false) && (after.Contains(statement) || !ReadsElement(expr, name));
            }
        });
        return ok;
    }

    private static bool ReadsElement(Expr expr, string name) =>
        ExprChildren.Any(expr, e => e is ElementRead { Collection: CollectionRef c } && c.Name == name);

    private static bool OnlyByElement(Expr expr, string name, bool insideCollectionCall) => expr switch
    {
        CollectionRef c => c.Name != name,
        ElementRead { Collection: CollectionRef c } read when c.Name == name => !insideCollectionCall && OnlyByElement(read.Index, name, insideCollectionCall),
        LengthOf => true,
        UserCall call => call.Arguments.All(a => OnlyByElement(a, name, insideCollectionCall || call.Arguments.Any(x => x is CollectionRef))),
        _ => ExprChildren.Of(expr).All(child => OnlyByElement(child, name, insideCollectionCall)),
    };
}
