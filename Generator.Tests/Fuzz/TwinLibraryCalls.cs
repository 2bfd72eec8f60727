using System.Collections.Generic;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The tensor twin's LINQ reductions and elementwise TensorPrimitives, written from what those methods do, not from the
/// generator: LINQ sums in order from 0, averages that sum over the count, and keeps the first of equal largest (smallest)
/// elements, which gets the gradient; each elementwise method is its one operation per element (Max and Min through the
/// twin's helpers, which split a tie's gradient evenly as Math.Max's derivative does).
/// </summary>
internal static class TwinLibraryCalls
{
    public const string LinqHelpers = """
            private static Tensor LSum(Tensor[] a) { Tensor t = K(0.0); for (int k = 0; k < a.Length; k++) t = t + a[k]; return t; }
            private static Tensor LAverage(Tensor[] a) => LSum(a) / K(a.Length);
            private static Tensor LMax(Tensor[] a) { int at = 0; for (int k = 1; k < a.Length; k++) { if (a[k].Item() > a[at].Item()) at = k; } return a[at]; }
            private static Tensor LMin(Tensor[] a) { int at = 0; for (int k = 1; k < a.Length; k++) { if (a[k].Item() < a[at].Item()) at = k; } return a[at]; }

        """;

    /// <summary>One element of <paramref name="method"/>'s result from its operands' elements (or values), as twin expressions.</summary>
    public static string Element(string method, IReadOnlyList<string> a) => method switch
    {
        "Add" => $"({a[0]} + {a[1]})",
        "Subtract" => $"({a[0]} - {a[1]})",
        "Multiply" => $"({a[0]} * {a[1]})",
        "Divide" => $"({a[0]} / {a[1]})",
        "Max" => $"Max({a[0]}, {a[1]})",
        "Min" => $"Min({a[0]}, {a[1]})",
        "Negate" => $"(-{a[0]})",
        "Abs" => $"{a[0]}.Abs()",
        "Sqrt" => $"{a[0]}.Sqrt()",
        "Exp" => $"{a[0]}.Exp()",
        "Tanh" => $"{a[0]}.Tanh()",
        "Sigmoid" => $"{a[0]}.Sigmoid()",
        "Sin" => $"{a[0]}.Sin()",
        "Cos" => $"{a[0]}.Cos()",
        "Log" => $"{a[0]}.Log()",
        "Pow" => $"{a[0]}.Pow({a[1]})",
        // x·y + addend: rounded once or twice, the same to the graph's tolerance.
        _ => $"({a[0]} * {a[1]} + {a[2]})",
    };
}
