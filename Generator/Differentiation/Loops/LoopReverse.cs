using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// Reverse mode on the loop form, Tapenade-style: each assignment's reverse pops the value it destroyed
/// (when the reverse sweep reads that variable), recomputes the statement's intermediates from the restored
/// values, and propagates the adjoint of the target through them. Branch decisions and loop trip counts are
/// saved too, so the reverse sweep retraces the forward path exactly.
/// </summary>
internal sealed class LoopReverse
{
    private readonly LoopMethod _method;
    private readonly LoopActivity _activity;
    private readonly NameAllocator _names;
    private readonly Dictionary<string, string> _adjointNames = new();
    private readonly HashSet<string> _temps = new();
    private readonly List<(LStmt Statement, List<RInstr> Reverse)> _statementReverses = new();
    private readonly Dictionary<LStmt, IReadOnlyList<SavedNode>> _savedNodes = new(StatementComparer.Instance);
    private readonly IReadOnlyDictionary<string, FillLoop> _fills;
    private int _nextCall;

    // Collection parameters the method never writes: their elements at any point of the reverse sweep are those it started with.
    private readonly HashSet<string> _unwrittenParameters = new();

    private LoopReverse(LoopMethod method, LoopActivity activity, IReadOnlyDictionary<string, FillLoop> fills)
    {
        _method = method;
        _activity = activity;
        _names = method.Names;
        _fills = fills;
    }

    /// <summary>The loop form's plan; <paramref name="withReductions"/> false keeps every loop in the ordinary sweep.</summary>
    public static LoopPlan Differentiate(MethodModel model, IEnumerable<CustomRuleModel> rules, bool withReductions = true)
    {
        LoopMethod desugared = LoopDesugaring.Desugar(model);
        LoopMethod method = DeadZeroFills.Rewrite(LastWriteLoops.Rewrite(desugared, LoopActivity.Run(desugared, model.Parameters)), model.Parameters.Select(p => p.Name));
        var activity = LoopActivity.Run(method, model.Parameters);
        var fills = FillLoops.Find(method, activity, model.Parameters.Select(p => p.Name));
        var reverse = new LoopReverse(method, activity, fills);
        NameAllocator names = method.Names;

        var written = new HashSet<string>();
        CollectWrites(method.Body, written);
        reverse._unwrittenParameters.UnionWith(model.Parameters.Where(p => p.Shape != ValueShape.Scalar && !written.Contains(p.Name)).Select(p => p.Name));
        var parameterAdjoints = new List<(ParameterModel Parameter, string Public, string Internal)>();
        foreach (ParameterModel parameter in model.Parameters.Where(p => p.IsDifferentiable))
        {
            string publicName = names.Preferred("d" + parameter.Name);
            // A span nobody writes accumulates straight into the caller's gradient span; anything else uses a local first.
            string internalName = parameter.Shape != ValueShape.Scalar && !written.Contains(parameter.Name) ? publicName : names.Preferred("d_" + parameter.Name);
            reverse._adjointNames[parameter.Name] = internalName;
            parameterAdjoints.Add((parameter, publicName, internalName));
        }

        string seed = names.Preferred("seed");
        string tape = names.Preferred("tape");
        string stack = names.Preferred("stack");
        names.Preferred(model.TapeName);
        List<RInstr> raw = reverse.ReverseSequence(method.Body);
        // The peepholes run before the read sets are taken, so the saves match the sweep the emitter prints.
        string? resultAdjoint = reverse._adjointNames.TryGetValue(method.Result.Name, out string? r) ? r : null;
        ReversePeepholes peepholes = ReversePeepholes.Analyze(raw, resultAdjoint is null ? null : new VariableRef(method.Result.Kind, resultAdjoint),
            new VariableRef(model.ReturnKind, seed), parameterAdjoints.Select(a => a.Internal));
        IReadOnlyList<RInstr> body = peepholes.Rewrite(raw);
        DropUnmentionedAdjoints(body, method, reverse._adjointNames, parameterAdjoints.Select(a => a.Internal));
        var notPrimal = new HashSet<string>(reverse._adjointNames.Values.Concat(reverse._temps)) { seed };
        if (resultAdjoint is not null) notPrimal.Add(resultAdjoint);
        HashSet<string> readInReverse = ReadSet(body, notPrimal);
        var statementReads = new Dictionary<LStmt, HashSet<string>>(StatementComparer.Instance);
        foreach ((LStmt statement, List<RInstr> instructions) in reverse._statementReverses)
        {
            // What each statement's reverse reads decides which stores save the element they overwrite; reading an array's
            // Length (a reverse loop's bound) reads no element, so it makes no store save.
            statementReads[statement] = ReadSet(peepholes.Rewrite(instructions), notPrimal, readInReverse, valuesOnly: true);
        }

        var saved = new HashSet<LStmt>(StatementComparer.Instance);
        SaveAnalysis(method.Body, new HashSet<string>(), statementReads, saved);
        var counters = new HashSet<string>();
        CollectCounters(method.Body, counters);
        var savedCallArguments = new HashSet<string>(reverse._savedNodes.Values.SelectMany(n => n).OfType<SavedCall>()
            .SelectMany(c => c.Partials).Where(p => p.Argument is not null).Select(p => p.Argument!.Name));
        var reductions = withReductions
            ? ReductionLoops.Find(method, body, activity, model.Parameters.Select(p => p.Name).ToList(), reverse._adjointNames,
                statement => saved.Contains(statement) || reverse._savedNodes.ContainsKey(statement))
            : new Dictionary<LStmt, ReductionLoop>(StatementComparer.Instance);
        if (reductions.Count > 0)
        {
            // An iteration run one at a time is reversed before the next one starts: what it destroys needs saving only for
            // its own reverse and for the statements before the loop, not for earlier iterations (so fewer saves).
            saved.Clear();
            SaveAnalysis(method.Body, new HashSet<string>(), statementReads, saved, reductions);
        }
        // A fill whose every iteration writes a copy of its own destroys nothing, so it saves nothing. Its store must push
        // nothing either (no kept exponential): a push that grew the tape mid-fill would leave the copy's tail behind. A
        // loop run one iteration at a time (a reduction) has no reverse loop to read copies: its iterations keep saving.
        // Copies only replace saves: a fill that would save nothing (its values are never read back) keeps none.
        var eligible = fills.Values.Where(f => f.Enclosing is not null && !reductions.ContainsKey(f.Enclosing) && saved.Contains(f.Store)
                && f.Store.Array.Kind == ScalarKind.Double && !reverse._savedNodes.ContainsKey(f.Store))
            .ToDictionary(f => f.Store, f => f, StatementComparer.Instance);
        // A loop filling several arrays pushes nothing at all, or none of them gets copies: a push between two stores could
        // move the tape while a copy's slice is being written.
        var copies = eligible.Values.Where(f => f.Loop.Body.All(s => !reverse._savedNodes.ContainsKey(s) && (!saved.Contains(s) || eligible.ContainsKey(s))))
            .ToDictionary(f => f.Store.Array.Name);
        saved.ExceptWith(copies.Values.Select(f => (LStmt)f.Store));
        IReadOnlyDictionary<LLoop, SlotRegion> slots = KeptSlots.Plan(method, saved, reverse._savedNodes, reductions);
        return new LoopPlan(method, body, activity, readInReverse, saved, reverse._savedNodes, savedCallArguments, written, counters, reverse._adjointNames, parameterAdjoints,
            activity.IsActive(method.Result), seed, tape, stack,
            rules.GroupBy(r => r.TargetKey).ToDictionary(g => g.Key, g => g.First()), reductions, copies,
            new HashSet<string>(fills.Values.Where(f => f.Terms is not null).Select(f => f.Store.Array.Name)), slots);
    }

