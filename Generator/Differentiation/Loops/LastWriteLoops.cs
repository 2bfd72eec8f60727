using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// Searches: a counted loop whose body only overwrites one active floating variable under a condition, such as
/// <c>for (int i = 1; i &lt; n; i++) if (values[i] &gt; max) max = values[i];</c> (a maximum, a minimum, the last element
/// that passes a test; a <c>foreach</c> too, and int or bool side results such as an argmax). Differentiated statement by
/// statement, its forward sweep records a branch decision in every iteration and its reverse pops them all, only to give
/// the variable's adjoint to the last write: each earlier write receives zero. This rewrite runs the search on a passive
/// copy of the variable, notes the counter where it writes, and repeats only the last write after the loop:
/// <code>
/// maxSearch = max; maxWritten = false; maxAt = 0;
/// for (i = 1; i &lt; n; i++) { if (values[i] &gt; maxSearch) { maxSearch = values[i]; maxWritten = true; maxAt = i; } }
/// if (maxWritten) { max = values[maxAt]; }
/// </code>
/// so the forward sweep records nothing per iteration and the reverse is one if. When the variable starts as the element
/// the repeated write reads at some index (<c>max = values[0];</c> just before the loop), the index starts there instead,
/// the repeated write runs whether the loop wrote or not, and the first assignment becomes the copy's:
/// <code>
/// maxSearch = values[0]; maxAt = 0;
/// for (i = 1; i &lt; n; i++) { if (values[i] &gt; maxSearch) { maxSearch = values[i]; maxAt = i; } }
/// max = values[maxAt];
/// </code>
/// The values are the same: the loop makes
/// the same tests on the same values in the same order, and the repeated write reads what the last write read (the loop
/// writes no array, and what the write reads besides the counter and loop-private copies is not assigned in the loop).
/// A call in the written value runs once more, after the loop, with the last write's arguments. Only the sign of a zero
/// can differ: the statement-by-statement reverse adds +0 into the elements of earlier writes.
/// </summary>
internal static class LastWriteLoops
{
    public static LoopMethod Rewrite(LoopMethod method, LoopActivity activity)
    {
        var rewriter = new Rewriter(method, activity);
        IReadOnlyList<LStmt> body = rewriter.Statements(method.Body);
        if (rewriter.AddedLocals.Count == 0)
        {
            return method;
        }

        return method with
        {
            Body = body,
            Locals = method.Locals.Concat(rewriter.AddedLocals).ToList(),
            Passive = method.Passive.Concat(rewriter.Passive).ToList(),
        };
    }

    private sealed class Rewriter
    {
        private readonly LoopMethod _method;
        private readonly LoopActivity _activity;
        private int _nextId;

        public Rewriter(LoopMethod method, LoopActivity activity)
        {
            _method = method;
            _activity = activity;
            int maxId = -1;
            LoopStatements.Visit(method.Body, s => maxId = System.Math.Max(maxId, s switch { LIf i => i.Id, LLoop l => l.Id, _ => -1 }));
            _nextId = maxId + 1;
        }

        public List<VariableRef> AddedLocals { get; } = new();

        public List<string> Passive { get; } = new();

        public IReadOnlyList<LStmt> Statements(IReadOnlyList<LStmt> statements)
        {
            var output = new List<LStmt>();
            foreach (LStmt statement in statements)
            {
                switch (statement)
                {
                    case LLoop loop when Search.Match(loop, _method, _activity) is { } search:
                        output.AddRange(Lower(loop, search, output));
                        break;
                    case LLoop loop:
                        output.Add(loop with { Body = Statements(loop.Body), Step = Statements(loop.Step) });
                        break;
                    case LIf branch:
                        output.Add(branch with { Then = Statements(branch.Then), Else = Statements(branch.Else) });
                        break;
                    default:
                        output.Add(statement);
                        break;
                }
            }

            return output;
        }

