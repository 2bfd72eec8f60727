using System;

namespace AutoDiffGen.Benchmarks.Gmm;

/// <summary>
/// The GMM objective's gradient derived and written by hand, the way ADBench's "manual" C++ does it: one
/// pass over the points that keeps each component's centred point, Q·(x − μ) and exponential, then the softmax
/// weights of the log-sum-exp push the adjoints back: one Exp per component and point, as in the objective. The
/// baseline the generated gradient is compared with.
/// </summary>
public sealed class GmmHandGradient
{
    private readonly int _d;
    private readonly int _k;
    private readonly double[] _qDiags, _sumQs, _xCentered, _qx, _mainTerm, _exponentials;

    public GmmHandGradient(int d, int k)
    {
        _d = d;
        _k = k;
        _qDiags = new double[k * d];
        _sumQs = new double[k];
        _xCentered = new double[k * d];
        _qx = new double[k * d];
        _mainTerm = new double[k];
        _exponentials = new double[k];
    }

    /// <summary>Returns the objective and writes its gradient (overwriting) into the three gradient spans.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> alphas, ReadOnlySpan<double> means, ReadOnlySpan<double> icf,
        ReadOnlySpan<double> x, double wishartGamma, int wishartM,
        Span<double> dAlphas, Span<double> dMeans, Span<double> dIcf)
    {
        int d = _d, k = _k, n = x.Length / d, icfSize = d * (d + 1) / 2;
        dAlphas.Clear();
        dMeans.Clear();
        dIcf.Clear();
        for (int ik = 0; ik < k; ik++)
        {
            double sum = 0;
            for (int id = 0; id < d; id++)
            {
                double q = icf[ik * icfSize + id];
                sum += q;
                _qDiags[ik * d + id] = Math.Exp(q);
            }

            _sumQs[ik] = sum;
        }

        double slse = 0;
        for (int ix = 0; ix < n; ix++)
        {
            double max = double.NegativeInfinity;
            for (int ik = 0; ik < k; ik++)
            {
                double squaredNorm = 0;
                int c = ik * d;
                for (int id = 0; id < d; id++)
                {
                    _xCentered[c + id] = x[ix * d + id] - means[c + id];
                }

                for (int j = 0; j < d; j++)
                {
                    double row = _qDiags[c + j] * _xCentered[c + j];
                    for (int i = 0; i < j; i++)
                    {
                        row += icf[ik * icfSize + d + i * (2 * d - i - 1) / 2 + (j - i - 1)] * _xCentered[c + i];
                    }

                    _qx[c + j] = row;
                    squaredNorm += row * row;
                }

                _mainTerm[ik] = alphas[ik] + _sumQs[ik] - 0.5 * squaredNorm;
                max = Math.Max(max, _mainTerm[ik]);
            }

            // Each component's exponential is kept: its softmax weight below is that exponential over the total.
            double total = 0;
            for (int ik = 0; ik < k; ik++)
            {
                double exponential = Math.Exp(_mainTerm[ik] - max);
                _exponentials[ik] = exponential;
                total += exponential;
            }

            slse += Math.Log(total) + max;

            // d(lse)/d(main_k) = softmax weight w_k; main_k = α_k + Σq_k − ½‖Q_k(x − μ_k)‖².
            for (int ik = 0; ik < k; ik++)
            {
                double w = _exponentials[ik] / total;
                int c = ik * d, tri = ik * icfSize + d;
                dAlphas[ik] += w;
                for (int j = 0; j < d; j++)
                {
                    double dRow = -w * _qx[c + j];
                    // row_j = e^{q_j} xc_j + Σ_{i<j} L_ij xc_i
                    dIcf[ik * icfSize + j] += w + dRow * _xCentered[c + j] * _qDiags[c + j];
                    double dxcj = dRow * _qDiags[c + j];
                    for (int i = 0; i < j; i++)
                    {
                        int index = tri + i * (2 * d - i - 1) / 2 + (j - i - 1);
                        dIcf[index] += dRow * _xCentered[c + i];
                        dMeans[c + i] -= dRow * icf[index];
                    }

                    dMeans[c + j] -= dxcj;
                }
            }
        }

        // − n · logsumexp(α)
        double alphaMax = double.NegativeInfinity;
        for (int ik = 0; ik < k; ik++) alphaMax = Math.Max(alphaMax, alphas[ik]);
        double alphaTotal = 0;
        for (int ik = 0; ik < k; ik++) alphaTotal += Math.Exp(alphas[ik] - alphaMax);
        double lseAlphas = Math.Log(alphaTotal) + alphaMax;
        for (int ik = 0; ik < k; ik++) dAlphas[ik] -= n * Math.Exp(alphas[ik] - lseAlphas);

        // Wishart prior: ½γ²‖Q‖²_F − m Σ log diag Q.
        double logPrior = 0, gamma2 = wishartGamma * wishartGamma;
        for (int ik = 0; ik < k; ik++)
        {
            double frobenius = 0;
            for (int id = 0; id < d; id++)
            {
                double qd = _qDiags[ik * d + id];
                frobenius += qd * qd;
                dIcf[ik * icfSize + id] += gamma2 * qd * qd - wishartM;
            }

            for (int l = d; l < icfSize; l++)
            {
                double value = icf[ik * icfSize + l];
                frobenius += value * value;
                dIcf[ik * icfSize + l] += gamma2 * value;
            }

            logPrior += 0.5 * gamma2 * frobenius - wishartM * _sumQs[ik];
        }

        double priorDegrees = d + wishartM + 1;
        double priorConstant = priorDegrees * d * (Math.Log(wishartGamma) - 0.5 * Math.Log(2));
        double constant = -n * d * 0.5 * Math.Log(2 * Math.PI);
        return constant + slse - n * lseAlphas + logPrior - k * priorConstant;
    }
}
