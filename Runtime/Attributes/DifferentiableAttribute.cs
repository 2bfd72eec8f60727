using System;

namespace AutoDiffGen;

/// <summary>
/// Marks a method whose reverse-mode derivative the AutoDiffGen source generator emits at build time:
/// <c>MForward</c>, <c>MBackward</c> and a fused gradient entry beside the method, in its partial type.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
}
