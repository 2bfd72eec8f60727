using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Sources the robustness fuzz cuts and mutates: the CurveFit sample a newcomer starts from, and
/// snippets that use every kind of member the generator and analyzer look at. Each declares its
/// types under the file-scoped namespace <c>Demo</c>, which the fuzz renames per mutant so that
/// many mutants can share one compilation without their types colliding.
/// </summary>
public static class RobustnessSources
{
    public const string NamespaceLine = "namespace Demo;";

    public static string CurveFitSample([CallerFilePath] string thisFile = "")
    {
        string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
        string text = File.ReadAllText(Path.Combine(root, "samples", "CurveFit", "DampedOscillator.cs"));
        return text.Replace("namespace CurveFit;", NamespaceLine, System.StringComparison.Ordinal);
    }

    public static IReadOnlyList<(string Name, string Text)> All() => new[]
    {
        ("CurveFitSample", CurveFitSample()),
        ("RulesAndBranches", RulesAndBranches),
        ("ShapesOfMethods", ShapesOfMethods),
        ("LoopsAndCollections", LoopsAndCollections),
        ("SpanViews", SpanViews),
        ("WriterCallees", WriterCallees),
        ("Arrays2D", Arrays2D),
        ("JaggedArrays", JaggedArrays),
        ("LocalFunctions", LocalFunctions),
        // A generated program's mutants found FB-11 (a loop-body array declaration without a name, `double[] = new double[3];`,
        // made the loop-array parser throw); GeneratorRobustnessTests keeps that member as a regression. The program seed 7
        // gave before reductions: the one it gives with the flags added since is a fifth longer, but its every prefix took
        // 4½ minutes against 1½, the longest test of the suite.
        ("GeneratedProgram", "using System;\nusing AutoDiffGen;\n\n" + NamespaceLine + "\n\n" +
                             ProgramPrinter.ToCSharp(ProgramGenerator.Generate(7, FuzzFeatures.BeforeReductions), "Generated")),
    };

    private const string RulesAndBranches = """
        using System;
        using AutoDiffGen;

        namespace Demo;

        public static class Special
        {
            public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
        }

        public static class Rules
        {
            [DerivativeOf(typeof(Special), nameof(Special.Softplus))]
            public static double SoftplusDerivative(double x, out double dx)
            {
                dx = 1 / (1 + Math.Exp(-x));
                return Special.Softplus(x);
            }
        }

        public static partial class Piecewise
        {
            [Differentiable]
            public static double Energy(double x, double y, int n, [NoDerivative] double c)
            {
                double s = x * c;
                s += Math.Sin(y);
                if (n > 2 && x < y) { s *= s; } else if (n == 0) { return Special.Softplus(s); }
                switch (n) { case 1: s -= y; break; default: s /= 2; break; }
                double r = s switch { < 0 => -s, > 10 => Math.Sqrt(s), _ => s };
                r++;
                return r + Square(x - y) + (x > 0 ? x : 0.1 * x) + Math.Max(x, y) * Math.Atan2(y, 1 + x * x);
            }

            [Differentiable]
            public static double Square(double v) => v * v;
        }
        """;

    // Loops, arrays declared in them, collection callees, extension and instance calls on other objects, is patterns, throws.
    private const string LoopsAndCollections = """
        using System;
        using AutoDiffGen;

        namespace Demo;

        public static partial class Helpers
        {
            [Differentiable]
            public static double Norm(this double[] v)
            {
                double s = 0;
                foreach (double e in v) s += e * e;
                return Math.Sqrt(s);
            }
        }

        public sealed partial class Model
        {
            public static Model Default { get; } = new();
            private readonly double _bias = 0.5;

            [Differentiable]
            public double Score(ReadOnlySpan<double> x, double w) => x[0] * w + _bias;
        }

        public static partial class Kernels
        {
            [Differentiable]
            public static double Loss(ReadOnlySpan<double> x, double[] w, int d)
            {
                if (x.Length % d != 0) throw new ArgumentException("x must hold whole points", nameof(x));
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    double[] centred = new double[d];
                    for (int j = 0; j < d; j++)
                    {
                        centred[j] = x[p * d + j] - w[j];
                    }

                    double n = centred.Norm();
                    total += n is > 1.0 and < 10.0 ? Math.Log(n) : Model.Default.Score(centred, w[0]);
                }

                return total;
            }
        }
        """;

