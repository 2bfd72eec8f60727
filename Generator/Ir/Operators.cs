namespace AutoDiffGen.Generator.Ir;

internal enum UnaryOperator
{
    Negate,
    LogicalNot,
}

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    LogicalAnd,
    LogicalOr,
}

/// <summary>The math functions with a derivative rule in <c>DerivativeRules</c>.</summary>
internal enum MathFunction
{
    Sin, Cos, Tan, Asin, Acos, Atan, Atan2,
    Sinh, Cosh, Tanh,
    Exp, Log, Log10, Log2, Sqrt, Cbrt, Pow,
    Abs, Min, Max, Clamp,
    Floor, Ceiling, Round, Truncate, Sign,
    FusedMultiplyAdd, Hypot,
    Asinh, Acosh, Atanh, LogP1, ExpM1, Exp2, Exp10, SinPi, CosPi, TanPi,
    Lerp, CopySign, DegreesToRadians, RadiansToDegrees, ScaleB,

    // 1 / (1 + e^-x): TensorPrimitives has it (container TensorPrimitiveElement); Math does not.
    Sigmoid,

    // The int checks of a span view (container SpanViews): they throw where the source's Slice and indexer would, and
    // where CopyTo would for a destination shorter than its source.
    ViewLength, ViewIndex, CopyLength,

    // The int checks of a 2-D array lowered to its row-major elements (container Arrays2D): they throw where C#'s would.
    ElementIndex, ElementCount,

    // The range checks of Array.Copy, Array.Clear and Array.Fill performed as loops of stores (container ArrayStores).
    CopyRange, ClearRange, FillRange,

    // The checks of TensorPrimitives' elementwise methods performed as loops of stores (container TensorPrimitiveChecks).
    ElementwiseLength,
}

/// <summary>The static class a math call is spelled on in the source; the emitter keeps that spelling.</summary>
internal enum MathContainer
{
    Math,
    MathF,
    Double,
    Single,

    /// <summary>The runtime's checks for span views (<see cref="MathFunction.ViewLength"/>, <see cref="MathFunction.ViewIndex"/>).</summary>
    SpanViews,

    /// <summary>The runtime's checks for 2-D arrays (<see cref="MathFunction.ElementIndex"/>, <see cref="MathFunction.ElementCount"/>).</summary>
    Arrays2D,

    /// <summary>The runtime's checks for Array.Copy, Array.Clear and Array.Fill (<see cref="MathFunction.CopyRange"/> and its kin).</summary>
    ArrayStores,

    /// <summary>The runtime's checks for TensorPrimitives' elementwise methods (<see cref="MathFunction.ElementwiseLength"/>).</summary>
    TensorPrimitiveChecks,

    /// <summary>
    /// The runtime's calls of TensorPrimitives' transcendental elementwise methods into a scratch array: an int call whose
    /// arguments are the operands, the destination (for its alignment) and last the scratch array it fills
    /// (<c>TensorPrimitiveValues.Exp&lt;double&gt;(x, h, expValues)</c>), returning where in it the values start.
    /// </summary>
    TensorPrimitiveValues,

    /// <summary>
    /// One element of such a call: differentiated as its function of the other arguments, its value the last argument,
    /// TensorPrimitives' own (<c>expValues[i]</c>). The reverse sweep keeps the value rather than read the scratch array again.
    /// </summary>
    TensorPrimitiveElement,
}

internal static class OperatorText
{
    public static string Of(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Remainder => "%",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.LogicalAnd => "&&",
        _ => "||",
    };

    public static bool IsComparison(BinaryOperator op) => op is BinaryOperator.Less or BinaryOperator.LessOrEqual
        or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual or BinaryOperator.Equal or BinaryOperator.NotEqual;

    public static string ContainerName(MathContainer container) => container switch
    {
        MathContainer.Math => "global::System.Math",
        MathContainer.MathF => "global::System.MathF",
        MathContainer.Double => "double",
        MathContainer.SpanViews => "global::AutoDiffGen.CompilerServices.SpanViews",
        MathContainer.Arrays2D => "global::AutoDiffGen.CompilerServices.Arrays2D",
        MathContainer.ArrayStores => "global::AutoDiffGen.CompilerServices.ArrayStores",
        MathContainer.TensorPrimitiveChecks => "global::AutoDiffGen.CompilerServices.TensorPrimitiveChecks",
        MathContainer.TensorPrimitiveValues => "global::AutoDiffGen.CompilerServices.TensorPrimitiveValues",
        _ => "float",
    };
}
