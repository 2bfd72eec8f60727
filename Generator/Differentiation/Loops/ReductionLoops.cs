using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// A top-level counted loop whose iterations share nothing but a sum: each iteration only adds to
/// <paramref name="Accumulator"/> (<c>acc += e</c>, <c>acc -= e</c>) and otherwise reads values the loop leaves alone.
/// Its gradient is then the sum of the iterations' gradients times the accumulator's adjoint, and that adjoint is the
/// same for every iteration: so each iteration is differentiated right after it runs, seeded with 1, into a buffer
/// the reverse sweep scales. What an iteration saves is popped by its own reverse a moment later, so the tape no
/// longer grows with the trip count and stays in cache (ADBench's GMM sums one log-sum-exp per point this way).
/// <paramref name="IterationLocals"/> are the scalars an iteration writes before it reads them and nothing after
/// the loop reads; <paramref name="PrivateArrays"/> the local arrays an iteration overwrites entirely before it reads them.
/// </summary>
internal sealed record ReductionLoop(LLoop Loop, RLoop Reverse, VariableRef Accumulator, IReadOnlyCollection<string> IterationLocals, IReadOnlyCollection<string> PrivateArrays);

/// <summary>Finds the loops of a method that <see cref="ReductionLoop"/> describes; any doubt leaves a loop to the ordinary sweep.</summary>
internal static class ReductionLoops
{
    public static Dictionary<LStmt, ReductionLoop> Find(LoopMethod method, IReadOnlyList<RInstr> reverse, LoopActivity activity,
        IReadOnlyCollection<string> parameterNames, IReadOnlyDictionary<string, string> adjointNames, System.Func<LStmt, bool> saves)
    {
        var found = new Dictionary<LStmt, ReductionLoop>(StatementComparer.Instance);
        var lengths = new ArrayLengths(method, parameterNames);
        for (int position = 0; position < method.Body.Count; position++)
        {
            if (method.Body[position] is LLoop loop
                && reverse.OfType<RLoop>().FirstOrDefault(r => ReferenceEquals(r.Forward, loop)) is { LastCounter: not null } loopReverse
                && SavesPerIteration(loop.Body, saves)
                && Analyse(method, position, loop, loopReverse, activity, adjointNames, lengths) is { } reduction)
            {
                found[loop] = reduction;
            }
        }

        return found;
    }

