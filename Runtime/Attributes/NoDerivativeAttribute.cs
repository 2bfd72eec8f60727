using System;

namespace AutoDiffGen;

/// <summary>
/// Excludes a parameter of a <see cref="DifferentiableAttribute"/> method from differentiation:
/// it is treated as a constant and gets no adjoint in the generated backward signature.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class NoDerivativeAttribute : Attribute
{
}