    /// <summary>
    /// Forgets the scalar adjoints of locals (the result's included) that the optimised sweep no longer mentions, so the
    /// emitter declares none that nothing reads (a dead take's adjoint, the result's adjoint once it is the seed).
    /// </summary>
    private static void DropUnmentionedAdjoints(IReadOnlyList<RInstr> body, LoopMethod method, Dictionary<string, string> adjointNames, IEnumerable<string> parameterAdjoints)
    {
        if (ReversePeepholes.Mentioned(body) is not { } mentioned)
        {
            return;
        }

        var keep = new HashSet<string>(parameterAdjoints);
        foreach (VariableRef local in method.Locals.Append(method.Result))
        {
            if (adjointNames.TryGetValue(local.Name, out string? adjoint) && !mentioned.Contains(adjoint) && !keep.Contains(adjoint))
            {
                adjointNames.Remove(local.Name);
            }
        }
    }

    private string AdjointName(string primal)
    {
        if (!_adjointNames.TryGetValue(primal, out string? name))
        {
            name = _names.Preferred("d_" + primal);
            _adjointNames[primal] = name;
        }

        return name;
    }

    private VariableRef NewTemp(ScalarKind kind)
    {
        // A temp tN comes with its adjoint d_tN: both must be free names.
        while (true)
        {
            string name = _names.Fresh("t");
            if (_names.Preferred("d_" + name) == "d_" + name)
            {
                var temp = new VariableRef(kind, name);
                _temps.Add(temp.Name);
                return temp;
            }
        }
    }

    private List<RInstr> ReverseSequence(IReadOnlyList<LStmt> statements)
    {
        var output = new List<RInstr>();
        if (statements.Count > 0 && statements[statements.Count - 1] is LThrow)
        {
            // Every run of this list throws (nothing jumps out of a list but through flags, which guard what follows in an
            // if of its own): its reverse never runs, so it has none, and nothing it assigns needs saving for one.
            return output;
        }

        for (int i = statements.Count - 1; i >= 0; i--)
        {
            LStmt statement = statements[i];
            List<RInstr> body = ReverseStatement(statement);
            if (body.Count == 0)
            {
                continue;
            }

            if (statement.Source is { } source && statement is LAssign or LStore)
            {
                output.Add(new RGroup(source, body));
            }
            else
            {
                output.AddRange(body);
            }
        }

        return output;
    }

