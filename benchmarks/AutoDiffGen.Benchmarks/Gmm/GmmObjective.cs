using System;
using AutoDiffGen;

namespace AutoDiffGen.Benchmarks.Gmm;

/// <summary>
/// ADBench's Gaussian mixture model objective, written as ordinary C# over spans: the
/// log-likelihood of n points x (n·d) under K Gaussians, with a Wishart prior on the inverse covariances.
/// Parameters: alphas[K] (mixture weights, as logits), means[K·d], icf[K·d(d+1)/2] (per component: the d
/// log-diagonal entries of the inverse Cholesky factor Q, then its strictly lower triangle column by column).
/// The generator differentiates it; <see cref="GmmHandGradient"/> is the gradient written by hand.
/// The constant log-gamma term of the Wishart normaliser is left out: it depends on d and m only.
/// </summary>
public static partial class GmmObjective
{
    [Differentiable]
    public static double Objective(
        ReadOnlySpan<double> alphas,
        ReadOnlySpan<double> means,
        ReadOnlySpan<double> icf,
        [NoDerivative] ReadOnlySpan<double> x,
        [NoDerivative] double wishartGamma,
        int wishartM,
        int d)
    {
        int k = alphas.Length;
        int n = x.Length / d;
        int icfSize = d * (d + 1) / 2;
        double[] qDiags = new double[k * d];
        double[] sumQs = new double[k];
        double[] xCentered = new double[d];
        double[] mainTerm = new double[k];

        for (int ik = 0; ik < k; ik++)
        {
            double sum = 0;
            for (int id = 0; id < d; id++)
            {
                double q = icf[ik * icfSize + id];
                sum += q;
                qDiags[ik * d + id] = Math.Exp(q);
            }

            sumQs[ik] = sum;
        }

        double slse = 0;
        for (int ix = 0; ix < n; ix++)
        {
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++)
                {
                    xCentered[id] = x[ix * d + id] - means[ik * d + id];
                }

                // ‖Q (x − μ)‖², row by row: Q's diagonal, then the lower-triangle entries left of it.
                double squaredNorm = 0;
                for (int j = 0; j < d; j++)
                {
                    double row = qDiags[ik * d + j] * xCentered[j];
                    for (int i = 0; i < j; i++)
                    {
                        row += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + (j - i - 1)] * xCentered[i];
                    }

                    squaredNorm += row * row;
                }

                mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * squaredNorm;
            }

            slse += LogSumExp(mainTerm);
        }

        double logPrior = 0;
        for (int ik = 0; ik < k; ik++)
        {
            double frobenius = 0;
            for (int id = 0; id < d; id++)
            {
                frobenius += qDiags[ik * d + id] * qDiags[ik * d + id];
            }

            for (int l = d; l < icfSize; l++)
            {
                frobenius += icf[ik * icfSize + l] * icf[ik * icfSize + l];
            }

            logPrior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];
        }

        double priorDegrees = d + wishartM + 1;
        double priorConstant = priorDegrees * d * (Math.Log(wishartGamma) - 0.5 * Math.Log(2));
        double constant = -n * d * 0.5 * Math.Log(2 * Math.PI);
        return constant + slse - n * LogSumExp(alphas) + logPrior - k * priorConstant;
    }

    /// <summary>log Σ exp(vᵢ), shifted by the maximum so it cannot overflow.</summary>
    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = values[0];
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > max)
            {
                max = values[i];
            }
        }

        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += Math.Exp(values[i] - max);
        }

        return Math.Log(sum) + max;
    }
}
