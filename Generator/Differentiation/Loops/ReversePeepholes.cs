using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// Tidies the loop form's raw reverse sweep (every statement takes its target's adjoint into a fresh local, every
/// node of its right-hand side gets a declared adjoint) into what a hand-written gradient looks like:
/// <list type="bullet">
/// <item>a take whose local nobody reads only zeroes the adjoint (<c>d_s = 0;</c>), and nothing at all when no
/// instruction that can run afterwards mentions that adjoint (in a loop: anywhere in the outermost enclosing loop);</item>
/// <item>a take of such a dead adjoint becomes a plain copy, which the next rule removes;</item>
/// <item>an adjoint local declared as a copy (a constant, a variable, its negation, an element) disappears into its
/// readers when all of them follow it in the same block and nothing between writes what the copy reads;</item>
/// <item>the result's adjoint, when nothing writes it, is the seed itself; the fused entry then folds a seed of 1.</item>
/// </list>
/// Sound under loops and branches: a scalar adjoint of a source variable keeps every accumulation (only takes and
/// copies change), an element adjoint counts as its whole array (a write to <c>d_x[j]</c> blocks a copy of
/// <c>d_x[i]</c>), and no sum is reassociated. An instruction this pass does not know leaves the sweep unchanged.
/// </summary>
internal sealed class ReversePeepholes
{
    private readonly Dictionary<RInstr, RInstr?> _takes = new(InstructionComparer.Instance);
    private readonly Dictionary<string, int> _mentions = new();
    private readonly string? _foldedResult;
    private readonly VariableRef _seed;
    private readonly bool _opaque;

    private ReversePeepholes(IReadOnlyList<RInstr> reverse, VariableRef? resultAdjoint, VariableRef seed, IEnumerable<string> liveOut)
    {
        _seed = seed;
        var leaves = new List<(int Index, int LoopStart, RInstr Instruction)>();
        var mentionedAt = new Dictionary<string, List<int>>();
        int next = 0;
        bool opaque = false;
        void Mention(IEnumerable<string> names, int index)
        {
            foreach (string name in names)
            {
                if (!mentionedAt.TryGetValue(name, out List<int>? at)) mentionedAt[name] = at = new List<int>();
                at.Add(index);
            }
        }

        void Number(IReadOnlyList<RInstr> instructions, int loopStart)
        {
            foreach (RInstr instruction in instructions)
            {
                int index = next++;
                switch (instruction)
                {
                    case RGroup g: Number(g.Body, loopStart); break;
                    case RIf i: Number(i.Then, loopStart); Number(i.Else, loopStart); break;
                    case RLoop l:
                        // The loop itself reads its bounds and writes its counter: primal names, never adjoints.
                        if (l.Forward.Counter is { } counter) Mention(ExprNames.Read(counter.Start).Append(counter.Variable.Name), index);
                        if (l.LastCounter is not null) Mention(ExprNames.Read(l.LastCounter), index);
                        int start = loopStart >= 0 ? loopStart : index;
                        Number(l.Step, start);
                        Number(l.Body, start);
                        break;
                    default:
                        if (!Access.Of(instruction, out Access access))
                        {
                            opaque = true;
                            return;
                        }

                        leaves.Add((index, loopStart, instruction));
                        Mention(access.Mentioned, index);
                        break;
                }
            }
        }

        Number(reverse, -1);
        _opaque = opaque;
        if (_opaque)
        {
            return;
        }

        // What may run after the instruction at index: everything numbered later, and, inside a loop, the whole outermost
        // enclosing loop again (its later iterations, this instruction included). Branch arms count as if both ran.
        var live = new HashSet<string>(liveOut);
        bool MentionedAfter(string name, int index, int loopStart) => live.Contains(name)
            || mentionedAt[name].Any(at => at > index || (loopStart >= 0 && at >= loopStart));

        foreach ((int index, int loopStart, RInstr instruction) in leaves)
        {
            if (instruction is not RTake take)
            {
                continue;
            }

            bool localRead = mentionedAt.TryGetValue(take.Local.Name, out List<int>? at) && at.Any(i => i != index);
            bool adjointDead = !MentionedAfter(Owner(take.Adjoint), index, loopStart);
            if (adjointDead)
            {
                // Nothing reads the adjoint again, so zeroing it is dead; the take is a copy (which copy propagation removes).
                _takes[take] = localRead ? new RAdd(take.Local, take.Adjoint, Declare: true) : null;
            }
            else if (!localRead)
            {
                _takes[take] = new RZero(take.Adjoint);
            }
        }

        if (resultAdjoint is not null && !live.Contains(resultAdjoint.Name) && leaves.All(l => TakeRewritten(l.Instruction) is not { } rewritten
            || (Access.Of(rewritten, out Access access) && !access.Written.Contains(resultAdjoint.Name) && Substitute(rewritten, resultAdjoint.Name, seed) is not null)))
        {
            // Declared as the seed and never written: it is the seed wherever it is read.
            _foldedResult = resultAdjoint.Name;
        }

        foreach ((_, _, RInstr instruction) in leaves)
        {
            if (Local(instruction) is { } rewritten)
            {
                Count(rewritten, +1);
            }
        }
    }

