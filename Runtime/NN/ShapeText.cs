using System.Collections.Generic;

namespace AutoDiffGen.NN;

/// <summary>Formats a tensor's shape for error messages: "[2, 5]".</summary>
internal static class ShapeText
{
    public static string Of(Tensor tensor) => Of(tensor.Shape);

    public static string Of(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";
}
