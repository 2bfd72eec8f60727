using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Inlining;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator;

/// <summary>
/// Decides which parsed methods can be emitted: a method is emitted only if it is valid and every call
/// in it has a derivative — a [Differentiable] callee that is itself emitted (or lives in another
/// assembly), or a [DerivativeOf] rule. Invalidity spreads to callers, so generated code always compiles.
/// </summary>
internal static class CallResolver
{
    public static IEnumerable<ResolvedMethod> Resolve(IReadOnlyList<ParsedMethod> methods, IReadOnlyList<CustomRuleModel> rules)
    {
        var rulesByTarget = new Dictionary<string, CustomRuleModel>();
        foreach (CustomRuleModel rule in rules)
        {
            if (!rulesByTarget.ContainsKey(rule.TargetKey))
            {
                rulesByTarget.Add(rule.TargetKey, rule);
            }
        }

        var inCompilation = new HashSet<string>(methods.Select(m => m.Key));

        // A key declared twice is code the compiler rejects (CS0111): neither copy is emitted.
        var duplicated = new HashSet<string>(methods.GroupBy(m => m.Key).Where(g => g.Count() > 1).Select(g => g.Key));
        var valid = new HashSet<string>(methods.Where(m => m.Model is not null && !duplicated.Contains(m.Key)).Select(m => m.Key));

        // Two files may not share a hint name (AddSource would throw); such rare clashes (namespace N.C against
        // a nested type N+C) are left out, before the propagation so their callers are left out too.
        foreach (var clash in methods.Where(m => valid.Contains(m.Key)).GroupBy(m => m.Model!.HintName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            valid.ExceptWith(clash.Select(m => m.Key));
        }

        var calls = methods.Where(m => valid.Contains(m.Key)).ToDictionary(m => m.Key, m => Calls(m.Model!.Body).ToList());
        var models = methods.Where(m => valid.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Model!);

        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (string key in valid.ToList())
            {
                bool ok = calls[key].All(c => c.CalleeKind == CalleeKind.Differentiable
                    ? !inCompilation.Contains(c.Key) || (valid.Contains(c.Key) && TakesCollectionsReadOnly(models[c.Key]))
                    : !c.ReturnKind.IsFloatingPoint() || rulesByTarget.ContainsKey(c.Key));
                if (!ok)
                {
                    valid.Remove(key);
                    changed = true;
                }
            }
        }

        foreach (ParsedMethod method in methods)
        {
            if (method.Model is not null && valid.Contains(method.Key))
            {
                var used = calls[method.Key].Where(c => c.CalleeKind == CalleeKind.NeedsCustomRule && rulesByTarget.ContainsKey(c.Key))
                    .Select(c => rulesByTarget[c.Key]).Distinct().OrderBy(r => r.TargetKey, StringComparer.Ordinal);
                yield return new ResolvedMethod(method.Model, used.ToEquatableArray(), CallInliner.Inline(method.Model, models));
            }
        }
    }

    /// <summary>
    /// Whether the callee's entries take every collection as ReadOnlySpan, as the parser checked when it accepted the call:
    /// a callee edited since (it now writes a parameter) must not be called by a caller whose parse is cached.
    /// </summary>
    private static bool TakesCollectionsReadOnly(MethodModel callee) =>
        callee.Parameters.All(p => p.Shape == ValueShape.Scalar || p.IsTakenAsReadOnlySpan);

    /// <summary>Every call <paramref name="statement"/> makes, in any statement or expression nested in it.</summary>
    public static IEnumerable<Callee> Calls(Stmt statement) =>
        StmtChildren.AllOf(statement).SelectMany(StmtChildren.ExpressionsOf).SelectMany(ExprChildren.AllOf).OfType<UserCall>().Select(call => call.Callee);
}