    /// <summary>
    /// Analyses the whole reverse sweep once; <see cref="Rewrite"/> then applies the rules to it or to any statement's part
    /// of it (the same part rewritten alone gives the same instructions, since every rule stays within a statement's
    /// instructions or decides from the whole sweep here).
    /// </summary>
    /// <param name="resultAdjoint">The adjoint the emitter declares with the seed (null when the result is not active).</param>
    /// <param name="liveOut">Adjoints read after the sweep: the parameters' adjoints, copied out at the end.</param>
    public static ReversePeepholes Analyze(IReadOnlyList<RInstr> reverse, VariableRef? resultAdjoint, VariableRef seed, IEnumerable<string> liveOut) =>
        new(reverse, resultAdjoint, seed, liveOut);

    /// <summary>Whether the result's adjoint was replaced by the seed (then nothing mentions it and it needs no declaration).</summary>
    public bool FoldsResultAdjoint => _foldedResult is not null;

    public IReadOnlyList<RInstr> Rewrite(IReadOnlyList<RInstr> instructions)
    {
        if (_opaque)
        {
            return instructions;
        }

        var output = new List<RInstr>();
        foreach (RInstr instruction in instructions)
        {
            switch (instruction)
            {
                case RGroup g:
                    IReadOnlyList<RInstr> body = Rewrite(g.Body);
                    if (body.Count > 0) output.Add(g with { Body = body });
                    break;
                case RIf i: output.Add(i with { Then = Rewrite(i.Then), Else = Rewrite(i.Else) }); break;
                case RLoop l: output.Add(l with { Step = Rewrite(l.Step), Body = Rewrite(l.Body) }); break;
                default:
                    if (Local(instruction) is { } rewritten) output.Add(rewritten);
                    break;
            }
        }

        PropagateCopies(output);
        return output;
    }

    /// <summary>
    /// The fused entry's seed is the constant 1: substitutes it for the seed variable and simplifies (<c>seed * e</c>
    /// becomes <c>e</c>, exactly). Only contributions and call seeds change, so what the sweep reads of the primal stays the same.
    /// </summary>
    public static IReadOnlyList<RInstr> FoldSeed(IReadOnlyList<RInstr> reverse, string seedName, Constant seed) =>
        reverse.Select(instruction => instruction switch
        {
            RGroup g => g with { Body = FoldSeed(g.Body, seedName, seed) },
            RIf i => i with { Then = FoldSeed(i.Then, seedName, seed), Else = FoldSeed(i.Else, seedName, seed) },
            RLoop l => l with { Step = FoldSeed(l.Step, seedName, seed), Body = FoldSeed(l.Body, seedName, seed) },
            _ => Substitute(instruction, seedName, seed) ?? instruction,
        }).ToList();

    /// <summary>Every name the sweep reads or writes (null if it holds an instruction this pass does not know).</summary>
    public static HashSet<string>? Mentioned(IReadOnlyList<RInstr> reverse)
    {
        var names = new HashSet<string>();
        foreach (RInstr instruction in reverse)
        {
            if (!Access.Of(instruction, out Access access)) return null;
            names.UnionWith(access.Mentioned);
        }

        return names;
    }

    /// <summary>The take rewrite and the seed substitution of one leaf instruction (null: removed).</summary>
    private RInstr? Local(RInstr instruction)
    {
        RInstr? rewritten = TakeRewritten(instruction);
        return rewritten is not null && _foldedResult is not null ? Substitute(rewritten, _foldedResult, _seed) ?? rewritten : rewritten;
    }

    private RInstr? TakeRewritten(RInstr instruction) => _takes.TryGetValue(instruction, out RInstr? rewritten) ? rewritten : instruction;

    private void Count(RInstr instruction, int by)
    {
        Access.Of(instruction, out Access access);
        foreach (string name in access.Mentioned)
        {
            _mentions[name] = (_mentions.TryGetValue(name, out int n) ? n : 0) + by;
        }
    }

