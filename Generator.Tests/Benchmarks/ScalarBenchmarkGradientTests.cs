using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace AutoDiffGen.Generator.Tests.Benchmarks;

/// <summary>
/// The scalar benchmarks compare like with like only if the four forms of each function compute the same thing:
/// the generated fused gradient and the hand-written one must both match central finite differences of the primal
/// (float64), agree with each other to rounding, and agree with the dynamic graph's Backward.
/// </summary>
public sealed class ScalarBenchmarkGradientTests : IClassFixture<ScalarBenchmarkFunctions>
{
    private const string Namespace = "AutoDiffGen.Benchmarks.Scalar.";
    private const double FiniteDifferenceTolerance = 1e-6;
    private const double RoundingTolerance = 1e-11;

    // The benchmarks' own inputs come first in each list; the others reach the branches and signs they do not.
    private static readonly ScalarBenchmarkCase[] Cases =
    [
        new("RosenbrockFunctions", "Rosenbrock", 2, [[-1.2, 1.0], [1.0, 1.0], [0.5, -0.3], [2.0, 3.5]]),
        new("RosenbrockFunctions", "RosenbrockChain4", 4, [[-1.2, 1.0, 0.8, 1.1], [0.3, -0.5, 2.0, -1.0]]),
        new("LennardJonesFunctions", "LennardJones4", 8,
            [[0.0, 0.0, 1.1, 0.05, 0.02, 1.15, 1.2, 1.1], [0.1, -0.2, 1.3, 0.0, -0.1, 0.9, 0.8, 1.4]]),
        new("LogisticLossFunctions", "LogisticLoss", 5,
            [[0.3, -0.2, 0.5, 0.1, 0.05, 1.5, -0.7, 0.2, 2.0, 1.0], [0.3, -0.2, 0.5, 0.1, 0.05, 1.5, -0.7, 0.2, 2.0, -1.0],
             [-1.0, 2.0, 0.0, 0.7, -0.4, 0.5, 3.0, -1.0, -2.0, 1.0]]),
        new("HuberFitFunctions", "HuberFit", 2,
            [[0.8, 0.1, 1.0, 1.5, 3.0, 0.5], [0.8, 0.1, 1.0, 1.2, 3.0, 2.0], [-0.5, 0.2, 1.0, 2.0, 3.0, 1.0], [1.0, 0.0, 2.0, -1.0, -1.0, 3.0]]),
    ];

    private readonly CompiledAssembly _assembly;

    public ScalarBenchmarkGradientTests(ScalarBenchmarkFunctions functions) => _assembly = functions.Assembly;

    public static IEnumerable<object[]> CaseNames => Cases.Select(c => new object[] { c.Name });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Hand_written_and_generated_gradients_match_finite_differences(string name)
    {
        ScalarBenchmarkCase c = Find(name);
        foreach (double[] point in c.Points)
        {
            double primal = Primal(c, point);
            double[] expected = FiniteDifferences(c, point);
            (double generatedValue, double[] generated) = WithGradient(c, "ValueAndGradient", point);
            (double handValue, double[] hand) = WithGradient(c, "HandGradient", point);
            string where = $"{c.Name}({Format(point)})";

            ExpectClose(primal, generatedValue, RoundingTolerance, $"{where}: generated value vs primal");
            ExpectClose(primal, handValue, RoundingTolerance, $"{where}: hand-written value vs primal");
            for (int i = 0; i < c.ActiveCount; i++)
            {
                ExpectClose(expected[i], generated[i], FiniteDifferenceTolerance, $"{where}: generated ∂/∂p{i} vs finite differences");
                ExpectClose(expected[i], hand[i], FiniteDifferenceTolerance, $"{where}: hand-written ∂/∂p{i} vs finite differences");
                ExpectClose(generated[i], hand[i], RoundingTolerance, $"{where}: hand-written ∂/∂p{i} vs generated");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Dynamic_graph_gives_the_generated_value_and_gradient(string name)
    {
        ScalarBenchmarkCase c = Find(name);
        foreach (double[] point in c.Points)
        {
            (double generatedValue, double[] generated) = WithGradient(c, "ValueAndGradient", point);
            Tensor[] leaves = point.Take(c.ActiveCount).Select(v => Tensor.Scalar(v, DType.Float64, requiresGrad: true)).ToArray();
            object?[] arguments = leaves.Cast<object?>().Concat(point.Skip(c.ActiveCount).Cast<object?>()).ToArray();
            var value = (Tensor)Invoke(c, c.Name + "Graph", arguments)!;
            value.Backward();
            string where = $"{c.Name}Graph({Format(point)})";

            Assert.Equal(DType.Float64, value.DType);
            ExpectClose(generatedValue, value.Item(), RoundingTolerance, $"{where}: value vs generated");
            for (int i = 0; i < c.ActiveCount; i++)
            {
                Tensor grad = leaves[i].Grad ?? throw new XunitException($"{where}: leaf {i} received no gradient");
                ExpectClose(generated[i], grad.Item(), RoundingTolerance, $"{where}: ∂/∂p{i} vs generated");
            }
        }
    }

    private static ScalarBenchmarkCase Find(string name) => Cases.Single(c => c.Name == name);

    private double Primal(ScalarBenchmarkCase c, double[] point) =>
        (double)Invoke(c, c.Name, point.Cast<object?>().ToArray())!;

    /// <summary>Calls <c>Name + suffix</c>(point…, out gradients…) and returns the value and the out parameters.</summary>
    private (double Value, double[] Gradient) WithGradient(ScalarBenchmarkCase c, string suffix, double[] point)
    {
        object?[] arguments = point.Cast<object?>().Concat(Enumerable.Repeat<object?>(null, c.ActiveCount)).ToArray();
        double value = (double)Invoke(c, c.Name + suffix, arguments)!;
        return (value, arguments.Skip(point.Length).Select(a => (double)a!).ToArray());
    }

    /// <summary>Central differences of the primal in the active parameters, h = 1e-6·max(1, |pᵢ|).</summary>
    private double[] FiniteDifferences(ScalarBenchmarkCase c, double[] point)
    {
        var gradient = new double[c.ActiveCount];
        for (int i = 0; i < c.ActiveCount; i++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(point[i]));
            double[] plus = (double[])point.Clone();
            double[] minus = (double[])point.Clone();
            plus[i] += h;
            minus[i] -= h;
            gradient[i] = (Primal(c, plus) - Primal(c, minus)) / (plus[i] - minus[i]);
        }

        return gradient;
    }

    private object? Invoke(ScalarBenchmarkCase c, string method, object?[] arguments)
    {
        MethodInfo info = _assembly.GetType(Namespace + c.TypeName).GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new XunitException($"{c.TypeName} has no public static {method}: the benchmark files must follow the naming convention.");
        try
        {
            return info.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static void ExpectClose(double expected, double actual, double tolerance, string what)
    {
        if (!(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected))))
        {
            throw new XunitException(
                $"{what}: expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got {actual.ToString("R", CultureInfo.InvariantCulture)} " +
                $"(relative tolerance {tolerance}).");
        }
    }

    private static string Format(double[] point) => string.Join(", ", point.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
