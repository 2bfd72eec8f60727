using System;
using AutoDiffGen;

namespace AutoDiffGen.Benchmarks.Scalar;

/// <summary>
/// Logistic loss of one example with four features: log(1 + exp(−label·(w·x + b))), label ±1. Weights and bias
/// are differentiated; the features and the label are data ([NoDerivative]).
/// </summary>
public static partial class LogisticLossFunctions
{
    [Differentiable]
    public static double LogisticLoss(
        double w0, double w1, double w2, double w3, double b,
        [NoDerivative] double x0, [NoDerivative] double x1, [NoDerivative] double x2, [NoDerivative] double x3,
        [NoDerivative] double label)
    {
        double z = w0 * x0 + w1 * x1 + w2 * x2 + w3 * x3 + b;
        return Math.Log(1 + Math.Exp(-label * z));
    }

    /// <summary>With e = exp(−label·z), dL/dz = −label·e/(1 + e); each weight gets dL/dz times its feature.</summary>
    public static double LogisticLossHandGradient(
        double w0, double w1, double w2, double w3, double b,
        double x0, double x1, double x2, double x3, double label,
        out double dw0, out double dw1, out double dw2, out double dw3, out double db)
    {
        double z = w0 * x0 + w1 * x1 + w2 * x2 + w3 * x3 + b;
        double e = Math.Exp(-label * z);
        double onePlusE = 1 + e;
        double dz = -label * e / onePlusE;
        dw0 = dz * x0;
        dw1 = dz * x1;
        dw2 = dz * x2;
        dw3 = dz * x3;
        db = dz;
        return Math.Log(onePlusE);
    }

    public static Tensor LogisticLossGraph(
        Tensor w0, Tensor w1, Tensor w2, Tensor w3, Tensor b,
        double x0, double x1, double x2, double x3, double label)
    {
        Tensor z = w0 * x0 + w1 * x1 + w2 * x2 + w3 * x3 + b;
        return ((z * -label).Exp() + 1).Log();
    }
}
