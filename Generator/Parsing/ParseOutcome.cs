using System.Collections.Generic;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// The result of parsing one [Differentiable] method: the model (null if anything is wrong), the
/// diagnostics the analyzer reports, and the calls that need a custom derivative (the analyzer checks
/// them against the compilation's [DerivativeOf] rules; the generator against its collected rules).
/// </summary>
internal sealed class ParseOutcome
{
    public ParseOutcome(string key, MethodModel? model, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<CallSite> callsNeedingRules)
    {
        Key = key;
        Model = model;
        Diagnostics = diagnostics;
        CallsNeedingRules = callsNeedingRules;
    }

    public string Key { get; }

    public MethodModel? Model { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public IReadOnlyList<CallSite> CallsNeedingRules { get; }
}

/// <summary>A call to a method with no derivative of its own; <see cref="RequiredSignature"/> is the [DerivativeOf] rule to write.</summary>
internal sealed class CallSite
{
    public CallSite(Callee callee, Location location, string calleeDisplay, string requiredSignature)
    {
        Callee = callee;
        Location = location;
        CalleeDisplay = calleeDisplay;
        RequiredSignature = requiredSignature;
    }

    public Callee Callee { get; }

    public Location Location { get; }

    public string CalleeDisplay { get; }

    public string RequiredSignature { get; }
}
