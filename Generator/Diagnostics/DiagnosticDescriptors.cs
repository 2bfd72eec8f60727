using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic AutoDiffGen reports. IDs are stable and public: never renumber, only add.
/// Each has a help page at docs/diagnostics/&lt;ID&gt;.md and an entry in AnalyzerReleases.*.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "AutoDiffGen";
    private const string HelpRoot = "https://github.com/autodiffgen/autodiffgen/blob/main/docs/diagnostics/";

    /// <summary>
    /// The property of an ADG0005 reported inside a local function's body for something a [Differentiable] method may do (a
    /// throw, an early return): its first additional location is the local function's name, which the code fix moves out.
    /// </summary>
    public const string MovableLocalFunction = "AutoDiffGen.MovableLocalFunction";

    private static DiagnosticDescriptor Rule(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpRoot + id + ".md");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Rule(
        "ADG0001", "Containing type must be partial",
        "'{0}' is [Differentiable] but its containing type '{1}' is not partial; declare '{1}' (and every type enclosing it) as partial so the derivative can be generated beside it",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Rule(
        "ADG0002", "Unsupported parameter type",
        "Parameter '{0}' of '{1}' has type '{2}'{3}, which AutoDiffGen does not support; use double or float, or ReadOnlySpan<T>, Span<T>, T[], T[,] or T[][] of them (differentiated), int or bool (control flow), or mark it [NoDerivative] to pass it through unchanged; parameters are passed by value, except ref and out scalars of a method returning void",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Rule(
        "ADG0003", "Unsupported return type",
        "'{0}' returns '{1}'; a [Differentiable] method must return double or float, or return void and write the elements of a span or array parameter",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor CallWithoutDerivative = Rule(
        "ADG0004", "Call to a method with no derivative",
        "'{0}' calls '{1}', which has no derivative; mark it [Differentiable], or register a custom derivative with this signature: {2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedStatement = Rule(
        "ADG0005", "Unsupported construct",
        "'{0}' uses {1}, which AutoDiffGen cannot differentiate; {2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DerivativeAlwaysZero = Rule(
        "ADG0006", "Derivative is always zero",
        "The result of '{0}' does not depend on any differentiable parameter, so its derivative is always zero; check the formula, or remove [Differentiable]",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NonDifferentiableOperation = Rule(
        "ADG0007", "Non-differentiable operation flows into the result",
        "{0} in '{1}' is not differentiable everywhere, and its result flows into the value: {2}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidCustomDerivative = Rule(
        "ADG0008", "Invalid custom derivative",
        "Custom derivative '{0}' for '{1}' has the wrong signature; it must be: {2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NameCollision = Rule(
        "ADG0009", "Generated name collides with an existing member",
        "The generated member '{0}' for '{1}' collides with an existing member of '{2}'; rename one of them",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedExpression = Rule(
        "ADG0010", "Unsupported expression",
        "'{0}' uses the expression '{1}', which AutoDiffGen cannot differentiate; {2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InternalError = Rule(
        "ADG0099", "AutoDiffGen internal error",
        "AutoDiffGen could not process '{0}' because of an internal error ({1}); please report it. No derivative was generated for it.",
        DiagnosticSeverity.Error);
}
