using System;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>How generated code names a callee's members, for both the straight-line and the loop emitter.</summary>
internal static class CalleeEntries
{
    /// <summary>What an instance callee is called on (<c>this.</c>, <c>this.model.</c>), or the containing type, and a dot.</summary>
    public static string Receiver(Callee callee) => (callee.Receiver ?? callee.ContainingType) + ".";

    /// <summary>
    /// What a call that needs no derivative calls: the callee itself, or for a [Differentiable] callee declaring a <c>T[]</c>
    /// or <c>Span&lt;T&gt;</c> parameter its <c>MValue</c>, which takes the spans generated code passes (FB-8). A TensorPrimitives
    /// reduction is called with its type argument: C# infers T only from ReadOnlySpan arguments, and generated code may pass
    /// an array or a Span (a local array, a pooled one, a parameter an inlined writer's caller gave) where the source
    /// passed a ReadOnlySpan or wrote the type argument itself (FB-21).
    /// </summary>
    public static string ValueEntry(Callee callee) =>
        callee.CalleeKind == CalleeKind.Differentiable && callee.Parameters.Any(p => p.Shape is ValueShape.Array or ValueShape.Span)
            ? callee.Name + "Value"
            : callee.CalleeKind == CalleeKind.Primitive ? callee.Name + "<" + callee.ReturnKind.CSharpName() + ">"
            : callee.Name;

    /// <summary>What computes a call's value and partials: the custom rule if there is one, else the callee's generated fused entry.</summary>
    public static string GradientEntry(Callee callee, CustomRuleModel? rule) =>
        rule is not null ? rule.RuleContainingType + "." + ExprPrinter.Identifier(rule.RuleName)
        : callee.CalleeKind == CalleeKind.Differentiable ? Receiver(callee) + ExprPrinter.Identifier(callee.Name + "ValueAndGradient")
        : callee.CalleeKind == CalleeKind.Primitive ? Parsing.TensorPrimitiveReductions.GradientsType + "." + callee.Name + "ValueAndGradient"
        : throw new InvalidOperationException($"No derivative for the call to {callee.Key}.");
}
