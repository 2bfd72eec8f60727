using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Turns the raw reverse sweep (every adjoint starts at zero and only ever accumulates) into the one the
/// emitter writes, the way a hand-written gradient reads:
/// <list type="bullet">
/// <item>the seed is substituted where the result's adjoint is read, so a seed of 1 folds away (<c>d * 1</c> is exact);</item>
/// <item>an adjoint's first contribution is an assignment, not <c>d = 0; d += e</c> (the JIT may not fold
/// <c>0 + e</c>, which differs from <c>e</c> for e = -0), and is its declaration when every mention of the adjoint is
/// in that write's block;</item>
/// <item>only the adjoints some path reads before writing are declared up front, as zero;</item>
/// <item>an adjoint that is only a copy of a constant or a variable disappears into its readers.</item>
/// </list>
/// A pure transform: same instructions in, same gradient out, exactly (no reassociation).
/// </summary>
internal static class AdjointPeepholes
{
    /// <param name="liveOut">Adjoints read after the sweep (the parameters' locals, copied out at the end).</param>
    public static AdjointSweep Optimize(IReadOnlyList<Instr> backward, VariableRef resultAdjoint, Expr seed, IReadOnlyList<VariableRef> zeroAdjoints, IEnumerable<VariableRef> liveOut)
    {
        var declarations = new List<AdjointDeclaration>();
        IReadOnlyList<Instr> body = backward;
        if (WriteCounts(backward).ContainsKey(resultAdjoint.Name))
        {
            // Something adds to the result's adjoint (never the case for a lowered return value): keep it a local.
            declarations.Add(new AdjointDeclaration(resultAdjoint, seed));
        }
        else
        {
            body = Substitute(backward, new Dictionary<string, Expr> { [resultAdjoint.Name] = seed });
        }

        var zero = new HashSet<string>(zeroAdjoints.Select(a => a.Name));
        var readAfter = new HashSet<string>(liveOut.Select(a => a.Name));
        Dictionary<string, Mentions> mentions = CollectMentions(body, zero, readAfter);
        body = FirstWritesAssign(body, zero, mentions, new HashSet<string>());
        body = PropagateCopies(body, readAfter);
        foreach (VariableRef adjoint in zeroAdjoints)
        {
            if (mentions.TryGetValue(adjoint.Name, out Mentions? mention) && !mention.DeclaredByFirstWrite)
            {
                declarations.Add(new AdjointDeclaration(adjoint, new Constant(adjoint.Kind, 0)));
            }
        }

        return new AdjointSweep(declarations, body, new HashSet<string>(mentions.Keys));
    }

    /// <summary>Where an adjoint is mentioned: whether its first mention is a write, that write's block, and the innermost block holding every mention.</summary>
    private sealed class Mentions
    {
        public Mentions(bool firstIsWrite, IReadOnlyList<int> firstBlock)
        {
            FirstIsWrite = firstIsWrite;
            FirstBlock = firstBlock;
            Common = firstBlock;
        }

        public bool FirstIsWrite { get; }

        public IReadOnlyList<int> FirstBlock { get; }

        /// <summary>The path of block numbers from the sweep's top to the innermost block that holds every mention.</summary>
        public IReadOnlyList<int> Common { get; set; }

        /// <summary>Declared by its first write (<c>T d = e</c>) when that write is in the block holding every mention, so every read is in scope.</summary>
        public bool DeclaredByFirstWrite => FirstIsWrite && FirstBlock.Count == Common.Count;
    }

    private static Dictionary<string, Mentions> CollectMentions(IReadOnlyList<Instr> body, HashSet<string> adjoints, IEnumerable<string> liveOut)
    {
        var mentions = new Dictionary<string, Mentions>();
        var path = new List<int> { 0 };
        int blocks = 0;
        void Mention(string name, bool write)
        {
            if (!adjoints.Contains(name))
            {
                return;
            }

            if (!mentions.TryGetValue(name, out Mentions? known))
            {
                mentions[name] = new Mentions(write, path.ToArray());
                return;
            }

            int common = 0;
            while (common < known.Common.Count && common < path.Count && known.Common[common] == path[common])
            {
                common++;
            }

            known.Common = known.Common.Take(common).ToArray();
        }

        void Walk(IReadOnlyList<Instr> instructions)
        {
            foreach (Instr instruction in instructions)
            {
                switch (instruction)
                {
                    case Group group:
                        Walk(group.Body);
                        break;
                    case Branch branch:
                        foreach (IReadOnlyList<Instr> arm in new[] { branch.Then, branch.Else })
                        {
                            path.Add(++blocks);
                            Walk(arm);
                            path.RemoveAt(path.Count - 1);
                        }

                        break;
                    case Accumulate accumulate:
                        foreach (string read in ExprNames.Read(accumulate.Contribution))
                        {
                            Mention(read, write: false);
                        }

                        Mention(accumulate.Adjoint.Name, write: true);
                        break;
                }
            }
        }

        Walk(body);
        foreach (string name in liveOut.Where(mentions.ContainsKey))
        {
            Mention(name, write: false); // read at the top level after the sweep
        }

        return mentions;
    }

