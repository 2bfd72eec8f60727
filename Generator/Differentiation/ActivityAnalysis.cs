using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Which variables are active, and which non-differentiable operations feed the result. Active means
/// varied (a floating value that depends on a differentiable parameter through differentiable operations)
/// and useful (the result depends on it through differentiable operations): a value only tested in a
/// condition, or computed and dropped, is varied but gets no adjoint.
/// </summary>
internal sealed class ActivityAnalysis
{
    private readonly HashSet<string> _varied = new();
    private readonly HashSet<string> _useful = new();

    // Integer values computed from active values by a cast, with the casts they came from.
    private readonly Dictionary<string, HashSet<SourceSpan>> _truncatedFrom = new();
    private readonly HashSet<SourceSpan> _nonDifferentiableIntoValue = new();

    private ActivityAnalysis()
    {
    }

    /// <summary>The warnings of the loop form, which does its own activity analysis (no active values are listed here).</summary>
    public static ActivityAnalysis WithWarnings(IEnumerable<SourceSpan> nonDifferentiableOperations)
    {
        var analysis = new ActivityAnalysis();
        analysis._nonDifferentiableIntoValue.UnionWith(nonDifferentiableOperations);
        return analysis;
    }

    /// <summary>Casts to integer and remainders whose result flows into a floating value, in source order.</summary>
    public IReadOnlyList<SourceSpan> NonDifferentiableOperations => _nonDifferentiableIntoValue.OrderBy(s => s.Start).ToList();

    public bool IsActive(Expr atom) => atom is VariableRef v && _varied.Contains(v.Name) && _useful.Contains(v.Name);

    private bool IsVaried(Expr atom) => atom is VariableRef v && _varied.Contains(v.Name);

    public static ActivityAnalysis Run(LoweredMethod method)
    {
        var analysis = new ActivityAnalysis();
        foreach (ParameterModel parameter in method.Parameters.Where(p => p.IsDifferentiable))
        {
            analysis._varied.Add(parameter.Name);
        }

        // The lowered form has no loops, so one pass in program order would do; iterating keeps it right if that changes.
        while (analysis.Visit(method.Body))
        {
        }

        analysis._useful.Add(method.Result.Name);
        var definitions = new List<Define>();
        CollectDefinitions(method.Body, definitions);
        bool grew = true;
        while (grew)
        {
            grew = false;
            for (int i = definitions.Count - 1; i >= 0; i--)
            {
                grew |= analysis.MarkOperandsUseful(definitions[i]);
            }
        }

        return analysis;
    }

    private static void CollectDefinitions(IReadOnlyList<Instr> instructions, List<Define> into)
    {
        foreach (Instr instruction in instructions)
        {
            switch (instruction)
            {
                case Group group: CollectDefinitions(group.Body, into); break;
                case Branch branch: CollectDefinitions(branch.Then, into); CollectDefinitions(branch.Else, into); break;
                case Define define: into.Add(define); break;
            }
        }
    }

    /// <summary>The operands through which a useful, varied definition carries the derivative are useful too.</summary>
    private bool MarkOperandsUseful(Define define)
    {
        if (!_useful.Contains(define.Target.Name) || !IsVaried(define.Target))
        {
            return false;
        }

        bool grew = false;
        foreach (Expr operand in DifferentiableOperands(define.Op))
        {
            if (operand is VariableRef v && _varied.Contains(v.Name))
            {
                grew |= _useful.Add(v.Name);
            }
        }

        return grew;
    }

    // A call carries no derivative through the arguments its callee does not differentiate.
    private static IEnumerable<Expr> DifferentiableOperands(Op op) =>
        op is CallOp call ? call.Arguments.Where((_, i) => call.PartialNames[i] is not null) : Operands(op);

    private bool Visit(IReadOnlyList<Instr> instructions)
    {
        bool changed = false;
        foreach (Instr instruction in instructions)
        {
            switch (instruction)
            {
                case Group group:
                    changed |= Visit(group.Body);
                    break;
                case Branch branch:
                    changed |= Visit(branch.Then);
                    changed |= Visit(branch.Else);
                    break;
                case Define define:
                    changed |= VisitDefine(define);
                    break;
            }
        }

        return changed;
    }

    private bool VisitDefine(Define define)
    {
        bool changed = false;
        if (define.Target.Kind.IsFloatingPoint() && IsVariedOp(define.Op) && _varied.Add(define.Target.Name))
        {
            changed = true;
        }

        if (define.Op is BinaryOp { Operator: BinaryOperator.Remainder, Span: { } remainderSpan } remainder &&
            define.Target.Kind.IsFloatingPoint() && (IsVaried(remainder.Left) || IsVaried(remainder.Right)))
        {
            changed |= _nonDifferentiableIntoValue.Add(remainderSpan);
        }

        // Track integers truncated from active values; warn where one enters a floating computation.
        var origins = new HashSet<SourceSpan>();
        if (define.Op is ConvertOp { To: ScalarKind.Int, Span: { } castSpan } cast && IsVaried(cast.Operand))
        {
            origins.Add(castSpan);
        }

        foreach (Expr operand in Operands(define.Op))
        {
            if (operand is VariableRef v && _truncatedFrom.TryGetValue(v.Name, out HashSet<SourceSpan>? from))
            {
                if (define.Target.Kind.IsFloatingPoint())
                {
                    foreach (SourceSpan span in from)
                    {
                        changed |= _nonDifferentiableIntoValue.Add(span);
                    }
                }

                origins.UnionWith(from);
            }
        }

        if (origins.Count > 0 && define.Target.Kind == ScalarKind.Int)
        {
            if (!_truncatedFrom.TryGetValue(define.Target.Name, out HashSet<SourceSpan>? known))
            {
                _truncatedFrom[define.Target.Name] = known = new HashSet<SourceSpan>();
            }

            foreach (SourceSpan span in origins)
            {
                changed |= known.Add(span);
            }
        }

        return changed;
    }

    private bool IsVariedOp(Op op) => op switch
    {
        CopyOp copy => IsVaried(copy.Value),
        UnaryOp unary => unary.Operator == UnaryOperator.Negate && IsVaried(unary.Operand),
        BinaryOp binary => !OperatorText.IsComparison(binary.Operator) && (IsVaried(binary.Left) || IsVaried(binary.Right)),
        ConvertOp convert => convert.To.IsFloatingPoint() && IsVaried(convert.Operand),
        MathOp math => !DerivativeRules.HasZeroDerivative(math.Function) && math.Arguments.Any(IsVaried),
        CallOp call => call.Callee.ReturnKind.IsFloatingPoint() &&
                       call.Arguments.Where((_, i) => call.PartialNames[i] is not null).Any(IsVaried),
        _ => false,
    };

    public static IEnumerable<Expr> Operands(Op op) => op switch
    {
        CopyOp copy => new[] { copy.Value },
        UnaryOp unary => new[] { unary.Operand },
        BinaryOp binary => new[] { binary.Left, binary.Right },
        ConvertOp convert => new[] { convert.Operand },
        MathOp math => math.Arguments,
        CallOp call => call.Arguments,
        _ => System.Array.Empty<Expr>(),
    };
}
