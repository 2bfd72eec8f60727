using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Reverse-mode differentiation of a lowered method: a pure transformation from the forward
/// instructions to the adjoint instructions, run in the reverse order of the forward sweep.
/// </summary>
/// <remarks>
/// Calls to other differentiable methods are preaccumulated: the forward sweep calls the callee's fused
/// ValueAndGradient, which returns the callee's partial derivatives as plain numbers, and the reverse
/// sweep multiplies them by the adjoint. The tape therefore only ever holds scalars, so a method can
/// call itself (recursion) or be part of a mutual recursion without a tape containing itself, and the
/// callee's work is done once (no recomputation in the reverse sweep).
/// </remarks>
internal sealed class ReverseSweep
{
    private readonly LoweredMethod _method;
    private readonly ActivityAnalysis _activity;
    private readonly Dictionary<string, VariableRef> _adjoints = new();
    private readonly List<VariableRef> _adjointLocals = new();

    private ReverseSweep(LoweredMethod method, ActivityAnalysis activity)
    {
        _method = method;
        _activity = activity;
    }

    public static DerivativePlan Differentiate(MethodModel method, IEnumerable<CustomRuleModel> rules)
    {
        if (Loops.LoopDesugaring.Applies(method))
        {
            // Loops, spans and arrays: the Tapenade-style loop form (save what assignments destroy, retrace the path).
            Loops.LoopPlan loop = Loops.LoopReverse.Differentiate(method, rules);
            return new DerivativePlan(Array.Empty<Instr>(), AdjointSweep.Empty, AdjointSweep.Empty, loop.Method.Result, loop.ResultIsActive,
                Array.Empty<ParameterAdjoint>(), Array.Empty<VariableRef>(), ActivityAnalysis.WithWarnings(loop.Activity.NonDifferentiableOperations(loop.Method.Body)), loop.SeedName, loop.TapeName, loop);
        }

        return Differentiate(SsaLowering.Lower(method, rules), method.TapeName);
    }

    public static DerivativePlan Differentiate(LoweredMethod method, string tapeTypeName)
    {
        ActivityAnalysis activity = ActivityAnalysis.Run(method);
        var sweep = new ReverseSweep(method, activity);
        NameAllocator names = method.Names;
        string seed = names.Preferred("seed");
        string tape = names.Preferred("tape");
        names.Preferred(tapeTypeName);

        var parameterAdjoints = new List<ParameterAdjoint>();
        foreach (ParameterModel parameter in method.Parameters.Where(p => p.IsDifferentiable))
        {
            var adjoint = new VariableRef(parameter.Kind!.Value, names.Preferred("d" + parameter.Name));
            parameterAdjoints.Add(new ParameterAdjoint(parameter, adjoint, sweep.AdjointOf(new VariableRef(adjoint.Kind, parameter.Name))));
        }

        var resultAdjoint = new VariableRef(method.Result.Kind, names.Preferred("d_" + method.Result.Name));
        sweep._adjoints[method.Result.Name] = resultAdjoint;
        List<Instr> backward = sweep.Reverse(method.Body);
        HashSet<string> adjointNames = new(sweep._adjoints.Values.Select(a => a.Name));

        return new DerivativePlan(
            method.Body,
            AdjointPeepholes.Optimize(backward, resultAdjoint, new VariableRef(resultAdjoint.Kind, seed), sweep._adjointLocals, parameterAdjoints.Select(p => p.Local)),
            AdjointPeepholes.Optimize(backward, resultAdjoint, new ExprBuilder(resultAdjoint.Kind).Const(1), sweep._adjointLocals, parameterAdjoints.Select(p => p.Local)),
            method.Result,
            activity.IsActive(method.Result),
            parameterAdjoints,
            TapeFields(method, backward, adjointNames),
            activity,
            seed,
            tape);
    }

    private VariableRef AdjointOf(VariableRef variable)
    {
        if (!_adjoints.TryGetValue(variable.Name, out VariableRef? adjoint))
        {
            adjoint = new VariableRef(variable.Kind, _method.Names.Preferred("d_" + variable.Name));
            _adjoints[variable.Name] = adjoint;
            _adjointLocals.Add(adjoint);
        }

        return adjoint;
    }

    private List<Instr> Reverse(IReadOnlyList<Instr> forward)
    {
        var output = new List<Instr>();
        if (Throws(forward))
        {
            // A path that throws never reaches its reverse: the caller gets the exception, not a gradient.
            return output;
        }

        for (int i = forward.Count - 1; i >= 0; i--)
        {
            switch (forward[i])
            {
                case Group group:
                {
                    List<Instr> body = Reverse(group.Body);
                    if (body.Count > 0)
                    {
                        output.Add(new Group(group.Source, body));
                    }

                    break;
                }

                case Branch branch:
                {
                    List<Instr> then = Reverse(branch.Then), otherwise = Reverse(branch.Else);
                    if (then.Count > 0 || otherwise.Count > 0)
                    {
                        output.Add(new Branch(branch.Condition, then, otherwise));
                    }

                    break;
                }

                case Define define when _activity.IsActive(define.Target):
                    output.AddRange(AdjointOfDefinition(define));
                    break;
            }
        }

        return output;
    }