    private List<RInstr> ReverseStatement(LStmt statement)
    {
        var output = new List<RInstr>();
        switch (statement)
        {
            case LAssign assign:
                _statementReverses.Add((statement, output));
                output.Add(new RRestore(assign, assign.Target));
                if (_activity.IsActive(assign.Target))
                {
                    var adjoint = new VariableRef(assign.Target.Kind, AdjointName(assign.Target.Name));
                    if (Increment(assign.Target, assign.Value) is { } increment)
                    {
                        // s = s ± e: the adjoint of s passes through unchanged; only e needs its share.
                        Propagate(statement, increment.Added, null, increment.Negated ? new Unary(adjoint.Kind, UnaryOperator.Negate, adjoint) : adjoint, output);
                        break;
                    }

                    VariableRef taken = NewTemp(assign.Target.Kind);
                    var local = new VariableRef(assign.Target.Kind, "d_" + taken.Name);
                    _temps.Add(local.Name);
                    Propagate(statement, assign.Value, new RTake(local, adjoint), local, output);
                }

                break;
            case LStore store:
                _statementReverses.Add((statement, output));
                output.Add(new RRestoreElement(store, store.Array, store.Index));
                if (_fills.TryGetValue(store.Array.Name, out FillLoop? fill) && ReferenceEquals(fill.Store, store) && fill.Terms is not null)
                {
                    // The reverses of the fill's reads have added into its operands' adjoints already (see AddTo).
                    break;
                }

                if (_activity.IsActive(store.Array))
                {
                    Expr adjoint = new ElementRead(store.Array.Kind, store.Array with { Name = AdjointName(store.Array.Name) }, store.Index);
                    if (Increment(new ElementRead(store.Array.Kind, store.Array, store.Index), store.Value) is { } increment)
                    {
                        Propagate(statement, increment.Added, null, increment.Negated ? new Unary(store.Array.Kind, UnaryOperator.Negate, adjoint) : adjoint, output);
                        break;
                    }

                    VariableRef taken = NewTemp(store.Array.Kind);
                    var local = new VariableRef(store.Array.Kind, "d_" + taken.Name);
                    _temps.Add(local.Name);
                    Propagate(statement, store.Value, new RTake(local, adjoint), local, output);
                }

                break;
            case LIf branch:
            {
                List<RInstr> then = ReverseSequence(branch.Then), otherwise = ReverseSequence(branch.Else);
                if (then.Count > 0 || otherwise.Count > 0)
                {
                    output.Add(new RIf(branch, then, otherwise));
                }

                break;
            }

            case LLoop loop:
            {
                List<RInstr> step = ReverseSequence(loop.Step), body = ReverseSequence(loop.Body);
                if (step.Count > 0 || body.Count > 0)
                {
                    var reversed = new RLoop(loop, step, body, LastCounterValue(loop));
                    output.Add(reversed);
                    if (reversed.LastCounter is not null)
                    {
                        // The reverse loop reads the bounds where the forward loop started.
                        _statementReverses.Add((loop, new List<RInstr> { new RLet(loop.Counter!.Variable, loop.Counter.Start), new RLet(loop.Counter.Variable, reversed.LastCounter) }));
                    }
                }

                break;
            }

            case LArray array when _activity.IsActive(array.Array):
                AdjointName(array.Array.Name);
                break;
        }

        return output;
    }

    /// <summary>
    /// For <c>for (i = a; i &lt; b; i++)</c> (or <c>&lt;=</c>, or counting down with <c>&gt;</c>/<c>&gt;=</c>) with no
    /// break or return and a body that assigns no variable of a or b: the counter's value in the last iteration
    /// (b − 1, b, b + 1 or b). Otherwise null, and the trip count is recorded.
    /// </summary>
    internal static Expr? LastCounterValue(LLoop loop)
    {
        if (loop.Counter is not { } counter || loop.Condition is not Binary { Left: VariableRef tested } condition || tested.Name != counter.Variable.Name)
        {
            return null;
        }

        Expr bound = condition.Right;
        HashSet<string> assigned = LoopStatements.AssignedScalars(loop.Body.Concat(loop.Step));
        if (ExprNames.Read(bound).Concat(ExprNames.Read(counter.Start)).Any(assigned.Contains))
        {
            return null;
        }

        Expr Shift(int by) => by == 0 ? bound : bound is Constant c ? new Constant(ScalarKind.Int, c.Value + by)
            : new Binary(ScalarKind.Int, by > 0 ? BinaryOperator.Add : BinaryOperator.Subtract, bound, new Constant(ScalarKind.Int, System.Math.Abs(by)));
        return (counter.Step, condition.Operator) switch
        {
            (1, BinaryOperator.Less) => Shift(-1),
            (1, BinaryOperator.LessOrEqual) => Shift(0),
            (-1, BinaryOperator.Greater) => Shift(1),
            (-1, BinaryOperator.GreaterOrEqual) => Shift(0),
            _ => null,
        };
    }

    /// <summary>
    /// <c>target = target + e</c> or <c>target = target - e</c> where e does not read the target (nor, for an
    /// element, its array): the accumulations of numeric loops, whose reverse needs no take and no restore.
    /// </summary>
    private static (Expr Added, bool Negated)? Increment(Expr target, Expr value)
    {
        if (value is not Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } binary || !binary.Left.Equals(target))
        {
            return null;
        }

