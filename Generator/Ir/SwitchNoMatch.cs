using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Ir;

/// <summary>
/// What a switch expression throws when no arm matches, with its tested value as the one hole: a
/// <c>System.Runtime.CompilerServices.SwitchExpressionException</c>, as the method itself throws, where the compilation has
/// that type; otherwise (netstandard2.0) an <c>InvalidOperationException</c> naming the method, since the compiler also falls
/// back to <c>InvalidOperationException</c> there. Both differentiation forms throw it, so every entry throws what the method does.
/// </summary>
internal static class SwitchNoMatch
{
    public static ThrownExpression Thrown(string methodName, Expr tested, bool hasSwitchExpressionException)
    {
        string[] text = hasSwitchExpressionException
            ? new[] { "new global::System.Runtime.CompilerServices.SwitchExpressionException((object)", ")" }
            : new[] { $"new global::System.InvalidOperationException(\"The switch expression in {methodName} matched no arm for the value \" + ", " + \".\")" };
        return new ThrownExpression(text.ToEquatableArray(), new[] { tested }.ToEquatableArray());
    }
}
