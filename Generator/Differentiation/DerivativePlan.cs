using System.Collections.Generic;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Everything the emitter needs for one method: the forward sweep, the reverse sweep as the Backward method
/// writes it (seeded by its parameter) and as the fused entry writes it (seeded by 1), the adjoints of the
/// parameters, and what the tape saves (exactly the primal values the reverse sweep reads).
/// </summary>
internal sealed record DerivativePlan(
    IReadOnlyList<Instr> Forward,
    AdjointSweep Backward,
    AdjointSweep Fused,
    VariableRef Result,
    bool ResultIsActive,
    IReadOnlyList<ParameterAdjoint> ParameterAdjoints,
    IReadOnlyList<VariableRef> TapeFields,
    ActivityAnalysis Activity,
    string SeedName,
    string TapeName,
    Loops.LoopPlan? Loop = null);

/// <summary>
/// The adjoint of a differentiable parameter: <paramref name="Adjoint"/> is the public one (<c>ref</c> in Backward,
/// <c>out</c> in the fused entry), <paramref name="Local"/> the local the sweep accumulates in (a register, not
/// memory behind a reference), copied to <paramref name="Adjoint"/> once at the end.
/// </summary>
internal sealed record ParameterAdjoint(ParameterModel Parameter, VariableRef Adjoint, VariableRef Local);

/// <summary>A reverse sweep ready to print: the adjoints declared before it with their initial values, then its instructions.</summary>
internal sealed record AdjointSweep(IReadOnlyList<AdjointDeclaration> Declarations, IReadOnlyList<Instr> Body, IReadOnlyCollection<string> Mentioned)
{
    public static AdjointSweep Empty { get; } = new(System.Array.Empty<AdjointDeclaration>(), System.Array.Empty<Instr>(), System.Array.Empty<string>());

    /// <summary>True when the sweep reads or writes the adjoint (a parameter's local that no path touches stays zero).</summary>
    public bool Mentions(VariableRef adjoint) => System.Linq.Enumerable.Contains(Mentioned, adjoint.Name);
}

/// <summary><c>T Adjoint = Initial;</c> before the sweep.</summary>
internal sealed record AdjointDeclaration(VariableRef Adjoint, Expr Initial);