    // Views of every form the parser takes: declared, of views, in loops, in a foreach, as arguments, written through.
    private const string SpanViews = """
        using System;
        using AutoDiffGen;

        namespace Demo;

        public static partial class Layers
        {
            [Differentiable]
            public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
                return s;
            }

            [Differentiable]
            public static double Dense(ReadOnlySpan<double> w, double[] x, int width)
            {
                double[] hidden = new double[x.Length + 1];
                Span<double> body = hidden.AsSpan(1, x.Length);
                for (int j = 0; j < body.Length; j++) body[j] = x[j] * 0.5;
                double total = 0;
                for (int r = 0; r < w.Length / width; r++)
                {
                    ReadOnlySpan<double> row = w.Slice(r * width, width);
                    ReadOnlySpan<double> tail = row[1..^0];
                    foreach (double v in tail[..]) total += v * row[0];
                    total += Math.Tanh(Dot(row, hidden.AsSpan(0, width)) + Dot(x.AsSpan(1), tail));
                }

                return total;
            }
        }
        """;

    // Rectangular 2-D arrays: a parameter read and written, locals before and inside loops, foreach, GetLength, a writer.
    private const string Arrays2D = """
        using System;
        using AutoDiffGen;

        namespace Demo;

        public partial class Grids
        {
            [Differentiable]
            public static void Outer(ReadOnlySpan<double> u, double[,] m)
            {
                for (int i = 0; i < m.GetLength(0); i++)
                    for (int j = 0; j < m.GetLength(1); j++) m[i, j] = u[i] * u[j % u.Length];
            }

            [Differentiable]
            public static double Energy(double[,] w, ReadOnlySpan<double> x, float[,] passive, int[,] counts)
            {
                double[,] product = new double[w.GetLength(0), x.Length];
                Outer(x, product);
                double e = w.Length + counts[0, 0];
                for (int i = 0; i < w.GetLength(0); i++)
                {
                    double[,] scratch = new double[w.GetLength(1) + 1, 2];
                    for (int j = 0; j < w.GetLength(1); j++)
                    {
                        scratch[j % 2, i % 2] += w[i, j] * x[j] * product[i, j];
                        if (scratch[0, 0] > 3) break;
                    }

                    e += scratch[0, 0] * scratch[1, 1] + passive[i % passive.GetLength(0), 0];
                }

                foreach (double v in product) e += Math.Tanh(v);
                return e;
            }

            private readonly double _decay = 0.5;

            // Overloads that differ in an array's rank: distinct tapes (Total_double__, Total_double___) and entries.
            [Differentiable]
            public static double Total(double[] v) => v[0] + v[v.Length - 1];

            [Differentiable]
            public static double Total(double[,] m) => m[0, 0] * m[m.GetLength(0) - 1, m.GetLength(1) - 1];

            [Differentiable]
            public double Decayed(double[,] field) => field[0, 0] * _decay + field.Length;

            [Differentiable]
            public static double Smooth(double[,] field, double rate)
            {
                for (int i = 1; i < field.GetLength(0); i++)
                    for (int j = 0; j < field.GetLength(1); j++) field[i, j] = field[i - 1, j] * rate + Math.Sin(field[i, j]);
                return field[field.GetLength(0) - 1, 0];
            }
        }
        """;

