using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// Recognises calls to the reductions of System.Numerics.Tensors' TensorPrimitives that the runtime differentiates
/// (<c>AutoDiffGen.CompilerServices.TensorPrimitiveGradients</c>): a call such as <c>TensorPrimitives.Dot(w, x)</c> on
/// double or float spans is a callee whose gradient entry the runtime supplies, vectorised as TensorPrimitives is.
/// </summary>
internal static class TensorPrimitiveReductions
{
    public const string ContainingType = "global::System.Numerics.Tensors.TensorPrimitives";

    public const string GradientsType = "global::AutoDiffGen.CompilerServices.TensorPrimitiveGradients";

    // Name → number of span operands.
    private static readonly Dictionary<string, int> s_operands = new()
    {
        ["Dot"] = 2,
        ["Distance"] = 2,
        ["Sum"] = 1,
        ["SumOfSquares"] = 1,
        ["SumOfMagnitudes"] = 1,
        ["Norm"] = 1,
        ["Product"] = 1,
        ["Max"] = 1,
        ["Min"] = 1,
    };

    /// <summary>The names the runtime differentiates, for a diagnostic that lists them.</summary>
    public static string Names => string.Join(", ", s_operands.Keys);

    /// <summary>Whether <paramref name="method"/> is a method of TensorPrimitives (differentiated or not).</summary>
    public static bool IsTensorPrimitives(IMethodSymbol method) =>
        method.ContainingType?.ToDisplayString() == "System.Numerics.Tensors.TensorPrimitives";

    /// <summary>
    /// The callee for <paramref name="method"/> if it is one of the reductions above on double or float spans, all of one kind.
    /// (A float call's partials cannot be kept on the tape, which holds doubles: its reverse calls the gradient entry again.)
    /// </summary>
    public static Callee? Recognise(IMethodSymbol method)
    {
        ScalarKind? returned = SymbolNames.KindOf(method.ReturnType);
        if (!IsTensorPrimitives(method) || !method.IsStatic || !s_operands.TryGetValue(method.Name, out int operands) ||
            method.Parameters.Length != operands || returned is not (ScalarKind.Double or ScalarKind.Float) ||
            method.Parameters.Any(p => p.RefKind != RefKind.None || SymbolNames.CollectionOf(p.Type) != (returned.Value, ValueShape.ReadOnlySpan)))
        {
            return null;
        }

        ScalarKind kind = returned.Value;
        var parameters = method.Parameters.Select(p => new CalleeParameter(p.Name, kind, IsDifferentiable: true, ValueShape.ReadOnlySpan)).ToEquatableArray();
        return new Callee(SymbolNames.MethodKey(method), ContainingType, method.Name, Receiver: null, CalleeKind.Primitive, parameters, kind);
    }
}
