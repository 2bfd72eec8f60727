using System;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Benchmarks;

/// <summary>
/// The network benchmark (benchmarks/AutoDiffGen.Benchmarks/Network/TwoLayerNetwork.cs, read from the repository and
/// compiled with the generator) compares like with like only if its three gradients are one: the generated gradient,
/// with the Dense writer's statements inlined, and the hand-written one must match central finite differences of the
/// loss and each other, and the dynamic graph's Backward must give the same.
/// </summary>
public sealed class NetworkBenchmarkGradientTests : IDisposable
{
    private const int Inputs = 4;
    private const int Hidden = 3;
    private const int Parameters = Hidden * Inputs + Hidden + Hidden + 1;

    // Flat parameters [w1 | b1 | w2 | b2], as arrays for the spans the methods take; the graph gets its tensors here too.
    private const string Driver = """
        using System;
        using System.Linq;
        using AutoDiffGen;
        using AutoDiffGen.Benchmarks.Network;

        public static class NetworkDriver
        {
            private const int Inputs = 4, Hidden = 3, W1 = Hidden * Inputs;

            public static double Value(double[] p, double[] x, double target) =>
                TwoLayerNetwork.Loss(p.AsSpan(0, W1), p.AsSpan(W1, Hidden), p.AsSpan(W1 + Hidden, Hidden), p[W1 + 2 * Hidden], x, target);

            public static double[] Generated(double[] p, double[] x, double target)
            {
                var g = new double[p.Length + 1];
                g[p.Length] = TwoLayerNetwork.LossValueAndGradient(p.AsSpan(0, W1), p.AsSpan(W1, Hidden), p.AsSpan(W1 + Hidden, Hidden), p[W1 + 2 * Hidden], x, target,
                    g.AsSpan(0, W1), g.AsSpan(W1, Hidden), g.AsSpan(W1 + Hidden, Hidden), out g[W1 + 2 * Hidden]);
                return g;
            }

            public static double[] Hand(double[] p, double[] x, double target)
            {
                var g = new double[p.Length + 1];
                g[p.Length] = TwoLayerNetwork.LossHandGradient(p.AsSpan(0, W1), p.AsSpan(W1, Hidden), p.AsSpan(W1 + Hidden, Hidden), p[W1 + 2 * Hidden], x, target,
                    g.AsSpan(0, W1), g.AsSpan(W1, Hidden), g.AsSpan(W1 + Hidden, Hidden), out g[W1 + 2 * Hidden]);
                return g;
            }

            public static double[] Graph(double[] p, double[] x, double target)
            {
                Tensor w1 = Tensor.FromArray(p[..W1], Hidden, Inputs).RequiresGrad_(true);
                Tensor b1 = Tensor.FromArray(p[W1..(W1 + Hidden)], Hidden).RequiresGrad_(true);
                Tensor w2 = Tensor.FromArray(p[(W1 + Hidden)..(W1 + 2 * Hidden)], Hidden).RequiresGrad_(true);
                Tensor b2 = Tensor.Scalar(p[W1 + 2 * Hidden], DType.Float64, requiresGrad: true);
                Tensor loss = TwoLayerNetwork.LossGraph(w1, b1, w2, b2, Tensor.FromArray((double[])x.Clone(), Inputs), target);
                loss.Backward();
                return new[] { w1, b1, w2 }.SelectMany(t => t.Grad!.ToDoubleArray()).Append(b2.Grad!.Item()).Append(loss.Item()).ToArray();
            }
        }
        """;

    private readonly CompiledAssembly _assembly;

    public NetworkBenchmarkGradientTests() =>
        _assembly = BenchmarkSources.CompileWithDriver("Network", "TwoLayerNetwork.cs", "NetworkDriver.cs", Driver, "NetworkBenchmark", "network");

    public void Dispose() => _assembly.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Generated_hand_written_and_graph_gradients_agree_with_finite_differences(int seed)
    {
        var random = new Random(seed);
        double[] p = Enumerable.Range(0, Parameters).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] x = Enumerable.Range(0, Inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double target = random.NextDouble();

        double value = Call<double>("Value", p, x, target);
        double[] generated = Call<double[]>("Generated", p, x, target);
        double[] hand = Call<double[]>("Hand", p, x, target);
        double[] graph = Call<double[]>("Graph", p, x, target);
        Assert.Equal(value, generated[Parameters], 12);
        Assert.Equal(value, hand[Parameters], 12);
        Assert.Equal(value, graph[Parameters], 12);
        for (int i = 0; i < Parameters; i++)
        {
            double h = 1e-6;
            double[] plus = (double[])p.Clone(), minus = (double[])p.Clone();
            plus[i] += h;
            minus[i] -= h;
            double difference = (Call<double>("Value", plus, x, target) - Call<double>("Value", minus, x, target)) / (2 * h);
            Assert.True(Math.Abs(difference - generated[i]) < 1e-7, $"∂L/∂p{i}: generated {generated[i]}, differences {difference}");
            Assert.True(Math.Abs(hand[i] - generated[i]) < 1e-12, $"∂L/∂p{i}: generated {generated[i]}, hand-written {hand[i]}");
            Assert.True(Math.Abs(graph[i] - generated[i]) < 1e-12, $"∂L/∂p{i}: generated {generated[i]}, graph {graph[i]}");
        }
    }

    private T Call<T>(string method, params object[] arguments) => (T)_assembly.InvokeStatic("NetworkDriver", method, arguments)!;
}
