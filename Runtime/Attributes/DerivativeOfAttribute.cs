using System;

namespace AutoDiffGen;

/// <summary>
/// Registers a user-supplied derivative rule for a method the generator cannot or should not
/// differentiate itself (a method from another assembly, or a numerically delicate one), in the
/// spirit of Swift's <c>@derivative(of:)</c>.
/// </summary>
/// <remarks>
/// The rule is a static method that takes the original method's parameters, returns the original
/// value, and writes one <c>out</c> partial derivative per differentiable parameter, in order:
/// <code>
/// [DerivativeOf(typeof(Special), nameof(Special.Erf))]
/// static double ErfDerivative(double x, out double dx) { dx = 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x); return Special.Erf(x); }
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class DerivativeOfAttribute : Attribute
{
    public DerivativeOfAttribute(Type type, string methodName)
    {
        Type = type;
        MethodName = methodName;
    }

    /// <summary>The type that declares the method this rule differentiates.</summary>
    public Type Type { get; }

    /// <summary>The name of the method this rule differentiates.</summary>
    public string MethodName { get; }
}
