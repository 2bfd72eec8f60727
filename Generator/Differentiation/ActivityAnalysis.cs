using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Which variables are active (floating values that depend on a differentiable parameter through
/// differentiable operations), and which non-differentiable operations feed the result.
/// </summary>
internal sealed class ActivityAnalysis
{
    private readonly HashSet<string> _active = new();

    // Integer values computed from active values by a cast, with the casts they came from.
    private readonly Dictionary<string, HashSet<SourceSpan>> _truncatedFrom = new();
    private readonly HashSet<SourceSpan> _nonDifferentiableIntoValue = new();

    private ActivityAnalysis()
    {
    }

    public IReadOnlyCollection<string> Active => _active;

    /// <summary>The warnings of the loop form, which does its own activity analysis (no active values are listed here).</summary>
    public static ActivityAnalysis WithWarnings(IEnumerable<SourceSpan> nonDifferentiableOperations)
    {
        var analysis = new ActivityAnalysis();
        analysis._nonDifferentiableIntoValue.UnionWith(nonDifferentiableOperations);
        return analysis;
    }

    /// <summary>Casts to integer and remainders whose result flows into a floating value, in source order.</summary>
    public IReadOnlyList<SourceSpan> NonDifferentiableOperations => _nonDifferentiableIntoValue.OrderBy(s => s.Start).ToList();

    public bool IsActive(Expr atom) => atom is VariableRef v && _active.Contains(v.Name);

    public static ActivityAnalysis Run(LoweredMethod method)
    {
        var analysis = new ActivityAnalysis();
        foreach (ParameterModel parameter in method.Parameters.Where(p => p.IsDifferentiable))
        {
            analysis._active.Add(parameter.Name);
        }

        // No loops yet, so one pass in program order would do; iterating keeps it right when loops arrive.
        while (analysis.Visit(method.Body))
        {
        }

        return analysis;
    }

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
        if (define.Target.Kind.IsFloatingPoint() && IsActiveOp(define.Op) && _active.Add(define.Target.Name))
        {
            changed = true;
        }

        if (define.Op is BinaryOp { Operator: BinaryOperator.Remainder, Span: { } remainderSpan } remainder &&
            define.Target.Kind.IsFloatingPoint() && (IsActive(remainder.Left) || IsActive(remainder.Right)))
        {
            changed |= _nonDifferentiableIntoValue.Add(remainderSpan);
        }

        // Track integers truncated from active values; warn where one enters a floating computation.
        var origins = new HashSet<SourceSpan>();
        if (define.Op is ConvertOp { To: ScalarKind.Int, Span: { } castSpan } cast && IsActive(cast.Operand))
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

    private bool IsActiveOp(Op op) => op switch
    {
        CopyOp copy => IsActive(copy.Value),
        UnaryOp unary => unary.Operator == UnaryOperator.Negate && IsActive(unary.Operand),
        BinaryOp binary => !OperatorText.IsComparison(binary.Operator) && (IsActive(binary.Left) || IsActive(binary.Right)),
        ConvertOp convert => convert.To.IsFloatingPoint() && IsActive(convert.Operand),
        MathOp math => !DerivativeRules.HasZeroDerivative(math.Function) && math.Arguments.Any(IsActive),
        CallOp call => call.Callee.ReturnKind.IsFloatingPoint() &&
                       call.Arguments.Where((_, i) => call.PartialNames[i] is not null).Any(IsActive),
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
