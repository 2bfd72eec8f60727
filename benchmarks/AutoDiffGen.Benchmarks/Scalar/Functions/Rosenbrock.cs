using System;
using AutoDiffGen;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>
/// Rosenbrock's banana function, in two dimensions and as a four-variable chain written out without loops,
/// each in the three forms the scalar benchmarks compare: the primal as ordinary [Differentiable] C# (the
/// generator adds <c>…ValueAndGradient</c>), a hand-written analytic gradient, and the dynamic graph on 0-d
/// float64 tensors. The test in Generator.Tests compiles this file and checks the three agree.
/// </summary>
public static partial class RosenbrockFunctions
{
    [Differentiable]
    public static double Rosenbrock(double x, double y)
    {
        double a = 1 - x;
        double b = y - x * x;
        return a * a + 100 * b * b;
    }

    /// <summary>∂/∂x = −2a − 400·x·b, ∂/∂y = 200·b with a = 1 − x, b = y − x².</summary>
    public static double RosenbrockHandGradient(double x, double y, out double dx, out double dy)
    {
        double a = 1 - x;
        double b = y - x * x;
        dx = -2 * a - 400 * x * b;
        dy = 200 * b;
        return a * a + 100 * b * b;
    }

    public static Tensor RosenbrockGraph(Tensor x, Tensor y)
    {
        Tensor a = 1 - x;
        Tensor b = y - x * x;
        return a * a + 100 * b * b;
    }

    /// <summary>Σᵢ (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)² over x0…x3: three coupled terms.</summary>
    [Differentiable]
    public static double RosenbrockChain4(double x0, double x1, double x2, double x3)
    {
        double a0 = 1 - x0;
        double b0 = x1 - x0 * x0;
        double a1 = 1 - x1;
        double b1 = x2 - x1 * x1;
        double a2 = 1 - x2;
        double b2 = x3 - x2 * x2;
        return a0 * a0 + 100 * b0 * b0 + a1 * a1 + 100 * b1 * b1 + a2 * a2 + 100 * b2 * b2;
    }

    /// <summary>Each xᵢ gets −2aᵢ − 400·xᵢ·bᵢ from its own term and 200·bᵢ₋₁ from the previous one.</summary>
    public static double RosenbrockChain4HandGradient(
        double x0, double x1, double x2, double x3,
        out double dx0, out double dx1, out double dx2, out double dx3)
    {
        double a0 = 1 - x0;
        double b0 = x1 - x0 * x0;
        double a1 = 1 - x1;
        double b1 = x2 - x1 * x1;
        double a2 = 1 - x2;
        double b2 = x3 - x2 * x2;
        dx0 = -2 * a0 - 400 * x0 * b0;
        dx1 = 200 * b0 - 2 * a1 - 400 * x1 * b1;
        dx2 = 200 * b1 - 2 * a2 - 400 * x2 * b2;
        dx3 = 200 * b2;
        return a0 * a0 + 100 * b0 * b0 + a1 * a1 + 100 * b1 * b1 + a2 * a2 + 100 * b2 * b2;
    }

    public static Tensor RosenbrockChain4Graph(Tensor x0, Tensor x1, Tensor x2, Tensor x3)
    {
        Tensor a0 = 1 - x0;
        Tensor b0 = x1 - x0 * x0;
        Tensor a1 = 1 - x1;
        Tensor b1 = x2 - x1 * x1;
        Tensor a2 = 1 - x2;
        Tensor b2 = x3 - x2 * x2;
        return a0 * a0 + 100 * b0 * b0 + a1 * a1 + 100 * b1 * b1 + a2 * a2 + 100 * b2 * b2;
    }
}