    /// <summary>
    /// Walks the sweep in order with the set of adjoints still zero on every path: a write to one of them
    /// becomes an assignment, or the adjoint's declaration where <see cref="Mentions.DeclaredByFirstWrite"/>.
    /// </summary>
    private static List<Instr> FirstWritesAssign(IReadOnlyList<Instr> instructions, HashSet<string> zero, Dictionary<string, Mentions> mentions, HashSet<string> written)
    {
        var output = new List<Instr>();
        foreach (Instr instruction in instructions)
        {
            switch (instruction)
            {
                case Group group:
                    output.Add(group with { Body = FirstWritesAssign(group.Body, zero, mentions, written) });
                    break;
                case Branch branch:
                {
                    var zeroElse = new HashSet<string>(zero);
                    List<Instr> then = FirstWritesAssign(branch.Then, zero, mentions, written);
                    List<Instr> otherwise = FirstWritesAssign(branch.Else, zeroElse, mentions, written);
                    zero.IntersectWith(zeroElse); // still zero only if zero after both arms
                    output.Add(new Branch(branch.Condition, then, otherwise));
                    break;
                }

                case Accumulate accumulate:
                {
                    string name = accumulate.Adjoint.Name;
                    bool first = written.Add(name);
                    if (zero.Remove(name))
                    {
                        bool declares = first && mentions[name].DeclaredByFirstWrite;
                        output.Add(accumulate with { Write = declares ? AdjointWrite.Declare : AdjointWrite.Assign });
                    }
                    else
                    {
                        output.Add(accumulate);
                    }

                    break;
                }

                default:
                    output.Add(instruction);
                    break;
            }
        }

        return output;
    }

    /// <summary>
    /// Drops adjoints that are only ever a copy: one write, declaring the adjoint as a constant or a variable.
    /// Their readers read the source instead (<c>d_t = 1; d_x = d_t * b</c> becomes <c>d_x = b</c>). Exact, because
    /// a source never changes after it is read: primal values are final in the reverse sweep, and an adjoint is
    /// read only once all its contributions are in (SSA: every use of a value precedes its definition in reverse).
    /// </summary>
    private static IReadOnlyList<Instr> PropagateCopies(IReadOnlyList<Instr> instructions, IReadOnlyCollection<string> keep)
    {
        Dictionary<string, int> writeCounts = WriteCounts(instructions);
        var copies = new Dictionary<string, Expr>();
        List<Instr> Walk(IReadOnlyList<Instr> list)
        {
            var output = new List<Instr>();
            foreach (Instr instruction in list)
            {
                switch (instruction)
                {
                    case Group group:
                        List<Instr> body = Walk(group.Body);
                        if (body.Count > 0)
                        {
                            output.Add(group with { Body = body });
                        }

                        break;
                    case Branch branch:
                        output.Add(new Branch(branch.Condition, Walk(branch.Then), Walk(branch.Else)));
                        break;
                    case Accumulate accumulate:
                        Expr contribution = Substitute(accumulate.Contribution, copies);
                        if (accumulate.Write == AdjointWrite.Declare && contribution is Constant or VariableRef &&
                            writeCounts[accumulate.Adjoint.Name] == 1 && !keep.Contains(accumulate.Adjoint.Name))
                        {
                            copies[accumulate.Adjoint.Name] = contribution;
                        }
                        else
                        {
                            output.Add(accumulate with { Contribution = contribution });
                        }

                        break;
                    default:
                        output.Add(instruction);
                        break;
                }
            }

            return output;
        }

        return Walk(instructions);
    }

    private static IReadOnlyList<Instr> Substitute(IReadOnlyList<Instr> instructions, IReadOnlyDictionary<string, Expr> values) =>
        instructions.Select(instruction => instruction switch
        {
            Group group => group with { Body = Substitute(group.Body, values) },
            Branch branch => new Branch(branch.Condition, Substitute(branch.Then, values), Substitute(branch.Else, values)),
            Accumulate accumulate => accumulate with { Contribution = Substitute(accumulate.Contribution, values) },
            _ => instruction,
        }).ToList();

    /// <summary>Replaces variables and re-applies the builder's simplifications on the way up (so <c>1 * e</c> becomes <c>e</c>).</summary>
    private static Expr Substitute(Expr expr, IReadOnlyDictionary<string, Expr> values)
    {
        switch (expr)
        {
            case VariableRef v when values.TryGetValue(v.Name, out Expr? value):
                return value.Kind == v.Kind ? value : value is Constant constant ? new ExprBuilder(v.Kind).Const(constant.Value) : new Conversion(v.Kind, value);
            case Unary { Operator: UnaryOperator.Negate } u:
                return new ExprBuilder(u.Kind).Neg(Substitute(u.Operand, values));
            case Binary { Operator: BinaryOperator.Multiply } b:
                return new ExprBuilder(b.Kind).Mul(Substitute(b.Left, values), Substitute(b.Right, values));
            case Binary b:
                return b with { Left = Substitute(b.Left, values), Right = Substitute(b.Right, values) };
            case Conversion c:
                Expr operand = Substitute(c.Operand, values);
                return operand is Constant k && c.Kind.IsFloatingPoint() ? new ExprBuilder(c.Kind).Const(k.Value) : c with { Operand = operand };
            case Conditional c:
                return c with { WhenTrue = Substitute(c.WhenTrue, values), WhenFalse = Substitute(c.WhenFalse, values) };
            default:
                return expr; // primal subexpressions (math calls, conditions) never mention an adjoint
        }
    }

    private static Dictionary<string, int> WriteCounts(IReadOnlyList<Instr> instructions)
    {
        var counts = new Dictionary<string, int>();
        void Walk(IReadOnlyList<Instr> list)
        {
            foreach (Instr instruction in list)
            {
                switch (instruction)
                {
                    case Group g: Walk(g.Body); break;
                    case Branch b: Walk(b.Then); Walk(b.Else); break;
                    case Accumulate a: counts[a.Adjoint.Name] = counts.TryGetValue(a.Adjoint.Name, out int n) ? n + 1 : 1; break;
                }
            }
        }

        Walk(instructions);
        return counts;
    }
}
