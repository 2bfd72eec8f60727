using System;
using System.Diagnostics;
using System.Numerics.Tensors;
using AutoDiffGen.Kernels;

namespace AutoDiffGen.Benchmarks;

/// <summary>Quick elementwise timing over 1M floats: ours against TensorPrimitives, best of several runs.</summary>
internal static class ElementwiseProbe
{
    public static void Run()
    {
        (float[] x, float[] y, float[] destination) = Inputs();
        int length = x.Length;
        Console.WriteLine($"{"1M floats",-10} {"ours ms",10} {"TensorPrimitives ms",20} {"ours ÷ add",11}");
        Row("add", () => TensorPrimitives.Add(x, y, destination), () => TensorPrimitives.Add(x, y, destination));
        Row("exp", () => VectorMath.Exp(x, destination), () => TensorPrimitives.Exp(x, destination));
        Row("tanh", () => VectorMath.Tanh(x, destination), () => TensorPrimitives.Tanh(x, destination));
        Row("sigmoid", () => VectorMath.Sigmoid(x, destination), () => TensorPrimitives.Sigmoid(x, destination));
        Row("log", () => VectorMath.Log(y, destination), () => TensorPrimitives.Log(y, destination));

        double[] xd = Array.ConvertAll(x, v => (double)v), yd = Array.ConvertAll(y, v => (double)v), dd = new double[length];
        Row("add f64", () => TensorPrimitives.Add(xd, yd, dd), () => TensorPrimitives.Add(xd, yd, dd));
        Row("exp f64", () => VectorMath.Exp(xd, dd), () => TensorPrimitives.Exp(xd, dd));
        Row("tanh f64", () => VectorMath.Tanh(xd, dd), () => TensorPrimitives.Tanh(xd, dd));
        Row("sigm f64", () => VectorMath.Sigmoid(xd, dd), () => TensorPrimitives.Sigmoid(xd, dd));
        Row("log f64", () => VectorMath.Log(yd, dd), () => TensorPrimitives.Log(yd, dd));
    }

    /// <summary>The add row's time for the current precision: the issue's target is each activation within 2× of it.</summary>
    /// <summary>1M floats: x in [−4, 4) (the activations' interesting range), y in [0.5, 1.5) (safe divisors), and a destination.</summary>
    public static (float[] X, float[] Y, float[] Destination) Inputs()
    {
        const int length = 1 << 20;
        var rng = new Random(1);
        float[] x = new float[length], y = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(rng.NextDouble() * 8 - 4);
            y[i] = (float)(rng.NextDouble() + 0.5);
        }

        return (x, y, new float[length]);
    }

    private static double addTime;

    private static void Row(string name, Action ours, Action theirs)
    {
        double time = Best(ours);
        if (name.StartsWith("add", StringComparison.Ordinal))
        {
            addTime = time;
        }
        Console.WriteLine($"{name,-10} {time,10:F3} {Best(theirs),20:F3} {time / addTime,11:F2}");
    }

    private static double Best(Action action)
    {
        action();
        double best = double.MaxValue;
        for (int trial = 0; trial < 7; trial++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int r = 0; r < 20; r++)
            {
                action();
            }
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds / 20);
        }
        return best;
    }
}
