using System;

namespace AutoDiffGen.Samples.Spirals;

/// <summary>Fraction of rows whose largest logit is at the true class.</summary>
public static class Accuracy
{
    public static double Of(Tensor logits, int[] labels)
    {
        int classes = logits.Shape[1];
        float[] values = logits.ToFloatArray();
        int correct = 0;
        for (int row = 0; row < labels.Length; row++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                if (values[row * classes + c] > values[row * classes + best]) best = c;
            }
            if (best == labels[row]) correct++;
        }
        return (double)correct / labels.Length;
    }
}
