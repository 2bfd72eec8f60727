using System;
using AutoDiffGen;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>
/// Huber loss (δ = 1) of a line a·t + b through two data points: each residual takes the quadratic branch
/// when |r| ≤ δ and the linear one otherwise, so the gradient follows the branch the forward pass took.
/// </summary>
public static partial class HuberFitFunctions
{
    [Differentiable]
    public static double HuberFit(
        double a, double b,
        [NoDerivative] double t0, [NoDerivative] double v0, [NoDerivative] double t1, [NoDerivative] double v1)
    {
        double r0 = a * t0 + b - v0;
        double r1 = a * t1 + b - v1;
        double loss = 0;
        if (Math.Abs(r0) <= 1)
        {
            loss += 0.5 * r0 * r0;
        }
        else
        {
            loss += Math.Abs(r0) - 0.5;
        }

        if (Math.Abs(r1) <= 1)
        {
            loss += 0.5 * r1 * r1;
        }
        else
        {
            loss += Math.Abs(r1) - 0.5;
        }

        return loss;
    }

    /// <summary>dL/dr is r on the quadratic branch and sign(r) on the linear one; ∂r/∂a = t, ∂r/∂b = 1.</summary>
    public static double HuberFitHandGradient(
        double a, double b, double t0, double v0, double t1, double v1, out double da, out double db)
    {
        double r0 = a * t0 + b - v0;
        double r1 = a * t1 + b - v1;
        double loss0, dr0, loss1, dr1;
        if (Math.Abs(r0) <= 1)
        {
            loss0 = 0.5 * r0 * r0;
            dr0 = r0;
        }
        else
        {
            loss0 = Math.Abs(r0) - 0.5;
            dr0 = Math.Sign(r0);
        }

        if (Math.Abs(r1) <= 1)
        {
            loss1 = 0.5 * r1 * r1;
            dr1 = r1;
        }
        else
        {
            loss1 = Math.Abs(r1) - 0.5;
            dr1 = Math.Sign(r1);
        }

        da = dr0 * t0 + dr1 * t1;
        db = dr0 + dr1;
        return loss0 + loss1;
    }

    /// <summary>Define-by-run: the branch is chosen on the residual's value, as PyTorch code does with <c>.item()</c>.</summary>
    public static Tensor HuberFitGraph(Tensor a, Tensor b, double t0, double v0, double t1, double v1)
    {
        Tensor r0 = a * t0 + b - v0;
        Tensor r1 = a * t1 + b - v1;
        return Huber(r0) + Huber(r1);

        static Tensor Huber(Tensor r) => Math.Abs(r.Item()) <= 1 ? 0.5 * r * r : r.Abs() - 0.5;
    }
}
