using System;
using System.Collections.Generic;

namespace AutoDiffGen.Optim;

/// <summary>
/// Adam with L2 weight decay added to the gradient; the update of PyTorch 1.13's <c>torch.optim.Adam</c>
/// (amsgrad off): t ← t+1; g ← grad + wd·p; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly Tensor?[] _expAvg;
    private readonly Tensor?[] _expAvgSq;
    private readonly int[] _steps;

    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                double eps = 1e-8, double weightDecay = 0)
        : base(parameters, "Adam")
    {
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, $"Adam: Invalid learning rate: lr={lr} (must be >= 0).");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, $"Adam: Invalid epsilon value: eps={eps} (must be >= 0).");
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, $"Adam: Invalid beta parameter: beta1={beta1} (must be in [0, 1)).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, $"Adam: Invalid beta parameter: beta2={beta2} (must be in [0, 1)).");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, $"Adam: Invalid weight_decay value: weightDecay={weightDecay} (must be >= 0).");
        LearningRate = lr;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        _expAvg = new Tensor?[Parameters.Count];
        _expAvgSq = new Tensor?[Parameters.Count];
        _steps = new int[Parameters.Count];
    }

    /// <summary>The learning rate; may be changed between steps (a schedule).</summary>
    public double LearningRate { get; set; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Eps { get; }
    public double WeightDecay { get; }

    /// <summary>How many updates parameter <paramref name="index"/> has received (PyTorch's state["step"]).</summary>
    public int StepCount(int index) => _steps[index];

    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        int step = ++_steps[index];
        Tensor g = WeightDecay != 0 ? grad + parameter * WeightDecay : grad;
        var expAvg = _expAvg[index] ??= Tensor.ZerosLike(parameter);
        var expAvgSq = _expAvgSq[index] ??= Tensor.ZerosLike(parameter);
        expAvg.Mul_(Beta1).Add_(g, 1 - Beta1);
        expAvgSq.Mul_(Beta2).Add_(g * g * (1 - Beta2));
        double biasCorrection1 = 1 - Math.Pow(Beta1, step);
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, step));
        double stepSize = LearningRate / biasCorrection1;
        Tensor denom = expAvgSq.Sqrt() / biasCorrection2Sqrt + Eps;
        parameter.Sub_(expAvg / denom * stepSize);
    }
}