    /// <summary>
    /// <c>T d_t = c;</c> with c a copy (see <see cref="IsCopy"/>): its readers read c instead, when they all follow in this
    /// block (every mention of d_t anywhere is here), none of them writes d_t, and nothing before the last of them writes a
    /// name c reads (the last may, if it is an <c>adjoint += …</c>, which reads its contribution before it writes).
    /// Exact: each reader sees the value c had at the copy.
    /// </summary>
    private void PropagateCopies(List<RInstr> items)
    {
        for (int p = 0; p < items.Count; p++)
        {
            if (items[p] is not RAdd { Declare: true, Adjoint: VariableRef local, Contribution: var copy })
            {
                continue;
            }

            var readers = new List<int>();
            for (int k = p + 1; k < items.Count; k++)
            {
                Access.Of(items[k], out Access access);
                if (access.Mentioned.Contains(local.Name)) readers.Add(k);
            }

            if (_mentions[local.Name] != 1 + readers.Count || !IsCopy(copy, readers.Count))
            {
                continue;
            }

            var source = new HashSet<string>(ExprNames.Read(copy));
            int last = readers.Count > 0 ? readers[readers.Count - 1] : p;
            bool blocked = false;
            for (int k = p + 1; k <= last && !blocked; k++)
            {
                Access.Of(items[k], out Access access);
                blocked = access.Written.Contains(local.Name)
                    || (access.Written.Overlaps(source) && !(k == last && items[k] is RAdd))
                    || (readers.Contains(k) && Substitute(items[k], local.Name, copy) is null);
            }

            if (blocked)
            {
                continue;
            }

            foreach (int k in readers)
            {
                RInstr substituted = Substitute(items[k], local.Name, copy)!;
                Count(items[k], -1);
                Count(substituted, +1);
                items[k] = substituted;
            }

            Count(items[p], -1);
            items.RemoveAt(p);
            p--;
        }
    }

    /// <summary>
    /// What a copy may be: a constant, a variable, or an element whose index is an atom (or that has one reader, so the
    /// index is computed no more often than before), possibly negated.
    /// </summary>
    private static bool IsCopy(Expr value, int readers) => value switch
    {
        Constant or VariableRef => true,
        Unary { Operator: UnaryOperator.Negate, Operand: var operand } => IsCopy(operand, readers),
        ElementRead { Index: var index } => readers <= 1 || index is VariableRef or Constant,
        _ => false,
    };

    /// <summary>The instruction with <paramref name="name"/> read as <paramref name="value"/>; null where the name is not only read in a contribution or a seed.</summary>
    private static RInstr? Substitute(RInstr instruction, string name, Expr value) => instruction switch
    {
        RAdd a when !ExprNames.Read(a.Adjoint).Contains(name) => a with { Contribution = Substitute(a.Contribution, name, value) },
        RSpanCallBackward s when !s.Adjoints.Any(x => x is not null && ExprNames.Read(x).Contains(name)) && !ExprNames.Read(s.Call).Contains(name)
            => s with { Seed = Substitute(s.Seed, name, value) },
        RSavedCallBackward s when !s.Adjoints.Any(x => x is not null && ExprNames.Read(x).Contains(name)) => s with { Seed = Substitute(s.Seed, name, value) },
        _ when !Access.Of(instruction, out Access access) || access.Mentioned.Contains(name) => null,
        _ => instruction,
    };

    /// <summary>Replaces a variable and re-applies the builder's exact simplifications on the way up (<c>1 * e</c> is e, <c>-a * b</c> is <c>-(a * b)</c>).</summary>
    private static Expr Substitute(Expr expr, string name, Expr value)
    {
        switch (expr)
        {
            case VariableRef v when v.Name == name:
                return value.Kind == v.Kind ? value : value is Constant constant ? new ExprBuilder(v.Kind).Const(constant.Value) : new Conversion(v.Kind, value);
            case Unary { Operator: UnaryOperator.Negate } u:
                return new ExprBuilder(u.Kind).Neg(Substitute(u.Operand, name, value));
            case Binary { Operator: BinaryOperator.Multiply } b:
            {
                var e = new ExprBuilder(b.Kind);
                Expr product = e.Mul(Substitute(b.Left, name, value), Substitute(b.Right, name, value));
                // (-a) * b is -(a * b) in IEEE arithmetic (rounding is symmetric): written so, it prints as "-=".
                return product is Binary { Operator: BinaryOperator.Multiply, Left: Unary { Operator: UnaryOperator.Negate } negated } p
                    ? e.Neg(e.Mul(negated.Operand, p.Right))
                    : product;
            }

            case Binary b:
                return b with { Left = Substitute(b.Left, name, value), Right = Substitute(b.Right, name, value) };
            case Conversion c:
                Expr operand = Substitute(c.Operand, name, value);
                return operand is Constant k && c.Kind.IsFloatingPoint() ? new ExprBuilder(c.Kind).Const(k.Value) : c with { Operand = operand };
            case Conditional c:
                return c with { WhenTrue = Substitute(c.WhenTrue, name, value), WhenFalse = Substitute(c.WhenFalse, name, value) };
            default:
                return expr; // primal subexpressions (indices, math calls, conditions) never mention an adjoint
        }
    }