        string owner = target is ElementRead { Collection: CollectionRef c } ? c.Name : ((VariableRef)target).Name;
        return ExprNames.Read(binary.Right).Contains(owner) ? null : (binary.Right, binary.Operator == BinaryOperator.Subtract);
    }

    /// <summary>
    /// One node of a linearized expression: its temp, the node over atoms, the source subexpression it stands for, and
    /// whether it sits in a branch of a <c>?:</c> (then the forward sweep must not evaluate it ahead of the statement).
    /// </summary>
    private sealed record Node(VariableRef Temp, Expr Definition, Expr Original, bool Guarded);

    /// <summary>
    /// The reverse of <c>target = value</c> after the target's restore: take the target's adjoint into
    /// <paramref name="seed"/>, get the intermediates the partials read (popped if the forward sweep saved them,
    /// recomputed otherwise), and add each operand's share.
    /// </summary>
    private void Propagate(LStmt statement, Expr value, RTake? take, Expr seed, List<RInstr> output)
    {
        var nodes = new List<Node>();
        Expr root = Linearize(value, nodes, guarded: false);
        var adjoints = new List<RInstr>();
        var declared = new HashSet<string>();
        var reads = new List<Expr>();

        void AddTo(Expr atom, Expr contribution)
        {
            if (atom is VariableRef temp && _temps.Contains(temp.Name))
            {
                string name = "d_" + temp.Name;
                bool declare = declared.Add(name);
                adjoints.Add(new RAdd(new VariableRef(temp.Kind, name), Convert(contribution, temp.Kind), declare));
            }
            else if (ForwardedShares(atom, contribution) is { } shares)
            {
                foreach ((Expr operandAdjoint, Expr share) in shares)
                {
                    adjoints.Add(new RAdd(operandAdjoint, share, false));
                    reads.Add(share);
                }
            }
            else if (AdjointOf(atom) is { } adjoint)
            {
                adjoints.Add(new RAdd(adjoint, Convert(contribution, atom.Kind), false));
            }

            reads.Add(contribution);
        }

        // Active calls get their partials from the callee's gradient entry in the forward sweep, where the value is
        // computed anyway, unless one of them cannot: then all of them are called again in the reverse sweep, which
        // must not find a popped partial span of this statement overwritten by a callee's own use of the stack.
        bool HasAdjoint(Node node) => declared.Contains("d_" + node.Temp.Name);
        bool savesCalls = true;
        var savedCalls = new Dictionary<string, SavedCall>();

        AddTo(root, seed);
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            Node node = nodes[i];
            if (!HasAdjoint(node))
            {
                continue;
            }

            if (node.Definition is UserCall call && (node.Guarded || !CanSaveCall(call)))
            {
                savesCalls = false;
            }

            var nodeSeed = new VariableRef(node.Temp.Kind, "d_" + node.Temp.Name);
            var e = new ExprBuilder(node.Temp.Kind);
            if (node.Definition is UserCall spanCall && spanCall.Arguments.Any(a => a is CollectionRef))
            {
                adjoints.Add(new RSpanCallBackward(_nextCall++, spanCall, nodeSeed, CalleeAdjoints(spanCall, declared, adjoints)));
                continue;
            }

            (IReadOnlyList<Expr> operands, Expr?[] partials) = Partials(node, e);
            SumConstantPartials(operands, partials, e);
            for (int k = 0; k < operands.Count; k++)
            {
                if (partials[k] is not { } partial || !IsActive(operands[k]))
                {
                    continue;
                }

                // An operand that appears twice with the same partial (x * x, a[i] * a[i], x + x) gets one doubled
                // contribution, as in the straight-line sweep: d += s * (2 * x) instead of d += s * x twice. Doubling is
                // exact; the only change is one rounding of the sum where there were two — the one reassociation the
                // reverse sweeps make. An element is the same element twice: both reads are in one expression.
                if (operands.Take(k).Select((o, j) => (o, j)).Any(p => p.o.Equals(operands[k]) && partial.Equals(partials[p.j])))
                {
                    continue;
                }

                for (int j = k + 1; j < operands.Count; j++)
                {
                    if (operands[j].Equals(operands[k]) && partials[k]!.Equals(partials[j]))
                    {
                        partial = e.Add(partial, partials[j]!);
                    }
                }

                AddTo(operands[k], e.Mul(nodeSeed, partial));
            }
        }

        foreach (Node node in nodes.Where(n => n.Definition is UserCall && HasAdjoint(n)))
        {
            var call = (UserCall)node.Definition;
            if (savesCalls)
            {
                savedCalls[node.Temp.Name] = new SavedCall(node.Temp, (UserCall)node.Original, SavedPartials(node.Temp, call), ValueRead: false);
            }
        }

        for (int i = 0; i < adjoints.Count; i++)
        {
            if (adjoints[i] is RSpanCallBackward span)
            {
                VariableRef temp = nodes.First(n => ReferenceEquals(n.Definition, span.Call)).Temp;
                if (savedCalls.TryGetValue(temp.Name, out SavedCall? saved))
                {
                    adjoints[i] = new RSavedCallBackward(saved, span.Seed, span.Adjoints);
                }
                else
                {
                    reads.Add(span.Call);
                }
            }
        }

        // Get exactly the intermediates that the partials read (and what those need). A saved value is popped, so what
        // it was computed from is not needed; an unsaved scalar call's partials come from its gradient entry, called
        // again here, whose value is the temp.
        var needed = new HashSet<string>();
        var pending = new Stack<Expr>(reads);
        var byName = nodes.ToDictionary(n => n.Temp.Name);
        bool IsSaved(Node node) => savedCalls.ContainsKey(node.Temp.Name) || IsSavedMath(node);
        void Need(Node node)
        {
            if (needed.Add(node.Temp.Name) && !IsSaved(node))
            {
                pending.Push(node.Definition);
            }
        }

        foreach (Node node in nodes)
        {
            if (node.Definition is UserCall call && !call.Arguments.Any(a => a is CollectionRef) && HasAdjoint(node))
            {
                if (!savedCalls.ContainsKey(node.Temp.Name))
                {
                    Need(node);
                }
            }
        }

        while (pending.Count > 0)
        {
            foreach (string name in ExprNames.Read(pending.Pop()))
            {
                if (byName.TryGetValue(name, out Node? node))
                {
                    Need(node);
                }
            }
        }

        var saves = new List<SavedNode>();
        foreach (Node node in nodes)
        {
            if (savedCalls.TryGetValue(node.Temp.Name, out SavedCall? call))
            {
                saves.Add(call with { ValueRead = needed.Contains(node.Temp.Name) });
            }
            else if (IsSavedMath(node) && needed.Contains(node.Temp.Name))
            {
                saves.Add(new SavedMath(node.Temp, (MathCall)node.Original));
            }
        }

        // The forward sweep pushes in node order, so the pops come last first, before anything is recomputed from them.
        for (int i = saves.Count - 1; i >= 0; i--)
        {
            output.Add(new RPopSaved(saves[i]));
        }

        if (saves.Count > 0)
        {
            _savedNodes[statement] = saves;
            for (int i = 0; i < adjoints.Count; i++)
            {
                if (adjoints[i] is RSavedCallBackward backward)
                {
                    adjoints[i] = backward with { Call = (SavedCall)saves.First(s => s.Temp.Name == backward.Call.Temp.Name) };
                }
            }
        }

        foreach (Node node in nodes.Where(n => needed.Contains(n.Temp.Name) && !IsSaved(n)))
        {
            output.Add(node.Definition is UserCall call && !call.Arguments.Any(a => a is CollectionRef) && HasAdjoint(node)
                ? new RCallPartials(node.Temp, call, call.Callee.Parameters.Select((p, i) => p.IsDifferentiable ? "p" + node.Temp.Name + "_" + i : null).ToList())
                : new RLet(node.Temp, node.Definition));
        }

        if (take is not null)
        {
            output.Add(take);
        }

        output.AddRange(adjoints);
    }

    /// <summary>
    /// Math calls whose result costs more to recompute than to push and pop (transcendentals and roots), and every element
    /// of a TensorPrimitives call, whose value is read from a scratch array only the forward sweep fills. Only outside
    /// the branches of a <c>?:</c>, since the forward sweep computes a saved value ahead of its statement.
    /// </summary>
    private static bool IsSavedMath(Node node) => !node.Guarded && node.Definition is MathCall m && (m.Container == MathContainer.TensorPrimitiveElement || m.Function is
        MathFunction.Exp or MathFunction.Log or MathFunction.Log10 or MathFunction.Log2 or MathFunction.Pow or MathFunction.Sqrt or MathFunction.Cbrt or
        MathFunction.Sin or MathFunction.Cos or MathFunction.Tan or MathFunction.Asin or MathFunction.Acos or MathFunction.Atan or MathFunction.Atan2 or
        MathFunction.Sinh or MathFunction.Cosh or MathFunction.Tanh or MathFunction.Hypot or MathFunction.Asinh or MathFunction.Acosh or
        MathFunction.Atanh or MathFunction.LogP1 or MathFunction.ExpM1 or MathFunction.Exp2 or MathFunction.Exp10 or MathFunction.SinPi or
        MathFunction.CosPi or MathFunction.TanPi);

    /// <summary>
    /// Whether the forward sweep can take a call's partials from the callee's gradient entry: its partial spans live on
    /// the tape, which holds doubles, so every differentiable span parameter must be a double span. Custom rules take
    /// scalars only; a span callee's entry is its own generated one.
    /// </summary>
    private static bool CanSaveCall(UserCall call) =>
        call.Callee.Parameters.All(p => !p.IsDifferentiable || p.Shape == ValueShape.Scalar || p.Kind == ScalarKind.Double)
        && (call.Callee.CalleeKind is CalleeKind.Differentiable or CalleeKind.Primitive || !call.Arguments.Any(a => a is CollectionRef));

    private IReadOnlyList<SavedPartial> SavedPartials(VariableRef temp, UserCall call)
    {
        var partials = new List<SavedPartial>();
        for (int p = 0; p < call.Callee.Parameters.Count; p++)
        {
            CalleeParameter parameter = call.Callee.Parameters[p];
            if (parameter.IsDifferentiable)
            {
                string name = "p" + temp.Name + "_" + p.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var partial = new SavedPartial(p, name, parameter.Kind, parameter.Shape == ValueShape.Scalar ? null : (CollectionRef)call.Arguments[p]);
                partials.Add(OperandPartial(call, p) is { } operand ? partial with { Operand = operand.Collection, Scale = operand.Scale } : partial);
            }
        }

        return partials;
    }

    /// <summary>
    /// A TensorPrimitives reduction's partial by argument <paramref name="p"/> that is a multiple of an argument the method
    /// never writes (of a double span: a float partial is computed in float by its entry, which the reverse would not match):
    /// Dot(a, b) by a is b and by b is a; SumOfSquares(a) by a is 2a.
    /// </summary>
    private (CollectionRef Collection, double Scale)? OperandPartial(UserCall call, int p)
    {
        if (call.Callee.CalleeKind != CalleeKind.Primitive || call.Callee.ReturnKind != ScalarKind.Double)
        {
            return null;
        }

        (int Operand, double Scale)? partial = call.Callee.Name switch
        {
            "Dot" => (1 - p, 1.0),
            "SumOfSquares" => (p, 2.0),
            _ => null,
        };
        return partial is { } found && call.Arguments[found.Operand] is CollectionRef operand && _unwrittenParameters.Contains(operand.Name)
            ? (operand, found.Scale)
            : null;
    }

    /// <summary>The adjoints a span call's partials go into, one per differentiable callee parameter (null where the argument is not active).</summary>
    private List<Expr?> CalleeAdjoints(UserCall call, HashSet<string> declared, List<RInstr> adjoints)
    {
        var calleeAdjoints = new List<Expr?>();
        for (int p = 0; p < call.Callee.Parameters.Count; p++)
        {
            CalleeParameter parameter = call.Callee.Parameters[p];
            if (!parameter.IsDifferentiable)
            {
                continue;
            }

            Expr argument = call.Arguments[p];
            if (argument is CollectionRef collection)
            {
                calleeAdjoints.Add(_activity.IsActive(collection) ? collection with { Name = AdjointName(collection.Name) } : null);
            }
            else if (argument is VariableRef temp && _temps.Contains(temp.Name))
            {
                var tempAdjoint = new VariableRef(temp.Kind, "d_" + temp.Name);
                if (declared.Add(tempAdjoint.Name))
                {
                    adjoints.Add(new RDeclareZero(tempAdjoint));
                }

                calleeAdjoints.Add(tempAdjoint);
            }
            else
            {
                calleeAdjoints.Add(AdjointOf(argument));
            }
        }

        return calleeAdjoints;
    }

    private (IReadOnlyList<Expr> Operands, Expr?[] Partials) Partials(Node node, ExprBuilder e) => node.Definition switch
    {
        Unary u => (new[] { u.Operand }, new Expr?[] { e.Const(-1) }),
        Binary b => (new[] { b.Left, b.Right }, DerivativeRules.ForBinary(b.Operator, node.Temp.Kind, b.Left, b.Right, node.Temp)),
        Conversion c => (new[] { c.Operand }, new Expr?[] { e.Const(1) }),
        MathCall m => (m.Arguments, DerivativeRules.ForMath(m, node.Temp.Kind, m.Arguments, node.Temp)),
        Conditional c => (new[] { c.WhenTrue, c.WhenFalse },
            new Expr?[] { new Conditional(node.Temp.Kind, c.Condition, e.Const(1), e.Const(0)), new Conditional(node.Temp.Kind, c.Condition, e.Const(0), e.Const(1)) }),
        UserCall call => (call.Arguments, call.Callee.Parameters.Select((p, i) => p.IsDifferentiable ? (Expr?)new VariableRef(p.Kind, "p" + node.Temp.Name + "_" + i) : null).ToArray()),
        _ => throw new InvalidOperationException("Unexpected node " + node.Definition.GetType().Name),
    };

    /// <summary>
    /// Sums the constant partials of an operand that appears more than once in one node (<c>x - x</c>, <c>x + x</c>) into
    /// its first occurrence. Partials that cancel leave the operand nothing: two contributions of opposite sign would
    /// leave the rounding of their size in its adjoint (fuzz seed 111000841: <c>(a - a)</c> times e^(2a), whose adjoint
    /// ~1e30 added to and taken from ∂/∂a ~1e16 left an error of 1e-3 of it).
    /// </summary>
    private static void SumConstantPartials(IReadOnlyList<Expr> operands, Expr?[] partials, ExprBuilder e)
    {
        for (int k = 0; k < operands.Count; k++)
        {
            if (partials[k] is not Constant first)
            {
                continue;
            }

            double sum = first.Value;
            bool merged = false;
            for (int j = k + 1; j < operands.Count; j++)
            {
                if (operands[j].Equals(operands[k]) && partials[j] is Constant other)
                {
                    sum += other.Value;
                    partials[j] = null;
                    merged = true;
                }
            }

            if (merged)
            {
                partials[k] = sum == 0 ? null : e.Const(sum);
            }
        }
    }

    private static Expr Convert(Expr contribution, ScalarKind kind) => contribution.Kind == kind ? contribution : new Conversion(kind, contribution);

    private bool IsActive(Expr atom) => atom switch
    {
        VariableRef v when _temps.Contains(v.Name) => true,
        _ => _activity.IsActiveExpr(atom),
    };

    /// <summary>
    /// For a read <c>a[j]</c> of an array a linear fill wrote (<see cref="FillLoop"/>), the adjoint of each operand of
    /// the fill's value at <c>c = j</c> with its share of <paramref name="contribution"/>; null for any other atom.
    /// </summary>
    private List<(Expr Adjoint, Expr Share)>? ForwardedShares(Expr atom, Expr contribution)
    {
        if (atom is not ElementRead { Collection: CollectionRef array } read || !_fills.TryGetValue(array.Name, out FillLoop? fill) || fill.Terms is not { } terms)
        {
            return null;
        }

        var atElement = new Dictionary<string, Expr> { [fill.Counter.Name] = read.Index };
        var shares = new List<(Expr, Expr)>();
        foreach (LinearTerm term in terms)
        {
            Expr operand = ExprSubstitution.Replace(term.Operand, atElement)!;
            var e = new ExprBuilder(operand.Kind);
            Expr share = Convert(contribution, operand.Kind);
            if (term.Factor is { } factor)
            {
                share = e.Mul(share, Convert(ExprSubstitution.Replace(factor, atElement)!, operand.Kind));
            }

            shares.Add((AdjointOf(operand)!, term.Negated ? e.Neg(share) : share));
        }

        return shares;
    }

    /// <summary>The assignable adjoint of an active variable or element, or null for an inactive atom.</summary>
    private Expr? AdjointOf(Expr atom) => atom switch
    {
        VariableRef v when _activity.IsActive(v) => new VariableRef(v.Kind, AdjointName(v.Name)),
        ElementRead { Collection: CollectionRef c } read when _activity.IsActive(c) => new ElementRead(read.Kind, c with { Name = AdjointName(c.Name) }, read.Index),
        _ => null,
    };

    /// <summary>Splits an active expression into one node per operation; inactive subexpressions stay whole, as atoms.</summary>
    private Expr Linearize(Expr expr, List<Node> nodes, bool guarded)
    {
        if (!_activity.IsActiveExpr(expr) || expr is VariableRef or ElementRead or Constant)
        {
            return expr;
        }

        Expr definition = expr switch
        {
            Unary u => u with { Operand = Linearize(u.Operand, nodes, guarded) },
            Binary b => b with { Left = Linearize(b.Left, nodes, guarded), Right = Linearize(b.Right, nodes, guarded) },
            Conversion c when c.Operand.Kind == c.Kind => Linearize(c.Operand, nodes, guarded),
            Conversion c => c with { Operand = Linearize(c.Operand, nodes, guarded) },
            MathCall m => m with { Arguments = m.Arguments.Select(a => Linearize(a, nodes, guarded)).ToEquatableArray() },
            Conditional c => new Conditional(c.Kind, c.Condition, Linearize(c.WhenTrue, nodes, guarded: true), Linearize(c.WhenFalse, nodes, guarded: true)),
            UserCall call => call with { Arguments = call.Arguments.Select(a => a is CollectionRef ? a : Linearize(a, nodes, guarded)).ToEquatableArray() },
            _ => throw new NotSupportedException("The loop form cannot differentiate " + expr.GetType().Name),
        };
        if (definition is VariableRef or ElementRead or Constant)
        {
            return definition;
        }

        VariableRef temp = NewTemp(expr.Kind);
        nodes.Add(new Node(temp, definition, expr, guarded));
        return temp;
    }

    /// <summary>
    /// The primal variables and collections the reverse sweep reads: what must hold its forward value there. With
    /// <paramref name="valuesOnly"/>, an array only measured (<c>a.Length</c>) does not count: its elements are not read.
    /// </summary>
    private static HashSet<string> ReadSet(IReadOnlyList<RInstr> body, HashSet<string> excluded, HashSet<string>? restoredArrays = null, bool valuesOnly = false)
    {
        var read = new HashSet<string>();
        var elementRestores = new List<RRestoreElement>();
        void Add(Expr expr)
        {
            foreach (string name in valuesOnly ? ExprNames.ReadValues(expr) : ExprNames.Read(expr))
            {
                if (!excluded.Contains(name)) read.Add(name);
            }
        }

        void AddAdjointIndex(Expr adjoint)
        {
            if (adjoint is ElementRead e) Add(e.Index);
            if (adjoint is CollectionRef { View: { } view }) AddView(view);
        }

        void AddView(SpanView view)
        {
            Add(view.Start);
            Add(view.Length);
        }

        void Walk(IReadOnlyList<RInstr> instructions)
        {
            foreach (RInstr instruction in instructions)
            {
                switch (instruction)
                {
                    case RGroup g: Walk(g.Body); break;
                    case RRestoreElement r: elementRestores.Add(r); break;
                    case RLet l: Add(l.Value); break;
                    case RCallPartials c: Add(c.Call); break;
                    case RTake t: AddAdjointIndex(t.Adjoint); break;
                    case RZero z: AddAdjointIndex(z.Adjoint); break;
                    case RAdd a: AddAdjointIndex(a.Adjoint); Add(a.Contribution); break;
                    // The seed is the adjoint of the call's result: an element's adjoint once the peepholes forward it
                    // (view[0] += Call(…)), whose index the reverse sweep reads (FB-19).
                    case RSpanCallBackward s:
                        Add(s.Call);
                        Add(s.Seed);
                        foreach (Expr? adjoint in s.Adjoints) if (adjoint is not null) AddAdjointIndex(adjoint);
                        break;
                    case RSavedCallBackward s:
                        Add(s.Seed);
                        foreach (Expr? adjoint in s.Adjoints) if (adjoint is not null) AddAdjointIndex(adjoint);
                        // The partial of a view argument is as long as the view: taking it back reads that length. A partial that is
                        // an argument's elements reads them (and where its view starts).
                        foreach (SavedPartial partial in s.Call.Partials) if (partial.Argument?.View is { } view) AddView(view);
                        foreach (SavedPartial partial in s.Call.Partials) if (partial.Operand is { } operand) Add(operand);
                        break;
                    case RIf i: Walk(i.Then); Walk(i.Else); break;
                    case RLoop l:
                        if (l.LastCounter is not null)
                        {
                            Add(l.Forward.Counter!.Start);
                            Add(l.LastCounter);
                        }

                        Walk(l.Step);
                        Walk(l.Body);
                        break;
                }
            }
        }

        Walk(body);
        // Restoring an element reads its index, when the array is restored at all.
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (RRestoreElement restore in elementRestores)
            {
                if (read.Contains(restore.Array.Name) || (restoredArrays?.Contains(restore.Array.Name) ?? false))
                {
                    int before = read.Count;
                    Add(restore.Index);
                    changed |= read.Count != before;
                }
            }
        }

        return read;
    }

    /// <summary>
    /// Which scalar assignments must save the value they destroy (Tapenade's to-be-recorded analysis): those
    /// where the old value may have been read by the reverse of a statement run since that value was assigned
    /// (the assignment's own reverse included). <paramref name="dirty"/> holds the variables read so since their
    /// last assignment; the result is the set after the statements. Loops iterate to a fixed point.
    /// </summary>
    private static HashSet<string> SaveAnalysis(IReadOnlyList<LStmt> statements, HashSet<string> dirty,
        Dictionary<LStmt, HashSet<string>> reads, HashSet<LStmt> saved, IReadOnlyDictionary<LStmt, ReductionLoop>? reductions = null)
    {
        foreach (LStmt statement in statements)
        {
            switch (statement)
            {
                case LAssign assign:
                    dirty = new HashSet<string>(dirty);
                    if (reads.TryGetValue(assign, out HashSet<string>? assignReads)) dirty.UnionWith(assignReads);
                    if (dirty.Contains(assign.Target.Name)) saved.Add(assign);
                    dirty.Remove(assign.Target.Name);
                    break;
                case LStore store:
                    // A store destroys one element; the array stays read, so it saves whenever the reverse of a statement
                    // run since the array was made (this one included) may read the array.
                    dirty = new HashSet<string>(dirty);
                    if (reads.TryGetValue(store, out HashSet<string>? storeReads)) dirty.UnionWith(storeReads);
                    if (dirty.Contains(store.Array.Name)) saved.Add(store);
                    break;
                case LIf branch:
                {
                    HashSet<string> then = SaveAnalysis(branch.Then, dirty, reads, saved, reductions);
                    HashSet<string> otherwise = SaveAnalysis(branch.Else, dirty, reads, saved, reductions);
                    dirty = new HashSet<string>(then);
                    dirty.UnionWith(otherwise);
                    break;
                }

                case LLoop loop:
                {
                    var entry = new HashSet<string>(dirty);
                    if (reads.TryGetValue(loop, out HashSet<string>? boundReads)) entry.UnionWith(boundReads);
                    if (reductions is not null && reductions.ContainsKey(loop))
                    {
                        // Every iteration starts where the loop does (its step is empty; see ReductionLoops).
                        entry.UnionWith(SaveAnalysis(loop.Body, entry, reads, saved, reductions));
                        dirty = entry;
                        break;
                    }

                    while (true)
                    {
                        HashSet<string> exit = SaveAnalysis(loop.Step, SaveAnalysis(loop.Body, entry, reads, saved, reductions), reads, saved, reductions);
                        int before = entry.Count;
                        entry.UnionWith(exit);
                        if (entry.Count == before) break;
                    }

                    dirty = entry;
                    break;
                }
            }
        }

        return dirty;
    }

    private static void CollectWrites(IReadOnlyList<LStmt> statements, HashSet<string> written) =>
        LoopStatements.Visit(statements, s =>
        {
            if (s is LStore store) written.Add(store.Array.Name);
        });

    private static void CollectCounters(IReadOnlyList<LStmt> statements, HashSet<string> counters) =>
        LoopStatements.Visit(statements, s =>
        {
            if (s is LLoop { Counter: { } counter }) counters.Add(counter.Variable.Name);
        });
}

