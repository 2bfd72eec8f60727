using System;
using AutoDiffGen;

namespace CurveFit;

/// <summary>
/// The physical model x(t) = A·e^(−γt)·cos(ωt + φ) and the squared error of one observation.
/// AutoDiffGen generates <c>SampleLossValueAndGradient</c> (and Forward/Backward) at build time.
/// </summary>
public static partial class DampedOscillator
{
    [Differentiable]
    public static double Displacement(double amplitude, double damping, double frequency, double phase, [NoDerivative] double t) =>
        amplitude * Math.Exp(-damping * t) * Math.Cos(frequency * t + phase);

    [Differentiable]
    public static double SampleLoss(double amplitude, double damping, double frequency, double phase, [NoDerivative] double t, [NoDerivative] double observed)
    {
        double residual = Displacement(amplitude, damping, frequency, phase, t) - observed;
        return residual * residual;
    }
}