        /// <summary>The search's statements, to follow <paramref name="before"/> (whose last statement it may take over).</summary>
        private List<LStmt> Lower(LLoop loop, Search search, List<LStmt> before)
        {
            VariableRef target = search.Write.Target;
            VariableRef counter = loop.Counter!.Variable;
            var copy = new VariableRef(target.Kind, _method.Names.Preferred(target.Name + "Search"));
            var at = new VariableRef(ScalarKind.Int, _method.Names.Preferred(target.Name + "At"));

            // After the loop: the last write again, with the counter (and the loop-private copies) as they were then.
            var atLastWrite = new Dictionary<string, Expr> { [counter.Name] = at };
            foreach (LAssign prefix in search.Prefix)
            {
                atLastWrite[prefix.Target.Name] = ExprSubstitution.Replace(prefix.Value, atLastWrite)!;
            }

            Expr lastWrite = ExprSubstitution.Replace(search.Write.Value, atLastWrite)!;
            LStmt? initial = before.Count > 0 ? before[before.Count - 1] : null;
            Expr? firstAt = StartsAtAnElement(initial, target, lastWrite, at, loop);
            var written = firstAt is null ? new VariableRef(ScalarKind.Bool, _method.Names.Preferred(target.Name + "Written")) : null;
            AddedLocals.Add(copy);
            if (written is not null) AddedLocals.Add(written);
            AddedLocals.Add(at);
            Passive.Add(copy.Name);
            Passive.AddRange(search.Prefix.Select(p => p.Target.Name));

            // In the loop the copy stands for the variable everywhere; the loop no longer assigns the variable itself.
            var toCopy = new Dictionary<string, Expr> { [target.Name] = copy };
            var then = new List<LStmt>();
            foreach (LAssign assign in search.Branch.Then.Cast<LAssign>())
            {
                then.Add(ReferenceEquals(assign, search.Write)
                    ? new LAssign(assign.Source, copy, ExprSubstitution.Replace(assign.Value, toCopy)!)
                    : assign with { Value = ExprSubstitution.Replace(assign.Value, toCopy)! });
            }

            if (written is not null) then.Add(new LAssign(null, written, new Constant(ScalarKind.Bool, 1)));
            then.Add(new LAssign(null, at, counter));
            var body = search.Prefix.Select(p => (LStmt)(p with { Value = ExprSubstitution.Replace(p.Value, toCopy)! })).ToList();
            body.Add(search.Branch with { Condition = ExprSubstitution.Replace(search.Branch.Condition, toCopy)!, Then = then });

            string note = $"A search on {copy.Name}, a copy of {target.Name} the reverse sweep ignores: only its last write, repeated below, is differentiated.";
            var repeated = new LAssign(search.Write.Source, target, lastWrite);
            LLoop searching = loop with { Condition = ExprSubstitution.Replace(loop.Condition, toCopy)!, Body = body };
            if (written is null)
            {
                // The variable starts as the element the write reads at firstAt: with the index starting there, the repeated
                // write gives that value too when the loop writes nothing, so it needs no flag, and the first assignment, which
                // only the copy reads now, becomes the copy's.
                var first = (LAssign)initial!;
                before.RemoveAt(before.Count - 1);
                return new List<LStmt>
                {
                    new LAssign(first.Source, copy, first.Value),
                    new LAssign(new SourceInfo(0, $"{note} {at.Name} starts at the element {target.Name} starts as, so that write holds whether the loop writes or not."), at, firstAt!),
                    searching,
                    repeated,
                };
            }

            return new List<LStmt>
            {
                new LAssign(new SourceInfo(0, note), copy, target),
                new LAssign(null, written, new Constant(ScalarKind.Bool, 0)),
                new LAssign(null, at, new Constant(ScalarKind.Int, 0)),
                searching,
                new LIf(null, _nextId++, written, new LStmt[] { repeated }, System.Array.Empty<LStmt>()),
            };
        }

        /// <summary>
        /// When the statement just before the search assigns the variable the element the repeated write reads, at an index
        /// that reads nothing the loop assigns (<c>max = values[0];</c> before a search writing <c>max = values[i]</c>): that index.
        /// </summary>
        private static Expr? StartsAtAnElement(LStmt? before, VariableRef target, Expr lastWrite, VariableRef at, LLoop loop)
        {
            if (before is not LAssign { Value: ElementRead first } initial || initial.Target.Name != target.Name
                || lastWrite is not ElementRead { Index: VariableRef index } last || index.Name != at.Name || !first.Collection.Equals(last.Collection))
            {
                return null;
            }

            HashSet<string> assigned = LoopStatements.AssignedScalars(new LStmt[] { loop });
            return ExprNames.Read(first.Index).Any(name => assigned.Contains(name) || name == target.Name) ? null : first.Index;
        }
    }