    private static ReductionLoop? Analyse(LoopMethod method, int position, LLoop loop, RLoop loopReverse, LoopActivity activity,
        IReadOnlyDictionary<string, string> adjointNames, ArrayLengths lengths)
    {
        // Only a body with an inner loop or a call keeps enough on the tape per iteration to gain; a flat body's
        // reverse recomputes its few values for less than a call per iteration would cost.
        if (loop.Step.Count > 0 || !loop.Body.Any(HasLoopOrCall))
        {
            return null;
        }

        // A body that may throw keeps the ordinary sweep, whose entries give back what they hold before throwing; an
        // iteration method would have to give back the span it reserved and its own saves, from inside the caller's loop.
        bool mayThrow = false;
        LoopStatements.Visit(loop.Body, statement => mayThrow |= statement is LThrow);
        if (mayThrow)
        {
            return null;
        }

        var scalarWrites = new Dictionary<string, VariableRef>();
        var arrayWrites = new HashSet<string>();
        CollectWrites(loop.Body, scalarWrites, arrayWrites);
        var accumulators = scalarWrites.Values.Where(v => activity.IsActive(v)).Where(v => IsAccumulation(loop.Body, v)).ToList();
        if (accumulators.Count != 1 || accumulators[0].Kind != ScalarKind.Double || !adjointNames.ContainsKey(accumulators[0].Name))
        {
            return null;
        }

        VariableRef accumulator = accumulators[0];
        var locals = new HashSet<string>(scalarWrites.Keys.Where(n => n != accumulator.Name));
        // A parameter the loop assigns would have to become a local of the iteration method too: left to the ordinary sweep.
        if (!locals.IsSubsetOf(method.Locals.Select(l => l.Name)))
        {
            return null;
        }

        var localArrays = method.LocalArrays.ToDictionary(a => a.Name);
        if (arrayWrites.Any(a => !localArrays.ContainsKey(a) || (activity.IsActive(localArrays[a]) && localArrays[a].Kind != ScalarKind.Double)))
        {
            return null;
        }

        // Nothing after the loop may read what an iteration leaves behind: the iterations run in a method of their own.
        var readAfter = new HashSet<string>();
        foreach (LStmt later in method.Body.Skip(position + 1))
        {
            CollectReads(later, readAfter);
        }

        readAfter.Add(method.Result.Name);
        if (locals.Overlaps(readAfter) || arrayWrites.Overlaps(readAfter))
        {
            return null;
        }

        var check = new IterationCheck(locals, arrayWrites, accumulator.Name, lengths);
        if (!check.Sequence(loop.Body, new HashSet<string>(), new HashSet<string>()).Ok)
        {
            return null;
        }

        // The gradient buffer is a span of doubles: every outer value whose adjoint the iterations add to must be a double.
        var outerReads = new List<Expr>();
        CollectReferences(loop.Body, outerReads);
        foreach (Expr reference in outerReads)
        {
            string name = reference is VariableRef v ? v.Name : ((CollectionRef)reference).Name;
            bool active = reference is VariableRef variable ? activity.IsActive(variable) : activity.IsActive((CollectionRef)reference);
            if (active && !locals.Contains(name) && !arrayWrites.Contains(name) && name != accumulator.Name && reference.Kind != ScalarKind.Double)
            {
                return null;
            }
        }

        // The accumulator's adjoint must stay what it is through every iteration's reverse, or scaling by it is wrong.
        var accumulatorAdjoint = new VariableRef(accumulator.Kind, adjointNames[accumulator.Name]);
        if (WritesAdjoint(loopReverse.Body, accumulatorAdjoint))
        {
            return null;
        }

        return new ReductionLoop(loop, loopReverse, accumulator, locals.OrderBy(n => n, System.StringComparer.Ordinal).ToList(),
            arrayWrites.OrderBy(n => n, System.StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Walks an iteration in order, with the scalars assigned so far in it and the arrays it has overwritten whole: a read of
    /// an iteration local before its assignment, or of a written array before it was overwritten whole, would carry a
    /// value from the previous iteration, and the iterations would no longer be independent.
    /// </summary>
    private sealed class IterationCheck
    {
        private readonly HashSet<string> _locals;
        private readonly HashSet<string> _arrays;
        private readonly string _accumulator;
        private readonly ArrayLengths _lengths;

        public IterationCheck(HashSet<string> locals, HashSet<string> arrays, string accumulator, ArrayLengths lengths)
        {
            _locals = locals;
            _arrays = arrays;
            _accumulator = accumulator;
            _lengths = lengths;
        }

        public (bool Ok, HashSet<string> Assigned, HashSet<string> Whole) Sequence(IReadOnlyList<LStmt> statements, HashSet<string> assigned, HashSet<string> whole)
        {
            foreach (LStmt statement in statements)
            {
                switch (statement)
                {
                    case LAssign assign:
                        // The accumulator's own `acc = acc ± e` reads it; IsAccumulation has checked that form.
                        Expr value = assign.Target.Name == _accumulator && assign.Value is Binary b ? b.Right : assign.Value;
                        if (!Reads(value, assigned, whole)) return (false, assigned, whole);
                        assigned = new HashSet<string>(assigned) { assign.Target.Name };
                        break;
                    case LStore store:
                        if (!Reads(store.Index, assigned, whole) || !Reads(store.Value, assigned, whole)) return (false, assigned, whole);
                        break;
                    case LIf branch:
                    {
                        if (!Reads(branch.Condition, assigned, whole)) return (false, assigned, whole);
                        var then = Sequence(branch.Then, assigned, whole);
                        var otherwise = Sequence(branch.Else, assigned, whole);
                        if (!then.Ok || !otherwise.Ok) return (false, assigned, whole);
                        assigned = new HashSet<string>(then.Assigned.Intersect(otherwise.Assigned));
                        whole = new HashSet<string>(then.Whole.Intersect(otherwise.Whole));
                        break;
                    }

                    case LLoop inner:
                    {
                        var entry = new HashSet<string>(assigned);
                        if (inner.Counter is { } counter)
                        {
                            if (!Reads(counter.Start, assigned, whole)) return (false, assigned, whole);
                            entry.Add(counter.Variable.Name);
                        }

                        if (!Reads(inner.Condition, entry, whole)) return (false, assigned, whole);
                        var body = Sequence(inner.Body, entry, whole);
                        if (!body.Ok || !Sequence(inner.Step, body.Assigned, body.Whole).Ok) return (false, assigned, whole);
                        // The body may run no time: only the counter is surely assigned after the loop, and an array only
                        // when the loop is a whole overwrite of it.
                        assigned = entry;
                        if (OverwrittenWhole(inner) is { } array)
                        {
                            whole = new HashSet<string>(whole) { array };
                        }

                        break;
                    }

                    default:
                        return (false, assigned, whole);
                }
            }

            return (true, assigned, whole);
        }

        private bool Reads(Expr expr, HashSet<string> assigned, HashSet<string> whole)
        {
            switch (expr)
            {
                case VariableRef v:
                    return v.Name != _accumulator && (!_locals.Contains(v.Name) || assigned.Contains(v.Name));
                case CollectionRef c:
                    return (!_arrays.Contains(c.Name) || whole.Contains(c.Name)) &&
                           (c.View is not { } view || (Reads(view.Start, assigned, whole) && Reads(view.Length, assigned, whole)));
                case LengthOf:
                    return true;
                case ElementRead e:
                    return Reads(e.Collection, assigned, whole) && Reads(e.Index, assigned, whole);
                case Unary u:
                    return Reads(u.Operand, assigned, whole);
                case Binary b:
                    return Reads(b.Left, assigned, whole) && Reads(b.Right, assigned, whole);
                case Conversion c:
                    return Reads(c.Operand, assigned, whole);
                case Conditional c:
                    return Reads(c.Condition, assigned, whole) && Reads(c.WhenTrue, assigned, whole) && Reads(c.WhenFalse, assigned, whole);
                case MathCall m:
                    return m.Arguments.All(a => Reads(a, assigned, whole));
                case UserCall call:
                    return call.Arguments.All(a => Reads(a, assigned, whole));
                case Constant or MemberRead:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The array a loop surely overwrites whole: <c>for (i = 0; i &lt; n; i++) { … a[i] = …; … }</c> with the store at the top
        /// level of the body and n the array's length (<c>a.Length</c>, or the expression it was made with, of values never reassigned).
        /// </summary>
        private string? OverwrittenWhole(LLoop loop)
        {
            if (ArrayLengths.CountsFromZero(loop) is not ({ } index, { } bound))
            {
                return null;
            }

            foreach (LStore store in loop.Body.OfType<LStore>())
            {
                if (store.Index is VariableRef stored && stored.Name == index.Name && _arrays.Contains(store.Array.Name)
                    && _lengths.IsLengthOf(bound, store.Array))
                {
                    return store.Array.Name;
                }
            }

            return null;
        }
    }

    /// <summary>True when every assignment of <paramref name="variable"/> in the body is <c>v = v + e</c> or <c>v = v - e</c>, e not reading v, and nothing else reads v.</summary>
    private static bool IsAccumulation(IReadOnlyList<LStmt> body, VariableRef variable)
    {
        bool ok = true;
        LoopStatements.Visit(body, statement =>
        {
            switch (statement)
            {
                case LAssign assign when assign.Target.Name == variable.Name:
                    ok &= assign.Value is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract, Left: VariableRef left } sum
                        && left.Name == variable.Name && !ExprNames.Read(sum.Right).Contains(variable.Name);
                    break;
                case LAssign assign:
                    ok &= !ExprNames.Read(assign.Value).Contains(variable.Name);
                    break;
                default:
                    ok &= !StatementReads(statement).Contains(variable.Name);
                    break;
            }
        });
        return ok;
    }

    /// <summary>True when some statement of the iteration puts a value on the tape: otherwise the ordinary reverse loop costs nothing to keep.</summary>
    private static bool SavesPerIteration(IReadOnlyList<LStmt> body, System.Func<LStmt, bool> saves)
    {
        bool any = false;
        LoopStatements.Visit(body, s => any |= saves(s));
        return any;
    }

    private static bool WritesAdjoint(IReadOnlyList<RInstr> instructions, VariableRef adjoint)
    {
        foreach (RInstr instruction in instructions)
        {
            bool writes = instruction switch
            {
                RGroup g => WritesAdjoint(g.Body, adjoint),
                RIf i => WritesAdjoint(i.Then, adjoint) || WritesAdjoint(i.Else, adjoint),
                RLoop l => WritesAdjoint(l.Step, adjoint) || WritesAdjoint(l.Body, adjoint),
                RTake t => t.Adjoint == adjoint,
                RAdd a => a.Adjoint == adjoint,
                RDeclareZero z => z.Adjoint == adjoint,
                RSpanCallBackward c => c.Adjoints.Contains(adjoint),
                RSavedCallBackward c => c.Adjoints.Contains(adjoint),
                _ => false,
            };
            if (writes)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLoopOrCall(LStmt statement) => statement switch
    {
        LLoop => true,
        LAssign a => LoopCalls.HasCall(a.Value),
        LStore s => LoopCalls.HasCall(s.Value) || LoopCalls.HasCall(s.Index),
        LIf i => LoopCalls.HasCall(i.Condition) || i.Then.Any(HasLoopOrCall) || i.Else.Any(HasLoopOrCall),
        _ => false,
    };

    private static IEnumerable<string> StatementReads(LStmt statement) => LoopStatements.OwnExpressions(statement).SelectMany(ExprNames.Read);

    private static void CollectReads(LStmt statement, HashSet<string> reads) =>
        LoopStatements.Visit(new[] { statement }, s => reads.UnionWith(StatementReads(s)));

    /// <summary>Every variable and collection an iteration reads (the stored-to arrays included), with its kind.</summary>
    private static void CollectReferences(IReadOnlyList<LStmt> body, List<Expr> references) =>
        LoopStatements.Visit(body, s => references.AddRange(LoopStatements.OwnExpressions(s).SelectMany(ExprNames.References)));

    private static void CollectWrites(IReadOnlyList<LStmt> statements, Dictionary<string, VariableRef> scalars, HashSet<string> arrays) =>
        LoopStatements.Visit(statements, s =>
        {
            if (LoopStatements.AssignedScalar(s) is { } scalar) scalars[scalar.Name] = scalar;
            if (s is LStore store) arrays.Add(store.Array.Name);
        });
}
