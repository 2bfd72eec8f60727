using System.Collections.Generic;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Everything the emitter needs for one method: the forward sweep, the reverse sweep, the names of the
/// adjoints, and what the tape saves (exactly the primal values the reverse sweep reads).
/// </summary>
internal sealed record DerivativePlan(
    IReadOnlyList<Instr> Forward,
    IReadOnlyList<Instr> Backward,
    VariableRef Result,
    VariableRef ResultAdjoint,
    bool ResultIsActive,
    IReadOnlyList<ParameterAdjoint> ParameterAdjoints,
    IReadOnlyList<VariableRef> AdjointLocals,
    IReadOnlyList<VariableRef> TapeFields,
    ActivityAnalysis Activity,
    string SeedName,
    string TapeName,
    Loops.LoopPlan? Loop = null);

/// <summary>The public adjoint of a differentiable parameter (<c>ref</c> in Backward, <c>out</c> in the fused entry).</summary>
internal sealed record ParameterAdjoint(ParameterModel Parameter, VariableRef Adjoint);