    /// <summary>A loop that matches: its leading copies (a foreach's element), its one if, and the write in that if.</summary>
    private sealed record Search(IReadOnlyList<LAssign> Prefix, LIf Branch, LAssign Write)
    {
        public static Search? Match(LLoop loop, LoopMethod method, LoopActivity activity)
        {
            if (loop.Counter is not { } counter || loop.Step.Count != 0 || loop.Body.Count == 0 || loop.Body[loop.Body.Count - 1] is not LIf branch ||
                branch.Else.Count != 0 || branch.Then.Count == 0 || !branch.Then.All(s => s is LAssign))
            {
                return null;
            }

            List<LAssign> prefix = loop.Body.Take(loop.Body.Count - 1).OfType<LAssign>().ToList();
            List<LAssign> writes = branch.Then.Cast<LAssign>().Where(a => a.Target.Kind.IsFloatingPoint()).ToList();
            if (prefix.Count != loop.Body.Count - 1 || writes.Count != 1 || !activity.IsActive(writes[0].Target))
            {
                return null;
            }

            LAssign write = writes[0];
            string target = write.Target.Name;
            var assigned = new HashSet<string> { counter.Variable.Name };
            assigned.UnionWith(prefix.Select(p => p.Target.Name));
            assigned.UnionWith(branch.Then.Cast<LAssign>().Select(a => a.Target.Name));
            if (prefix.Select(p => p.Target.Name).Distinct().Count() != prefix.Count || assigned.Count != 1 + prefix.Count + branch.Then.Count ||
                prefix.Any(p => p.Target.Name == target || !IsPrivate(p.Target.Name, loop, method)))
            {
                return null;
            }

            // The repeated write may read the counter and the copies made before it (themselves of the counter and of
            // what the loop leaves alone), and nothing else the loop assigns. A call in it runs once more, after the loop, with
            // the arguments of the last write: [Differentiable] methods assign nothing but their locals, so it returns the same.
            var repeatable = new HashSet<string> { counter.Variable.Name };
            foreach (LAssign p in prefix)
            {
                if (!IsRepeatable(p.Value, repeatable, assigned))
                {
                    return null;
                }

                repeatable.Add(p.Target.Name);
            }

            // A call given a collection may write it, and the repeated write would then read other values than the last one did.
            if (!IsRepeatable(write.Value, repeatable, assigned) || ExprNames.Read(write.Value).Contains(target) ||
                AllExpressions(loop).Any(e => ExprSubstitution.Replace(e, new Dictionary<string, Expr>()) is null || PassesCollection(e)))
            {
                return null;
            }

            return new Search(prefix, branch, write);
        }

        private static bool IsRepeatable(Expr value, HashSet<string> repeatable, HashSet<string> assigned) =>
            ExprNames.Read(value).All(name => repeatable.Contains(name) || !assigned.Contains(name));

        private static IEnumerable<Expr> AllExpressions(LLoop loop)
        {
            yield return loop.Condition;
            var statements = new List<LStmt>();
            LoopStatements.Visit(loop.Body, statements.Add);
            foreach (Expr e in statements.SelectMany(LoopStatements.OwnExpressions))
            {
                yield return e;
            }
        }

        /// <summary>A copy (a foreach's element variable) that nothing outside the loop reads or assigns.</summary>
        private static bool IsPrivate(string name, LLoop loop, LoopMethod method)
        {
            bool mentioned = false;
            LoopStatements.Visit(method.Body, s =>
            {
                if (LoopStatements.AssignedScalar(s)?.Name == name || LoopStatements.OwnExpressions(s).Any(e => ExprNames.Read(e).Contains(name)))
                {
                    mentioned = true;
                }
            }, skip: s => ReferenceEquals(s, loop));
            return !mentioned && method.Result.Name != name;
        }

        private static bool PassesCollection(Expr expr) =>
            ExprChildren.Any(expr, e => e is UserCall call && call.Arguments.Any(a => a is CollectionRef));
    }
}
