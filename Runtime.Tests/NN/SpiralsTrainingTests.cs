using System;
using AutoDiffGen.NN;
using AutoDiffGen.Optim;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.NN;

/// <summary>
/// End to end: nn + optim + autograd learn a task no linear model can (two interleaved spirals),
/// a smaller version of samples/Spirals.
/// </summary>
public class SpiralsTrainingTests
{
    [Fact]
    public void A_small_mlp_trained_with_adam_separates_two_spirals()
    {
        var rng = new Random(7);
        const int pointsPerClass = 100;
        var (features, labels) = Spirals(pointsPerClass, rng);
        Tensor inputs = Tensor.FromArray(features, labels.Length, 2);
        var model = new Sequential(
            new Linear(2, 32, rng: rng), new Tanh(),
            new Linear(32, 32, rng: rng), new Tanh(),
            new Linear(32, 2, rng: rng));
        var optimizer = new Adam(model.Parameters(), lr: 0.02);

        double firstLoss = double.NaN, lastLoss = double.NaN;
        for (int epoch = 0; epoch < 600; epoch++)
        {
            optimizer.ZeroGrad();
            Tensor loss = Losses.CrossEntropy(model.Forward(inputs), labels);
            loss.Backward();
            optimizer.Step();
            lastLoss = loss.Item();
            if (epoch == 0) firstLoss = lastLoss;
        }

        double accuracy;
        using (Autograd.NoGrad())
        {
            accuracy = AccuracyOf(model.Forward(inputs), labels);
        }
        Assert.True(lastLoss < 0.5 * firstLoss, $"loss went from {firstLoss} to {lastLoss}");
        Assert.True(accuracy > 0.95, $"accuracy {accuracy:P1} after training (loss {lastLoss})");
    }

    private static (float[] Features, int[] Labels) Spirals(int pointsPerClass, Random rng)
    {
        int count = 2 * pointsPerClass;
        var features = new float[2 * count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 2;
            double t = 0.1 + 0.9 * (i / 2) / (pointsPerClass - 1.0);
            double angle = t * 1.5 * 2 * Math.PI + label * Math.PI;
            features[2 * i] = (float)(t * Math.Cos(angle) + 0.02 * (rng.NextDouble() - 0.5));
            features[2 * i + 1] = (float)(t * Math.Sin(angle) + 0.02 * (rng.NextDouble() - 0.5));
            labels[i] = label;
        }
        return (features, labels);
    }

    private static double AccuracyOf(Tensor logits, int[] labels)
    {
        float[] values = logits.ToFloatArray();
        int correct = 0;
        for (int row = 0; row < labels.Length; row++)
        {
            int predicted = values[2 * row + 1] > values[2 * row] ? 1 : 0;
            if (predicted == labels[row]) correct++;
        }
        return (double)correct / labels.Length;
    }
}