    // Jagged arrays: rows by index, by a local and by foreach, measured, passed to a callee; a [NoDerivative] one beside a 2-D one.
    private const string JaggedArrays = """
        using System;
        using AutoDiffGen;

        namespace Demo;

        public static partial class Ragged
        {
            [Differentiable]
            public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
            {
                double s = 0;
                for (int j = 0; j < a.Length; j++) s += a[j] * b[j];
                return s;
            }

            [Differentiable]
            public static double Layer(double[][] w, float[][] passive, ReadOnlySpan<double> x)
            {
                double total = w[w.Length - 1][0] + passive[0].Length;
                for (int i = 0; i < w.Length; i++)
                {
                    double[] row = w[i];
                    for (int j = 0; j < w[i].Length; j++) total += w[i][j] * row[j];
                    total += Math.Tanh(Dot(w[i], x) + Dot(row, x));
                }

                foreach (var row in w)
                    foreach (double v in row) total += v * row.Length;
                return total;
            }

            [Differentiable]
            public static double Fit([NoDerivative] double[][] data, [NoDerivative] double[,] weights, double[] theta)
            {
                double loss = 0;
                foreach (double[] sample in data) loss += sample[0] * theta[0] * weights[0, 0];
                return loss;
            }
        }
        """;

    // Callees that write their arguments: void and valued, calling each other, given views, in loops and branches.
    private const string WriterCallees = """
        using System;
        using AutoDiffGen;

        namespace Demo;

        public static partial class Steps
        {
            [Differentiable]
            public static void Dense(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y)
            {
                for (int i = 0; i < y.Length; i++)
                {
                    double s = 0;
                    for (int j = 0; j < x.Length; j++) s += w[i * x.Length + j] * x[j];
                    y[i] = Math.Tanh(s);
                }
            }

            [Differentiable]
            public static double Normalize(Span<double> v)
            {
                double norm = 0;
                foreach (double e in v) norm += e * e;
                norm = Math.Sqrt(norm);
                for (int i = 0; i < v.Length; i++) v[i] /= norm;
                return norm;
            }

            [Differentiable]
            public static void Block(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> hidden, Span<double> y)
            {
                Dense(w, x, hidden);
                Dense(w, hidden, y);
            }

            [Differentiable]
            public static double Run(ReadOnlySpan<double> w, ReadOnlySpan<double> x, int steps)
            {
                double[] state = new double[4];
                double[] next = new double[4];
                double total = 0;
                for (int s = 0; s < steps; s++)
                {
                    Block(w, x, state.AsSpan(0, 2), next.AsSpan(2, 2));
                    if (next[2] > 0) total += Normalize(next);
                    else Dense(w, next.AsSpan(2), state.AsSpan(2, 2));
                    (state, next) = (next, state);
                }

                return total + state[1];
            }
        }
        """;

    private const string ShapesOfMethods = """
        using System;
        using AutoDiffGen;

        namespace Demo;

        public partial class Outer
        {
            public partial class Body
            {
                private double _mass = 2.0;

                [Differentiable]
                public double Kinetic(double v) => 0.5 * _mass * v * v;

                [Differentiable]
                public static float Damped(float x, float k) => MathF.Exp(-k * x) * MathF.Cos(x);

                [Differentiable]
                public static double Hypot(double a, double b) => Math.Sqrt(Math.FusedMultiplyAdd(a, a, b * b));

                [Differentiable]
                public static double Overloaded(double a) => Math.Tanh(a) + Math.Cbrt(a * a + 1);

                [Differentiable]
                public static double Overloaded(double a, double b) => Math.Pow(Math.Abs(a) + 1, b) - Math.Floor(b);
            }
        }
        """;

    private const string LocalFunctions = """
        using System;
        using AutoDiffGen;

        namespace Demo;

        public static partial class Fitting
        {
            [Differentiable]
            public static double Loss(double slope, double offset, double[] x, double[] y)
            {
                double Residual(int i) => y[i] - (slope * x[i] + offset);
                static double SmoothAbs(double v)
                {
                    double soft = Math.Sqrt(v * v + 1e-3);
                    return soft - Math.Sqrt(1e-3);
                }

                double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> w)
                {
                    double s = 0;
                    for (int k = 0; k < u.Length; k++) s += u[k] * w[k];
                    return s;
                }

                double loss = Dot(x, y) > 0 ? Residual(0) * Residual(0) : 0;
                for (int i = 0; i < x.Length; i++) loss += SmoothAbs(Residual(i));
                return loss;
            }
        }
        """;
}