    /// <summary>The variable an assignable adjoint belongs to: a scalar's name, or an element's (or span's) array.</summary>
    private static string Owner(Expr adjoint) => adjoint switch
    {
        ElementRead { Collection: CollectionRef c } => c.Name,
        CollectionRef c => c.Name,
        VariableRef v => v.Name,
        _ => throw new System.InvalidOperationException("Not an assignable adjoint: " + adjoint.GetType().Name),
    };

    /// <summary>The names an instruction (and what it contains) reads and writes.</summary>
    private sealed class Access
    {
        public HashSet<string> Read { get; } = new();

        public HashSet<string> Written { get; } = new();

        public IEnumerable<string> Mentioned => Read.Concat(Written);

        /// <summary>False for an instruction this pass does not know.</summary>
        public static bool Of(RInstr instruction, out Access access)
        {
            access = new Access();
            return access.Add(instruction);
        }

        private void ReadExpr(Expr expr) => Read.UnionWith(ExprNames.Read(expr));

        /// <summary>An assignable adjoint: its index is read, its owner written (and read, unless declared).</summary>
        private void WriteAdjoint(Expr adjoint, bool accumulates)
        {
            if (adjoint is ElementRead element) ReadExpr(element.Index);
            if (accumulates) Read.Add(Owner(adjoint));
            Written.Add(Owner(adjoint));
        }

        private bool Add(RInstr instruction)
        {
            switch (instruction)
            {
                case RGroup g: return g.Body.All(Add);
                case RIf i: return i.Then.All(Add) && i.Else.All(Add);
                case RLoop l:
                    if (l.Forward.Counter is { } counter)
                    {
                        Written.Add(counter.Variable.Name);
                        ReadExpr(counter.Start);
                    }

                    if (l.LastCounter is not null) ReadExpr(l.LastCounter);
                    return l.Step.All(Add) && l.Body.All(Add);
                case RRestore r: Written.Add(r.Target.Name); return true;
                case RRestoreElement r: ReadExpr(r.Index); Written.Add(r.Array.Name); return true;
                case RLet l: ReadExpr(l.Value); Written.Add(l.Temp.Name); return true;
                case RCallPartials c:
                    ReadExpr(c.Call);
                    Written.Add(c.Temp.Name);
                    Written.UnionWith(c.PartialNames.Where(n => n is not null)!);
                    return true;
                case RPopSaved p:
                    Written.Add(p.Node.Temp.Name);
                    if (p.Node is SavedCall saved) Written.UnionWith(saved.Partials.Select(x => x.Name));
                    return true;
                case RTake t: ReadExpr(t.Adjoint); Written.Add(t.Local.Name); WriteAdjoint(t.Adjoint, accumulates: false); return true;
                case RZero z: WriteAdjoint(z.Adjoint, accumulates: false); return true;
                case RAdd a: ReadExpr(a.Contribution); WriteAdjoint(a.Adjoint, accumulates: !a.Declare); return true;
                case RDeclareZero z: Written.Add(z.Adjoint.Name); return true;
                case RSpanCallBackward s:
                    ReadExpr(s.Seed);
                    ReadExpr(s.Call);
                    foreach (Expr? adjoint in s.Adjoints) if (adjoint is not null) WriteAdjoint(adjoint, accumulates: true);
                    return true;
                case RSavedCallBackward s:
                    ReadExpr(s.Seed);
                    Read.UnionWith(s.Call.Partials.Select(x => x.Name));
                    foreach (SavedPartial partial in s.Call.Partials) if (partial.Operand is { } operand) ReadExpr(operand);
                    foreach (Expr? adjoint in s.Adjoints) if (adjoint is not null) WriteAdjoint(adjoint, accumulates: true);
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>Instructions by reference: two equal-looking takes at different places are different takes.</summary>
    private sealed class InstructionComparer : IEqualityComparer<RInstr>
    {
        public static readonly InstructionComparer Instance = new();

        public bool Equals(RInstr? x, RInstr? y) => ReferenceEquals(x, y);

        public int GetHashCode(RInstr obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
