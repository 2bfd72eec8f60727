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
    public ParseOutcome(string key, MethodModel? model, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<CallSite> callsNeedingRules, IReadOnlyList<WriterCallSite> writerCalls)
    {
        Key = key;
        Model = model;
        Diagnostics = diagnostics;
        CallsNeedingRules = callsNeedingRules;
        WriterCalls = writerCalls;
    }

    public string Key { get; }

    public MethodModel? Model { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public IReadOnlyList<CallSite> CallsNeedingRules { get; }

    /// <summary>The calls to callees that write their arguments' elements: the analyzer parses those callees to inline them as the generator does.</summary>
    public IReadOnlyList<WriterCallSite> WriterCalls { get; }
}

/// <summary>A call to a [Differentiable] method of this compilation that writes the elements of a collection it is given.</summary>
internal sealed class WriterCallSite
{
    public WriterCallSite(IMethodSymbol callee, Location location, string text)
    {
        Callee = callee;
        Location = location;
        Text = text;
    }

    public IMethodSymbol Callee { get; }

    public Location Location { get; }

    /// <summary>The call as written, on one line, for diagnostics.</summary>
    public string Text { get; }
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
