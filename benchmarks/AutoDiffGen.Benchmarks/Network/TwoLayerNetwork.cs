using System;
using AutoDiffGen;

namespace AutoDiffGen.Benchmarks.Network;

/// <summary>
/// The squared error of a small network on one example, written as numeric C# is: a <c>Dense</c> helper that writes its
/// layer's output into the caller's buffer. Layer 1 maps the inputs to <c>b1.Length</c> hidden units through tanh, layer 2
/// sums them into one output. The generator differentiates <see cref="Loss"/> with Dense's statements in place of the call
/// (a callee that writes its arguments); <see cref="LossHandGradient"/> is the gradient derived by hand and
/// <see cref="LossGraph"/> the same loss through the dynamic graph.
/// </summary>
public static partial class TwoLayerNetwork
{
    /// <summary>y = tanh(W x + b), W row-major with x.Length columns.</summary>
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
    public static double Loss(
        ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, double b2,
        [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] double target)
    {
        double[] hidden = new double[b1.Length];
        Dense(w1, b1, x, hidden);
        double output = b2;
        for (int i = 0; i < hidden.Length; i++)
        {
            output += w2[i] * hidden[i];
        }

        double error = output - target;
        return 0.5 * error * error;
    }

    /// <summary>
    /// Writes ∂L/∂w1, ∂L/∂b1 and ∂L/∂w2 (overwriting) and returns L. With e = output − target: ∂L/∂b2 = e, ∂L/∂w2ᵢ = e·hᵢ,
    /// and each hidden unit's pre-activation gets e·w2ᵢ·(1 − hᵢ²), which is ∂L/∂b1ᵢ and, times xⱼ, ∂L/∂w1ᵢⱼ.
    /// </summary>
    public static double LossHandGradient(
        ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, double b2,
        ReadOnlySpan<double> x, double target,
        Span<double> dw1, Span<double> db1, Span<double> dw2, out double db2)
    {
        int inputs = x.Length;
        Span<double> hidden = stackalloc double[b1.Length];
        double output = b2;
        for (int i = 0; i < hidden.Length; i++)
        {
            double s = b1[i];
            for (int j = 0; j < inputs; j++)
            {
                s += w1[i * inputs + j] * x[j];
            }

            hidden[i] = Math.Tanh(s);
            output += w2[i] * hidden[i];
        }

        double error = output - target;
        db2 = error;
        for (int i = 0; i < hidden.Length; i++)
        {
            dw2[i] = error * hidden[i];
            double pre = error * w2[i] * (1 - hidden[i] * hidden[i]);
            db1[i] = pre;
            for (int j = 0; j < inputs; j++)
            {
                dw1[i * inputs + j] = pre * x[j];
            }
        }

        return 0.5 * error * error;
    }

    /// <summary>The loss through the dynamic graph: w1 [hidden, inputs], b1 and w2 [hidden], b2 a scalar.</summary>
    public static Tensor LossGraph(Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor x, double target)
    {
        Tensor hidden = (w1.MatMul(x) + b1).Tanh();
        Tensor error = w2.MatMul(hidden) + b2 - target;
        return error * error * 0.5;
    }
}