    private IEnumerable<Instr> AdjointOfDefinition(Define define)
    {
        VariableRef target = define.Target;
        var e = new ExprBuilder(target.Kind);
        IReadOnlyList<Expr> operands = ActivityAnalysis.Operands(define.Op).ToList();
        Expr?[] partials = define.Op switch
        {
            CopyOp => new Expr?[] { e.Const(1) },
            UnaryOp { Operator: UnaryOperator.Negate } => new Expr?[] { e.Const(-1) },
            BinaryOp binary => DerivativeRules.ForBinary(binary.Operator, target.Kind, binary.Left, binary.Right, target),
            ConvertOp => new Expr?[] { e.Const(1) },
            MathOp math => DerivativeRules.ForMath(math.Function, target.Kind, math.Arguments, target),
            CallOp call => call.PartialNames.Select((name, i) => name is null ? null : (Expr)new VariableRef(call.Callee.Parameters[i].Kind, name)).ToArray(),
            _ => new Expr?[operands.Count],
        };

        // An operand that appears twice (x * x) gets one contribution with the partials summed (2 * x).
        var byOperand = new List<(VariableRef Operand, Expr Partial)>();
        for (int i = 0; i < operands.Count; i++)
        {
            if (partials[i] is not { } partial || operands[i] is not VariableRef operand || !_activity.IsActive(operand))
            {
                continue;
            }

            int seen = byOperand.FindIndex(p => p.Operand.Name == operand.Name);
            if (seen >= 0)
            {
                byOperand[seen] = (operand, e.Add(byOperand[seen].Partial, partial));
            }
            else
            {
                byOperand.Add((operand, partial));
            }
        }

        // A reference, not a copy: the adjoint of the target is read once per operand.
        Expr seed = AdjointOf(target);
        foreach ((VariableRef operand, Expr partial) in byOperand)
        {
            Expr contribution = e.Mul(seed, partial);
            if (contribution.Kind != operand.Kind)
            {
                contribution = new Conversion(operand.Kind, contribution);
            }

            yield return new Accumulate(AdjointOf(operand), contribution);
        }
    }

    /// <summary>True when the instructions end in a throw (a lowered path ends at its first throw, so it is the last instruction).</summary>
    private static bool Throws(IReadOnlyList<Instr> forward) =>
        forward.Count > 0 && forward[forward.Count - 1] switch
        {
            Raise => true,
            Group group => Throws(group.Body),
            _ => false,
        };

    /// <summary>The primal variables the reverse sweep reads, in the order the forward sweep defines them.</summary>
    private static List<VariableRef> TapeFields(LoweredMethod method, List<Instr> backward, HashSet<string> adjointNames)
    {
        var read = new HashSet<string>();
        void CollectExpr(Expr expr) => read.UnionWith(ExprNames.Read(expr).Where(name => !adjointNames.Contains(name)));

        void Collect(IReadOnlyList<Instr> instructions)
        {
            foreach (Instr instruction in instructions)
            {
                switch (instruction)
                {
                    case Group g: Collect(g.Body); break;
                    case Branch b: CollectExpr(b.Condition); Collect(b.Then); Collect(b.Else); break;
                    case Accumulate a: CollectExpr(a.Contribution); break;
                }
            }
        }

        Collect(backward);
        var fields = new List<VariableRef>();
        var seen = new HashSet<string>();
        void Add(VariableRef v)
        {
            if (read.Contains(v.Name) && seen.Add(v.Name))
            {
                fields.Add(v);
            }
        }

        foreach (ParameterModel parameter in method.Parameters)
        {
            if (parameter.Kind is { } kind)
            {
                Add(new VariableRef(kind, parameter.Name));
            }
        }

        foreach (VariableRef defined in Definitions(method.Body))
        {
            Add(defined);
        }

        return fields;
    }

    /// <summary>Every variable the instructions define (call partials included), in order.</summary>
    public static IEnumerable<VariableRef> Definitions(IReadOnlyList<Instr> instructions)
    {
        foreach (Instr instruction in instructions)
        {
            switch (instruction)
            {
                case Group g:
                    foreach (VariableRef v in Definitions(g.Body)) yield return v;
                    break;
                case Branch b:
                    foreach (VariableRef v in Definitions(b.Then)) yield return v;
                    foreach (VariableRef v in Definitions(b.Else)) yield return v;
                    break;
                case Define d:
                    yield return d.Target;
                    if (d.Op is CallOp call)
                    {
                        for (int i = 0; i < call.PartialNames.Count; i++)
                        {
                            if (call.PartialNames[i] is { } partial)
                            {
                                yield return new VariableRef(call.Callee.Parameters[i].Kind, partial);
                            }
                        }
                    }

                    break;
            }
        }
    }
}
