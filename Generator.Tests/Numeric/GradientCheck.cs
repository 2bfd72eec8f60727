using System;
using System.Globalization;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit.Sdk;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>
/// Checks a case's generated derivatives against central finite differences in float64:
/// ∂F/∂xᵢ ≈ (F(x + h eᵢ) − F(x − h eᵢ)) / 2h with h = 1e-6·max(1, |xᵢ|), whose truncation and
/// rounding errors (~1e-10 relative) are far below the tolerance. Float methods are differenced on
/// their double twin and compared with a tolerance that float32 arithmetic can meet.
/// </summary>
public static class GradientCheck
{
    private const double DoubleTolerance = 1e-6;
    private const double FloatTolerance = 2e-4;

    public static void Run(CompiledCases compiled, NumericCase c)
    {
        CompiledAssembly assembly = compiled.AssemblyFor(c);
        double tolerance = c.IsFloat ? FloatTolerance : DoubleTolerance;
        int activeCount = c.Active.Count();
        foreach (double[] point in c.Points)
        {
            if (point.Length != activeCount)
            {
                throw new InvalidOperationException($"Case '{c.Name}': point has {point.Length} values for {activeCount} active parameters.");
            }

            double value = Call(assembly, c, "Value", point);
            double[] fused = CallArray(assembly, c, "Fused", point);
            double[] twice = CallArray(assembly, c, "ForwardBackwardTwice", point);
            double[] expected = FiniteDifferenceGradient(assembly, c, point);
            string where = $"case '{c.Name}' at ({Format(point)})";

            ExpectClose(value, fused[0], c.IsFloat ? 1e-6 : 1e-12, $"{where}: fused value vs F");
            ExpectClose(value, twice[0], c.IsFloat ? 1e-6 : 1e-12, $"{where}: Forward value vs F");
            for (int i = 0; i < activeCount; i++)
            {
                string parameter = c.Active.ElementAt(i).Name;
                ExpectClose(expected[i], fused[1 + i], tolerance, $"{where}: fused ∂F/∂{parameter} vs finite differences");
                ExpectClose(3 * expected[i], twice[1 + i], tolerance,
                    $"{where}: Backward with seeds 1 then 2 must accumulate 3·∂F/∂{parameter}");
            }
        }
    }

    private static double[] FiniteDifferenceGradient(CompiledAssembly assembly, NumericCase c, double[] point)
    {
        var gradient = new double[point.Length];
        for (int i = 0; i < point.Length; i++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(point[i]));
            double[] plus = (double[])point.Clone();
            double[] minus = (double[])point.Clone();
            plus[i] += h;
            minus[i] -= h;
            gradient[i] = (Call(assembly, c, "Reference", plus) - Call(assembly, c, "Reference", minus)) / (plus[i] - minus[i]);
        }

        return gradient;
    }

    private static void ExpectClose(double expected, double actual, double tolerance, string what)
    {
        bool close = Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected));
        if (!close || double.IsNaN(actual))
        {
            throw new XunitException(
                $"{what}: expected {expected.ToString("R", CultureInfo.InvariantCulture)}, " +
                $"got {actual.ToString("R", CultureInfo.InvariantCulture)} (relative tolerance {tolerance}).");
        }
    }

    private static double Call(CompiledAssembly assembly, NumericCase c, string method, double[] point) =>
        (double)assembly.InvokeStatic("NumericCases." + c.DriverName, method, new object[] { point })!;

    private static double[] CallArray(CompiledAssembly assembly, NumericCase c, string method, double[] point) =>
        (double[])assembly.InvokeStatic("NumericCases." + c.DriverName, method, new object[] { point })!;

    private static string Format(double[] point) =>
        string.Join(", ", point.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
