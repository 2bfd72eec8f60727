using AutoDiffGen.Generator.Tests.Snapshots;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>The generated code for each loop, span and array construct, approved by reading it (snapshots beside this file).</summary>
public sealed class LoopSnapshotTests
{
    [Fact]
    public void ForLoopOverSpan() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            [Differentiable]
            public static double SumOfSquares(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += x[i] * x[i];
                }

                return s;
            }
        }
        """, nameof(ForLoopOverSpan));

    [Fact]
    public void SpanViews() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Layers
        {
            [Differentiable]
            public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    s += a[i] * b[i];
                }

                return s;
            }

            [Differentiable]
            public static double Dense(ReadOnlySpan<double> weights, ReadOnlySpan<double> input)
            {
                int width = input.Length;
                double total = 0;
                for (int r = 0; r < weights.Length / width; r++)
                {
                    ReadOnlySpan<double> row = weights.Slice(r * width, width);
                    double bias = 0;
                    for (int j = 1; j < row.Length; j++)
                    {
                        bias += row[j] * row[j - 1];
                    }

                    total += Math.Tanh(Dot(row, input) + bias);
                }

                return total;
            }
        }
        """, nameof(SpanViews));

    [Fact]
    public void SwappedBuffers() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Diffusion
        {
            [Differentiable]
            public static double Smooth(ReadOnlySpan<double> initial, double rate)
            {
                int n = initial.Length;
                double[] current = new double[n];
                double[] next = new double[n];
                for (int i = 0; i < n; i++) current[i] = initial[i];
                for (int step = 0; step < 4; step++)
                {
                    for (int i = 1; i < current.Length - 1; i++)
                    {
                        next[i] = current[i] + rate * (current[i - 1] - 2 * current[i] + current[i + 1]);
                    }

                    (current, next) = (next, current);
                }

                return current[n / 2];
            }
        }
        """, nameof(SwappedBuffers));

    [Fact]
    public void MatrixParameter() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Layers
        {
            // A 2-D weight parameter: its entries take and return double[,]; the lowered ones its row-major elements.
            [Differentiable]
            public static double Energy(double[,] w, ReadOnlySpan<double> x, int pinned)
            {
                double e = w[pinned, pinned];
                for (int i = 0; i < w.GetLength(0); i++)
                {
                    double s = 0;
                    for (int j = 0; j < w.GetLength(1); j++)
                    {
                        s += w[i, j] * x[j];
                    }

                    e += s * s;
                }

                return e;
            }
        }
        """, nameof(MatrixParameter));

    [Fact]
    public void WriterCalleeInlined() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Network
        {
            // y = tanh(W x + b): a helper that writes its result into the caller's array.
            [Differentiable]
            public static void Dense(ReadOnlySpan<double> w, ReadOnlySpan<double> b, ReadOnlySpan<double> x, Span<double> y)
            {
                for (int i = 0; i < y.Length; i++)
                {
                    double s = b[i];
                    for (int j = 0; j < x.Length; j++)
                    {
                        s += w[i * x.Length + j] * x[j];
                    }

                    y[i] = Math.Tanh(s);
                }
            }

            [Differentiable]
            public static double Loss(ReadOnlySpan<double> w, ReadOnlySpan<double> b, ReadOnlySpan<double> x, double target)
            {
                double[] h = new double[4];
                Dense(w, b, x, h.AsSpan(0, 2));
                Dense(w, b, h.AsSpan(0, 2), h.AsSpan(2, 2));
                double error = h[2] + h[3] - target;
                return error * error;
            }
        }
        """, nameof(WriterCalleeInlined));

    [Fact]
    public void WriterScratchArrayInCallerLoop() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Mixture
        {
            // Softmax weights of x into y, through a scratch array of the helper's own.
            [Differentiable]
            public static void Softmax(ReadOnlySpan<double> x, Span<double> y)
            {
                double[] e = new double[x.Length];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    e[i] = Math.Exp(x[i]);
                    total += e[i];
                }

                for (int i = 0; i < y.Length; i++) y[i] = e[i] / total;
            }

            [Differentiable]
            public static double Score(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets, int d)
            {
                double[] p = new double[d];
                double s = 0;
                for (int k = 0; k < targets.Length; k++)
                {
                    Softmax(logits.Slice(k * d, d), p);
                    s += p[0] * targets[k];
                }

                return s;
            }
        }
        """, nameof(WriterScratchArrayInCallerLoop));

    [Fact]
    public void SpanStores() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Buffers
        {
            // A moving-average filter that shifts its window with CopyTo, refills the window's tail and clears an accumulator.
            [Differentiable]
            public static double Filter(ReadOnlySpan<double> x, double decay)
            {
                Span<double> window = stackalloc double[3];
                double[] totals = new double[2];
                double s = 0;
                for (int t = 0; t < x.Length; t++)
                {
                    window.Slice(1).CopyTo(window);
                    window.Slice(2).Fill(x[t]);
                    totals.AsSpan().Clear();
                    for (int i = 0; i < window.Length; i++) totals[i % 2] += window[i] * decay;
                    s += totals[0] * totals[1];
                }

                return s;
            }
        }
        """, nameof(SpanStores));

    [Fact]
    public void ListedElementsAndIndexFromEnd() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Stencils
        {
            // A three-point stencil whose weights are listed, applied in a loop; the last point is read from the end.
            [Differentiable]
            public static double Smooth(ReadOnlySpan<double> x, double sharpness)
            {
                double[] weights = { 0.25, sharpness, 0.25 };
                double s = 0;
                for (int i = 1; i < x.Length - 1; i++)
                {
                    double[] around = [x[i - 1], x[i], x[i + 1]];
                    for (int j = 0; j < 3; j++) s += weights[j] * around[j] * around[j];
                }

                return s + x[^1];
            }
        }
        """, nameof(ListedElementsAndIndexFromEnd));

    [Fact]
    public void LocalFunctions() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Fitting
        {
            // A robust fit: each residual (a local function reading the parameters and data) through a smooth absolute value
            // (a block body, run before its statement); the square's expression body is substituted where it is called.
            [Differentiable]
            public static double Loss(double slope, double offset, double[] x, double[] y)
            {
                double Residual(int i) => y[i] - (slope * x[i] + offset);
                static double Sq(double v) => v * v;
                static double SmoothAbs(double v)
                {
                    double soft = Math.Sqrt(v * v + 1e-3);
                    return soft - Math.Sqrt(1e-3);
                }

                double loss = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    loss += SmoothAbs(Residual(i));
                }

                return loss + Sq(slope) * 0.01;
            }
        }
        """, nameof(LocalFunctions));

    [Fact]
    public void LinqReductions() => GeneratedCode.Verify("""
        using System;
        using System.Linq;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Scores
        {
            // Scores centred on their mean and scaled by their range, as LINQ computes both.
            [Differentiable]
            public static double Spread(double[] x, double[] w)
            {
                double mean = x.Average();
                double range = x.Max() - x.Min();
                double s = 0;
                for (int i = 0; i < x.Length; i++) s += w[i] * (x[i] - mean);
                return s / range;
            }
        }
        """, nameof(LinqReductions));

    [Fact]
    public void TensorPrimitiveElementwise() => GeneratedCode.Verify("""
        using System;
        using System.Numerics.Tensors;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Layers
        {
            // A gated sum: the products into an output span, a bias added in place, clamped from below into a local array.
            [Differentiable]
            public static double Gated(ReadOnlySpan<double> x, ReadOnlySpan<double> w, double bias, Span<double> h)
            {
                TensorPrimitives.Multiply(x, w, h);
                TensorPrimitives.Add(h, bias, h);
                double[] gated = new double[h.Length];
                TensorPrimitives.Max(h, 0.0, gated);
                return TensorPrimitives.Sum<double>(gated);
            }
        }
        """, nameof(TensorPrimitiveElementwise));

    [Fact]
    public void TensorPrimitiveTranscendental() => GeneratedCode.Verify("""
        using System;
        using System.Numerics.Tensors;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Layers
        {
            // A tanh unit per element: the products into the output span, then TensorPrimitives' tanh in place.
            [Differentiable]
            public static double Activate(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> h)
            {
                TensorPrimitives.Multiply(x, w, h);
                TensorPrimitives.Tanh<double>(h, h);
                return TensorPrimitives.Sum<double>(h);
            }
        }
        """, nameof(TensorPrimitiveTranscendental));

    [Fact]
    public void TensorPrimitiveReductions() => GeneratedCode.Verify("""
        using System;
        using System.Numerics.Tensors;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Regression
        {
            // Ridge regression's loss: each sample's residual through a vectorised dot product, plus an L2 penalty.
            [Differentiable]
            public static double Loss(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> y, double lambda)
            {
                int d = w.Length;
                double loss = 0;
                for (int i = 0; i < y.Length; i++)
                {
                    double residual = TensorPrimitives.Dot(w, x.Slice(i * d, d)) - y[i];
                    loss += residual * residual;
                }

                return loss / y.Length + lambda * TensorPrimitives.SumOfSquares(w);
            }
        }
        """, nameof(TensorPrimitiveReductions));

    [Fact]
    public void SavesInSlots() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            [Differentiable]
            public static double Recurrence(ReadOnlySpan<double> x, double w)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s = Math.Exp(s * w) * x[i] + s;
                }

                return s;
            }
        }
        """, nameof(SavesInSlots));

    [Fact]
    public void SearchForMaximum() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            [Differentiable]
            public static double SoftMaximum(ReadOnlySpan<double> x)
            {
                double max = x[0];
                for (int i = 1; i < x.Length; i++)
                {
                    if (x[i] > max)
                    {
                        max = x[i];
                    }
                }

                double sum = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    sum += Math.Exp(x[i] - max);
                }

                return Math.Log(sum) + max;
            }
        }
        """, nameof(SearchForMaximum));

    [Fact]
    public void SwitchExpressionWithoutDiscardInLoop() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
        #pragma warning disable CS8509 // not exhaustive: on purpose
            [Differentiable]
            public static double Piecewise(ReadOnlySpan<double> x, double w)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += x[i] switch { < 0 => x[i] * w, >= 0 and < 4 => Math.Log(1 + x[i]) };
                }

                return s;
            }
        }
        """, nameof(SwitchExpressionWithoutDiscardInLoop));

    [Fact]
    public void CentredPointFilledPerComponent() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            [Differentiable]
            public static double MixtureScore(ReadOnlySpan<double> x, ReadOnlySpan<double> means, int d)
            {
                int k = means.Length / d;
                double[] centred = new double[d];
                double[] scores = new double[k];
                for (int c = 0; c < k; c++)
                {
                    for (int i = 0; i < d; i++)
                    {
                        centred[i] = x[i] - means[c * d + i];
                    }

                    double squaredNorm = 0;
                    for (int i = 0; i < d; i++)
                    {
                        squaredNorm += centred[i] * centred[i] * (i + 1);
                    }

                    scores[c] = -0.5 * squaredNorm;
                }

                double sum = 0;
                for (int c = 0; c < k; c++)
                {
                    sum += Math.Exp(scores[c]);
                }

                return Math.Log(sum);
            }
        }
        """, nameof(CentredPointFilledPerComponent));

    [Fact]
    public void WhileWithBreakAndEarlyReturn() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            [Differentiable]
            public static double Product(double[] x, double limit)
            {
                double p = 1;
                int i = 0;
                while (i < x.Length)
                {
                    if (p > limit) break;
                    if (x[i] < 0) return -p;
                    p *= x[i];
                    i++;
                }

                return p;
            }
        }
        """, nameof(WhileWithBreakAndEarlyReturn));

    [Fact]
    public void NestedLoopsWithContinue() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            [Differentiable]
            public static double Quadratic(ReadOnlySpan<double> a, ReadOnlySpan<double> x)
            {
                int n = x.Length;
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    if (x[i] == 0) continue;
                    double row = 0;
                    for (int j = 0; j < n; j++)
                    {
                        row += a[i * n + j] * x[j];
                    }

                    s += Math.Tanh(row) * x[i];
                }

                return s;
            }
        }
        """, nameof(NestedLoopsWithContinue));

    [Fact]
    public void OverwrittenLocalArray() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            [Differentiable]
            public static double Smooth(ReadOnlySpan<double> x, int sweeps)
            {
                Span<double> t = stackalloc double[x.Length];
                foreach (double v in x)
                {
                    t[0] += v;
                }

                for (int sweep = 0; sweep < sweeps; sweep++)
                {
                    for (int i = 1; i < t.Length; i++)
                    {
                        t[i] = 0.5 * (t[i] + Math.Sin(t[i - 1])) * x[i];
                    }
                }

                return t[t.Length - 1];
            }
        }
        """, nameof(OverwrittenLocalArray));

    [Fact]
    public void CalleeTakingLocalArrayAndOutputSpan() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            [Differentiable]
            public static double Softmaxish(ReadOnlySpan<double> x, Span<double> scaled)
            {
                double[] e = new double[x.Length];
                int k = 0;
                do
                {
                    e[k] = Math.Exp(x[k]);
                    scaled[k] = 2 * e[k];
                    k++;
                }
                while (k < x.Length);

                return Sum(e) + scaled[0];
            }

            [Differentiable]
            public static double Sum(ReadOnlySpan<double> v)
            {
                double s = 0;
                foreach (double value in v) s += value;
                return s;
            }
        }
        """, nameof(CalleeTakingLocalArrayAndOutputSpan));

    [Fact]
    public void CallsInConditionalBranches() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            // The recursive call and the logarithm run only on their own side of the ?:, so the reverse sweep must
            // not evaluate them on the other side (it would recurse forever, or read a logarithm's partial at 0).
            [Differentiable]
            public static double Power(double x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += x;
                return n <= 0 ? s + 1 : x * Power(x, n - 1) + (x > 0 ? Math.Log(x) : 0);
            }
        }
        """, nameof(CallsInConditionalBranches));

    [Fact]
    public void ReductionLoopWithScratchArray() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Kernels
        {
            // Each point only adds its log-sum-exp to the total: the loop is differentiated point by point, in a method of
            // its own, and the scratch array, overwritten whole for every point, is saved only within that point.
            [Differentiable]
            public static double MixtureLogLikelihood(ReadOnlySpan<double> centres, ReadOnlySpan<double> points, double width)
            {
                double[] terms = new double[centres.Length];
                double total = 0;
                for (int p = 0; p < points.Length; p++)
                {
                    for (int c = 0; c < centres.Length; c++)
                    {
                        double offset = (points[p] - centres[c]) / width;
                        terms[c] = -0.5 * offset * offset;
                    }

                    total += LogSumExp(terms);
                }

                return total;
            }

            [Differentiable]
            public static double LogSumExp(ReadOnlySpan<double> v)
            {
                double max = v[0];
                for (int i = 1; i < v.Length; i++) max = Math.Max(max, v[i]);
                double sum = 0;
                for (int i = 0; i < v.Length; i++) sum += Math.Exp(v[i] - max);
                return Math.Log(sum) + max;
            }
        }
        """, nameof(ReductionLoopWithScratchArray));
}
