using System;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Benchmarks;

/// <summary>
/// The tanh-activation benchmark (benchmarks/AutoDiffGen.Benchmarks/Activation/TanhActivation.cs, read from the repository
/// and compiled with the generator) compares like with like only if its gradients are one: the generated gradient of the
/// loop loss, that of the TensorPrimitives loss (whose tanh TensorPrimitives computes), and the hand-written one must match
/// central finite differences and each other, and both losses must agree.
/// </summary>
public sealed class TanhActivationBenchmarkGradientTests : IDisposable
{
    private const string Driver = """
        using System;
        using AutoDiffGen.Benchmarks.Activation;

        public static class TanhDriver
        {
            public static double Loops(double[] z, double[] c) => TanhActivation.LossLoops(z, c);

            public static double Vectorised(double[] z, double[] c) => TanhActivation.LossVectorised(z, c);

            public static double[] GeneratedLoops(double[] z, double[] c) => With(z, dz => TanhActivation.LossLoopsValueAndGradient(z, c, dz));

            public static double[] GeneratedVectorised(double[] z, double[] c) => With(z, dz => TanhActivation.LossVectorisedValueAndGradient(z, c, dz));

            public static double[] Hand(double[] z, double[] c) => With(z, dz => TanhActivation.HandGradient(z, c, dz, new double[z.Length]));

            // The gradient, filled with garbage first (each entry overwrites it), then the value.
            private static double[] With(double[] z, Func<double[], double> gradient)
            {
                var dz = new double[z.Length];
                Array.Fill(dz, double.NaN);
                double value = gradient(dz);
                var result = new double[z.Length + 1];
                dz.CopyTo(result, 0);
                result[z.Length] = value;
                return result;
            }
        }
        """;

    private readonly CompiledAssembly _assembly;

    public TanhActivationBenchmarkGradientTests() =>
        _assembly = BenchmarkSources.CompileWithDriver("Activation", "TanhActivation.cs", "TanhDriver.cs", Driver, "TanhBenchmark", "tanh");

    public void Dispose() => _assembly.Dispose();

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 70)]
    public void Both_generated_gradients_and_the_hand_written_one_agree_with_finite_differences(int seed, int length)
    {
        var random = new Random(seed);
        double[] z = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        double[] c = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();

        double value = Call<double>("Loops", z, c);
        Assert.Equal(value, Call<double>("Vectorised", z, c), 12);
        double[] loops = Call<double[]>("GeneratedLoops", z, c);
        double[] vectorised = Call<double[]>("GeneratedVectorised", z, c);
        double[] hand = Call<double[]>("Hand", z, c);
        Assert.Equal(value, loops[length], 12);
        Assert.Equal(value, vectorised[length], 12);
        Assert.Equal(value, hand[length], 12);
        for (int j = 0; j < length; j++)
        {
            const double h = 1e-6;
            double[] plus = (double[])z.Clone(), minus = (double[])z.Clone();
            plus[j] += h;
            minus[j] -= h;
            double difference = (Call<double>("Loops", plus, c) - Call<double>("Loops", minus, c)) / (2 * h);
            Assert.True(Math.Abs(difference - loops[j]) < 1e-7, $"∂L/∂z{j}: generated from loops {loops[j]}, differences {difference}");
            Assert.True(Math.Abs(vectorised[j] - loops[j]) < 1e-12, $"∂L/∂z{j}: from loops {loops[j]}, from TensorPrimitives {vectorised[j]}");
            Assert.True(Math.Abs(hand[j] - loops[j]) < 1e-12, $"∂L/∂z{j}: from loops {loops[j]}, hand-written {hand[j]}");
        }
    }

    private T Call<T>(string method, params object[] arguments) => (T)_assembly.InvokeStatic("TanhDriver", method, arguments)!;
}