/// <summary>Compares statements by reference: two equal-looking assignments at different places are different statements.</summary>
internal sealed class StatementComparer : IEqualityComparer<LStmt>
{
    public static readonly StatementComparer Instance = new();

    public bool Equals(LStmt? x, LStmt? y) => ReferenceEquals(x, y);

    public int GetHashCode(LStmt obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}

/// <summary>
/// What the loop emitter needs: the loop form, its reverse sweep, activity, what the reverse sweep reads, the assignments
/// and stores that save what they destroy, the values each statement saves for the reverse sweep, and the collections
/// whose length the reverse sweep needs to pop a saved partial span, the loops differentiated iteration by iteration, and
/// the fills that write a copy per iteration of their enclosing loop (by array), the arrays whose reads forward
/// their adjoints to a linear fill's operands (they have no adjoint array), and the loops whose saves go to slots of a region.
/// </summary>
internal sealed record LoopPlan(
    LoopMethod Method,
    IReadOnlyList<RInstr> Reverse,
    LoopActivity Activity,
    HashSet<string> ReadInReverse,
    HashSet<LStmt> SavedAssignments,
    Dictionary<LStmt, IReadOnlyList<SavedNode>> SavedNodes,
    HashSet<string> SavedCallArguments,
    HashSet<string> WrittenCollections,
    HashSet<string> Counters,
    Dictionary<string, string> AdjointNames,
    IReadOnlyList<(ParameterModel Parameter, string Public, string Internal)> ParameterAdjoints,
    bool ResultIsActive,
    string SeedName,
    string TapeName,
    string StackName,
    Dictionary<string, CustomRuleModel> Rules,
    Dictionary<LStmt, ReductionLoop> Reductions,
    IReadOnlyDictionary<string, FillLoop> Copies,
    IReadOnlyCollection<string> ForwardedArrays,
    IReadOnlyDictionary<LLoop, SlotRegion> Slots);
