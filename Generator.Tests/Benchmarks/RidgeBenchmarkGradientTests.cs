using System;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Benchmarks;

/// <summary>
/// The ridge-regression benchmark (benchmarks/AutoDiffGen.Benchmarks/Regression/RidgeRegression.cs, read from the
/// repository and compiled with the generator) compares like with like only if its gradients are one: the generated
/// gradient of the loop loss, that of the TensorPrimitives loss, and the hand-written one must match central finite
/// differences and each other, and both losses must agree.
/// </summary>
public sealed class RidgeBenchmarkGradientTests : IDisposable
{
    private const string Driver = """
        using System;
        using AutoDiffGen.Benchmarks.Regression;

        public static class RidgeDriver
        {
            public static double Loops(double[] w, double[] x, double[] y) => RidgeRegression.LossLoops(w, x, y, 0.3);

            public static double Vectorised(double[] w, double[] x, double[] y) => RidgeRegression.LossVectorised(w, x, y, 0.3);

            public static double[] GeneratedLoops(double[] w, double[] x, double[] y) =>
                With(w, dw => RidgeRegression.LossLoopsValueAndGradient(w, x, y, 0.3, dw));

            public static double[] GeneratedVectorised(double[] w, double[] x, double[] y) =>
                With(w, dw => RidgeRegression.LossVectorisedValueAndGradient(w, x, y, 0.3, dw));

            public static double[] Hand(double[] w, double[] x, double[] y) => With(w, dw => RidgeRegression.HandGradient(w, x, y, 0.3, dw));

            // The gradient, filled with garbage first (each entry overwrites it), then the value.
            private static double[] With(double[] w, Func<double[], double> gradient)
            {
                var dw = new double[w.Length];
                Array.Fill(dw, double.NaN);
                double value = gradient(dw);
                var result = new double[w.Length + 1];
                dw.CopyTo(result, 0);
                result[w.Length] = value;
                return result;
            }
        }
        """;

    private readonly CompiledAssembly _assembly;

    public RidgeBenchmarkGradientTests() =>
        _assembly = BenchmarkSources.CompileWithDriver("Regression", "RidgeRegression.cs", "RidgeDriver.cs", Driver, "RidgeBenchmark", "ridge");

    public void Dispose() => _assembly.Dispose();

    [Theory]
    [InlineData(1, 5, 3)]
    [InlineData(2, 17, 7)]
    public void Both_generated_gradients_and_the_hand_written_one_agree_with_finite_differences(int seed, int samples, int features)
    {
        var random = new Random(seed);
        double[] w = Enumerable.Range(0, features).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] x = Enumerable.Range(0, samples * features).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] y = Enumerable.Range(0, samples).Select(_ => random.NextDouble() * 2 - 1).ToArray();

        double value = Call<double>("Loops", w, x, y);
        Assert.Equal(value, Call<double>("Vectorised", w, x, y), 12);
        double[] loops = Call<double[]>("GeneratedLoops", w, x, y);
        double[] vectorised = Call<double[]>("GeneratedVectorised", w, x, y);
        double[] hand = Call<double[]>("Hand", w, x, y);
        Assert.Equal(value, loops[features], 12);
        Assert.Equal(value, vectorised[features], 12);
        Assert.Equal(value, hand[features], 12);
        for (int j = 0; j < features; j++)
        {
            const double h = 1e-6;
            double[] plus = (double[])w.Clone(), minus = (double[])w.Clone();
            plus[j] += h;
            minus[j] -= h;
            double difference = (Call<double>("Loops", plus, x, y) - Call<double>("Loops", minus, x, y)) / (2 * h);
            Assert.True(Math.Abs(difference - loops[j]) < 1e-7, $"∂L/∂w{j}: generated from loops {loops[j]}, differences {difference}");
            Assert.True(Math.Abs(vectorised[j] - loops[j]) < 1e-12, $"∂L/∂w{j}: from loops {loops[j]}, from TensorPrimitives {vectorised[j]}");
            Assert.True(Math.Abs(hand[j] - loops[j]) < 1e-12, $"∂L/∂w{j}: from loops {loops[j]}, hand-written {hand[j]}");
        }
    }

    private T Call<T>(string method, params object[] arguments) => (T)_assembly.InvokeStatic("RidgeDriver", method, arguments)!;
}
