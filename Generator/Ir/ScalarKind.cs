namespace AutoDiffGen.Generator.Ir;

/// <summary>The value types the IR knows. Double and Float are differentiable; Int and Bool only steer control flow.</summary>
internal enum ScalarKind
{
    Double,
    Float,
    Int,
    Bool,
}

internal static class ScalarKindExtensions
{
    public static bool IsFloatingPoint(this ScalarKind kind) => kind is ScalarKind.Double or ScalarKind.Float;

    public static string CSharpName(this ScalarKind kind) => kind switch
    {
        ScalarKind.Double => "double",
        ScalarKind.Float => "float",
        ScalarKind.Int => "int",
        _ => "bool",
    };
}

/// <summary>
/// How a parameter holds its values: one scalar, or a span or array of them (whose adjoint is a <c>Span&lt;T&gt;</c>).
/// </summary>
internal enum ValueShape
{
    Scalar,
    ReadOnlySpan,
    Span,
    Array,
}
