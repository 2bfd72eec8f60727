using System;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Benchmarks;

/// <summary>
/// The matrix probe (benchmarks/AutoDiffGen.Benchmarks/Matrix/MatrixLayer.cs, read from the repository and compiled with the
/// generator) compares like with like only if its three functions are one: the 2-D gradient, the checked one and the flat
/// span's must agree with each other and with central finite differences.
/// </summary>
public sealed class MatrixBenchmarkGradientTests : IDisposable
{
    private const int Rows = 3;
    private const int Columns = 4;

    // Weights flat and row-major in p, copied into the double[,] the 2-D methods take; each gradient flattened the same way.
    private const string Driver = """
        using System;
        using AutoDiffGen.Benchmarks.Matrix;

        public static class MatrixDriver
        {
            private const int Rows = 3, Columns = 4;

            private static double[,] Matrix(double[] p)
            {
                var w = new double[Rows, Columns];
                for (int i = 0; i < Rows; i++) for (int j = 0; j < Columns; j++) w[i, j] = p[i * Columns + j];
                return w;
            }

            private static double[] Flattened(double[,] dw, double[] dx)
            {
                var g = new double[Rows * Columns + Columns];
                for (int i = 0; i < Rows; i++) for (int j = 0; j < Columns; j++) g[i * Columns + j] = dw[i, j];
                dx.CopyTo(g, Rows * Columns);
                return g;
            }

            public static double Value(double[] p, double[] x) => MatrixLayer.Energy(Matrix(p), x);

            public static double[] Matrix2D(double[] p, double[] x)
            {
                var dw = new double[Rows, Columns];
                var dx = new double[Columns];
                MatrixLayer.EnergyValueAndGradient(Matrix(p), x, dw, dx);
                return Flattened(dw, dx);
            }

            public static double[] Checked(double[] p, double[] x)
            {
                var dw = new double[Rows, Columns];
                var dx = new double[Columns];
                MatrixLayer.EnergyCheckedValueAndGradient(Matrix(p), x, Rows, dw, dx);
                return Flattened(dw, dx);
            }

            public static double[] Flat(double[] p, double[] x)
            {
                var g = new double[Rows * Columns + Columns];
                MatrixLayer.EnergyFlatValueAndGradient(p, x, g.AsSpan(0, Rows * Columns), g.AsSpan(Rows * Columns));
                return g;
            }
        }
        """;

    private readonly CompiledAssembly _assembly;

    public MatrixBenchmarkGradientTests() =>
        _assembly = BenchmarkSources.CompileWithDriver("Matrix", "MatrixLayer.cs", "MatrixDriver.cs", Driver, "MatrixBenchmark", "matrix");

    public void Dispose() => _assembly.Dispose();

    [Fact]
    public void The_2D_checked_and_flat_gradients_agree_with_each_other_and_with_finite_differences()
    {
        var random = new Random(5);
        double[] p = Enumerable.Range(0, Rows * Columns).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] x = Enumerable.Range(0, Columns).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] matrix = Call<double[]>("Matrix2D", p, x);
        double[] check = Call<double[]>("Checked", p, x);
        double[] flat = Call<double[]>("Flat", p, x);
        for (int i = 0; i < Rows * Columns; i++)
        {
            double h = 1e-6;
            double[] plus = (double[])p.Clone(), minus = (double[])p.Clone();
            plus[i] += h;
            minus[i] -= h;
            double difference = (Call<double>("Value", plus, x) - Call<double>("Value", minus, x)) / (2 * h);
            Assert.True(matrix[i] != 0 && Math.Abs(difference - matrix[i]) < 1e-7, $"∂E/∂w{i}: 2-D {matrix[i]}, differences {difference}");
        }

        for (int i = 0; i < matrix.Length; i++)
        {
            Assert.True(Math.Abs(check[i] - matrix[i]) < 1e-14 && Math.Abs(flat[i] - matrix[i]) < 1e-14, $"component {i}: 2-D {matrix[i]}, checked {check[i]}, flat {flat[i]}");
        }
    }

    private T Call<T>(string method, params object[] arguments) => (T)_assembly.InvokeStatic("MatrixDriver", method, arguments)!;
}
