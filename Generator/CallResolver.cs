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
/// assembly), or a [DerivativeOf] rule — and every call to a callee that writes its arguments' elements can take in
/// that callee's statements (<see cref="WriterInliner"/>). Invalidity spreads to callers, so generated code always compiles.
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
        var withWriters = new Dictionary<string, MethodModel>();

        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (string key in valid.ToList())
            {
                bool ok = calls[key].All(c => c.CalleeKind switch
                {
                    CalleeKind.Differentiable => !inCompilation.Contains(c.Key) || (valid.Contains(c.Key) && WritesOnlyWhatTheCallerExpects(c, models[c.Key])),
                    CalleeKind.Primitive => true,
                    _ => !c.ReturnKind.IsFloatingPoint() || c.Parameters.All(p => !p.IsDifferentiable) || rulesByTarget.ContainsKey(c.Key),
                });
                if (!ok)
                {
                    valid.Remove(key);
                    changed = true;
                }
            }

            // Once the calls check out, the writers' statements go in; a caller that cannot take them in is invalid in turn.
            withWriters.Clear();
            foreach (string key in changed ? Enumerable.Empty<string>() : valid.ToList())
            {
                if (Guarded(() => WriterInliner.Inline(models[key], k => valid.Contains(k) ? models[k] : null, out _)) is { } inlined)
                {
                    withWriters[key] = inlined;
                }
                else
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
                MethodModel model = withWriters[method.Key];
                yield return new ResolvedMethod(model, RulesUsedBy(model.Body, rulesByTarget).ToEquatableArray(), Guarded(() => CallInliner.Inline(model, models)));
            }
        }
    }

    /// <summary>
    /// An inliner's result, or null if it threw: a bug met in one method must cost only that method (its callers lose theirs
    /// too, as for any invalid callee; the analyzer reports ADG0099 there), not every method's code, as an exception out of
    /// <see cref="Resolve"/> would (FB-20's fuzz run: the other 149 programs of its batch got none).
    /// </summary>
    private static MethodModel? Guarded(Func<MethodModel?> inline)
    {
        try
        {
            return inline();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the callee writes only the collections the caller's parse said it writes: its entries take every other
    /// collection as ReadOnlySpan. A callee edited since (it now writes a parameter) must not be called by a caller whose
    /// parse is cached.
    /// </summary>
    private static bool WritesOnlyWhatTheCallerExpects(Callee call, MethodModel callee) =>
        callee.Parameters.Select((p, i) => p.Shape == ValueShape.Scalar || p.IsTakenAsReadOnlySpan || (i < call.Parameters.Count && call.Parameters[i].IsWritten)).All(ok => ok);

    /// <summary>
    /// The [DerivativeOf] rules the calls of <paramref name="body"/> use, by target: a writer's statements inlined into it
    /// bring their calls along, so the rules they use are the method's too.
    /// </summary>
    public static IEnumerable<CustomRuleModel> RulesUsedBy(Stmt body, IReadOnlyDictionary<string, CustomRuleModel> rulesByTarget) =>
        Calls(body).Where(c => c.CalleeKind == CalleeKind.NeedsCustomRule && rulesByTarget.ContainsKey(c.Key))
            .Select(c => rulesByTarget[c.Key]).Distinct().OrderBy(r => r.TargetKey, StringComparer.Ordinal);

    /// <summary>Every call <paramref name="statement"/> makes, in any statement or expression nested in it.</summary>
    public static IEnumerable<Callee> Calls(Stmt statement) =>
        StmtChildren.AllOf(statement).SelectMany(StmtChildren.ExpressionsOf).SelectMany(ExprChildren.AllOf).OfType<UserCall>().Select(call => call.Callee);
}
