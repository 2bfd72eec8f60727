using System;
using System.Collections.Generic;

namespace AutoDiffGen.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay;
/// the update of PyTorch 1.13's <c>torch.optim.SGD</c>:
/// g ← grad + wd·p; b ← g on the first step, else μ·b + (1−τ)·g; g ← g + μ·b (Nesterov) or b; p ← p − lr·g.
/// </summary>
public sealed class SGD : Optimizer
{
    private readonly Tensor?[] _momentumBuffers;

    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0,
               double weightDecay = 0, bool nesterov = false)
        : base(parameters, "SGD")
    {
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, $"SGD: Invalid learning rate: lr={lr} (must be >= 0).");
        if (!(momentum >= 0)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"SGD: Invalid momentum value: momentum={momentum} (must be >= 0).");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, $"SGD: Invalid weight_decay value: weightDecay={weightDecay} (must be >= 0).");
        if (double.IsNaN(dampening)) throw new ArgumentOutOfRangeException(nameof(dampening), dampening, "SGD: Invalid dampening value: dampening=NaN.");
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException($"SGD: Nesterov momentum requires a momentum and zero dampening (momentum={momentum}, dampening={dampening}).", nameof(nesterov));
        }
        LearningRate = lr;
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        _momentumBuffers = new Tensor?[Parameters.Count];
    }

    /// <summary>The learning rate; may be changed between steps (a schedule).</summary>
    public double LearningRate { get; set; }
    public double Momentum { get; }
    public double Dampening { get; }
    public double WeightDecay { get; }
    public bool Nesterov { get; }

    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        Tensor step = WeightDecay != 0 ? grad + parameter * WeightDecay : grad;
        if (Momentum != 0)
        {
            var buffer = _momentumBuffers[index];
            if (buffer is null)
            {
                // A copy, not an alias: the buffer is updated in place on later steps.
                buffer = Tensor.ZerosLike(parameter);
                buffer.Copy_(step);
                _momentumBuffers[index] = buffer;
            }
            else
            {
                buffer.Mul_(Momentum).Add_(step, 1 - Dampening);
            }
            step = Nesterov ? step + buffer * Momentum : buffer;
        }
        parameter.Add_(step, -LearningRate);
    }
}
