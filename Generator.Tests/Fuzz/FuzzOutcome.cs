namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>What checking one program found. Every outcome after <see cref="Rejected"/> is a bug.</summary>
public enum FuzzOutcome
{
    /// <summary>Compiles; gradients agree with the dynamic graph and (where the point is smooth) with finite differences.</summary>
    Passed,

    /// <summary>The value or a gradient is infinite or NaN at the point: nothing to compare, counted apart.</summary>
    SkippedNonFinite,

    /// <summary>The program itself does not compile: a defect of the fuzzer, never of the generator.</summary>
    InvalidProgram,

    /// <summary>The generator declined with an error diagnostic that names the reason (other than ADG0099).</summary>
    Rejected,

    GeneratorThrew,
    InternalErrorDiagnostic,

    /// <summary>The generator could not differentiate the method with its callees inlined, and emitted it as written (Emitter.InliningFailedNote).</summary>
    InliningFailed,

    GeneratedCodeDoesNotCompile,
    NoCodeAndNoDiagnostic,
    ExceptionWhileRunning,
    ValueMismatch,
    ForwardBackwardMismatch,
    GraphMismatch,
    FiniteDifferenceMismatch,
}

public static class FuzzOutcomes
{
    public static bool IsBug(this FuzzOutcome outcome) => outcome > FuzzOutcome.Rejected;

    /// <summary>The generator itself failed (threw, or reported an internal error), rather than producing a wrong result.</summary>
    public static bool IsCrash(this FuzzOutcome outcome) =>
        outcome is FuzzOutcome.GeneratorThrew or FuzzOutcome.InternalErrorDiagnostic or FuzzOutcome.InliningFailed;
}

/// <summary>One program's outcome, with the evidence (errors, expected and actual numbers).</summary>
public sealed record FuzzResult(FuzzProgram Program, FuzzOutcome Outcome, string Detail, bool FiniteDifferencesSkipped = false, bool GraphSkippedIllConditioned = false)
{
    /// <summary>Whether the code generated for the program inlined at least one call (CallInliner): how much of the fuzz reaches it.</summary>
    public bool Inlined { get; init; }

    /// <summary>Whether the code generated for the program keeps a loop's saves in slots (KeptSlots): how much of the fuzz reaches it.</summary>
    public bool Slotted { get; init; }

    /// <summary>
    /// Whether a gradient component disagreed with the dynamic graph where central differences resolve the gap and side
    /// with the generated gradient (the graph's order of summing lost precision): no failure, but listed in the summary.
    /// </summary>
    public bool GraphOverruledByDifferences { get; init; }
}
