using System;

namespace AutoDiffGen;

/// <summary>Loss functions with PyTorch's default mean reduction.</summary>
public static class Losses
{
    /// <summary>mean((input − target)²) over all elements (torch.nn.functional.mse_loss); shapes must match.</summary>
    public static Tensor Mse(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        Tensor.CheckSameDType("mse_loss", input, target);
        if (!Shapes.SameShape(input.ShapeArray, target.ShapeArray))
        {
            throw new ArgumentException(
                $"mse_loss: input shape {Shapes.Format(input.ShapeArray)} and target shape {Shapes.Format(target.ShapeArray)} must be equal "
                + "(broadcasting a loss target is almost always a bug, so it is not allowed).");
        }

        Tensor result;
        using (Autograd.NoGrad())
        {
            var difference = input.Sub(target);
            result = difference.Mul(difference).Mean();
        }

        return Tensor.ShouldRecord(input, target) ? result.WithGradFn(new MseLossBackward0(input, target)) : result;
    }

    /// <summary>
    /// Cross-entropy of logits [N, C] against class indices (torch.nn.functional.cross_entropy, mean over N):
    /// log_softmax over classes followed by the negative log-likelihood loss.
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, int[] targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2)
        {
            throw new ArgumentException($"cross_entropy: expected logits of shape [N, C], but got {Shapes.Format(logits.ShapeArray)}");
        }

        return NllLoss(logits.LogSoftmax(1), targets);
    }

    /// <summary>−mean over rows of logProbabilities[i, targets[i]] (torch.nn.functional.nll_loss).</summary>
    public static Tensor NllLoss(Tensor logProbabilities, int[] targets)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(targets);
        if (logProbabilities.Rank != 2)
        {
            throw new ArgumentException($"nll_loss: expected input of shape [N, C], but got {Shapes.Format(logProbabilities.ShapeArray)}");
        }

        int n = logProbabilities.ShapeArray[0], classes = logProbabilities.ShapeArray[1];
        if (targets.Length != n)
        {
            throw new ArgumentException($"nll_loss: Expected input batch_size ({n}) to match target batch_size ({targets.Length}).");
        }

        // Picking entries is a product with a constant one-hot weight of −1/N, which is also the
        // gradient; keeping it as a tensor makes the backward differentiable again.
        var weights = new double[n * classes];
        for (int i = 0; i < n; i++)
        {
            if (targets[i] < 0 || targets[i] >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), $"nll_loss: Target {targets[i]} is out of bounds (row {i}, {classes} classes).");
            }

            weights[(i * classes) + targets[i]] = -1.0 / n;
        }

        var weight = Tensor.FromArray(weights, [n, classes]).To(logProbabilities.DType);
        Tensor result;
        using (Autograd.NoGrad())
        {
            result = logProbabilities.Mul(weight).Sum();
        }

        return Tensor.ShouldRecord(logProbabilities) ? result.WithGradFn(new NllLossBackward0(logProbabilities, weight)) : result;
    }
}

/// <summary>d mse(x, t) = (2(x − t)/n·g, −2(x − t)/n·g).</summary>
internal sealed class MseLossBackward0(Tensor input, Tensor target) : Node(input, target)
{
    private readonly SavedTensor _input = new(input);
    private readonly SavedTensor _target = new(target);

    private protected override Tensor?[] Backward(Tensor grad)
    {
        var input = _input.Unpack();
        var scaled = input.Sub(_target.Unpack()).Mul(2.0 / input.NumElements).Mul(grad);
        return [NeedsGrad(0) ? scaled : null, NeedsGrad(1) ? scaled.Neg() : null];
    }

    internal override void ReleaseVariables()
    {
        _input.Release();
        _target.Release();
    }
}

/// <summary>d nll(p) = g times the constant one-hot weight (−1/N at each row's target).</summary>
internal sealed class NllLossBackward0(Tensor input, Tensor weight) : Node(input)
{
    private protected override Tensor?[] Backward(Tensor grad) => [weight.Mul(grad)];
}
