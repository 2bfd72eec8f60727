using System.Collections.Generic;
using System.Collections.Immutable;

namespace AutoDiffGen.Generator.Tests.Fuzz;

// The library calls of LinqReductions and TensorElementwise. Their collections are named as in both printings (the twin's
// views are their bases' own Tensor[], so a region's start is the same index in both).

/// <summary>
/// <c>Collection.Method()</c>, or <c>Enumerable.Method(Collection)</c> when <paramref name="Static"/>: LINQ's Sum, Average, Max or
/// Min of a double[] (never empty: every collection the fuzzer makes has elements).
/// </summary>
public sealed record LinqReduction(string Method, string Collection, bool Static) : FuzzExpr
{
    public static readonly IReadOnlyList<string> Methods = new[] { "Sum", "Average", "Max", "Min" };
}

/// <summary>An operand of an <see cref="ElementwiseCall"/>: a span region, or a value (where TensorPrimitives has that overload).</summary>
public sealed record ElementwiseOperand(ReductionOperand? Span, FuzzExpr? Value);

/// <summary>
/// <c>TensorPrimitives.Method&lt;double&gt;(operands…, Destination);</c>: every span operand <see cref="Length"/> long, the
/// destination at least as long (only its first <see cref="Length"/> elements are written).
/// </summary>
public sealed record ElementwiseCall(string Method, ImmutableArray<ElementwiseOperand> Operands, ReductionOperand Destination, int Length) : FuzzStatement
{
    /// <summary>Each method's overloads taken, as a string per overload: S a span operand, V a value.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Overloads = new Dictionary<string, string[]>
    {
        ["Add"] = new[] { "SS", "SV" },
        ["Subtract"] = new[] { "SS", "SV", "VS" },
        ["Multiply"] = new[] { "SS", "SV" },
        ["Divide"] = new[] { "SS", "SV", "VS" },
        ["Max"] = new[] { "SS", "SV" },
        ["Min"] = new[] { "SS", "SV" },
        ["Negate"] = new[] { "S" },
        ["Abs"] = new[] { "S" },
        ["Sqrt"] = new[] { "S" },
        ["MultiplyAdd"] = new[] { "SSS", "SSV", "SVS" },
        ["FusedMultiplyAdd"] = new[] { "SSS", "SSV", "SVS" },
    };

    /// <summary>The transcendental methods taken (<see cref="FuzzFeatures.TensorTranscendental"/>), as <see cref="Overloads"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> TranscendentalOverloads = new Dictionary<string, string[]>
    {
        ["Exp"] = new[] { "S" },
        ["Tanh"] = new[] { "S" },
        ["Sigmoid"] = new[] { "S" },
        ["Sin"] = new[] { "S" },
        ["Cos"] = new[] { "S" },
        ["Log"] = new[] { "S" },
        ["Pow"] = new[] { "SS", "SV", "VS" },
    };

    /// <summary>Whether operand <paramref name="i"/> of <paramref name="method"/> is made 1 + v², never near 0: a square root's, a divisor, a logarithm's, a power's base.</summary>
    public static bool TakesPositive(string method, int i) => method is "Sqrt" or "Log" || (method is "Divide" or "Pow" && i == (method == "Divide" ? 1 : 0));
}
