using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using AutoDiffGen.Kernels;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Kernels;

/// <summary>
/// VectorMath against the platform's Math functions evaluated in float64 (rounded to float for the float32
/// functions), element by element, over wide ranges and every special value. float32 results must be within
/// a few ulp; float64 results within a small relative error. Both vector widths are checked directly.
/// </summary>
public class VectorMathTests
{
    private const long FloatUlpBound = 3;
    private const double DoubleRelativeBound = 1e-15;

    public static IEnumerable<object[]> Functions() =>
    [
        ["Exp"], ["Tanh"], ["Sigmoid"], ["Log"],
    ];

    [Theory]
    [MemberData(nameof(Functions))]
    public void FloatMatchesReferenceWithinAFewUlp(string function)
    {
        float[] inputs = FloatInputs();
        float[] actual = new float[inputs.Length];
        ApplyFloat(function, inputs, actual);
        AssertFloatClose(function, inputs, actual, "Vector" + (Vector512.IsHardwareAccelerated ? "512" : "256"));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void FloatVector256PathMatchesReference(string function)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return; // Nothing to check: without 256-bit hardware the path is never taken.
        }
        float[] inputs = FloatInputs();
        float[] actual = new float[inputs.Length];
        for (int i = 0; i + 8 <= inputs.Length; i += 8)
        {
            Vector256<float> x = Vector256.Create(inputs.AsSpan(i, 8));
            VectorFloat256(function, x).CopyTo(actual.AsSpan(i, 8));
        }
        int whole = inputs.Length / 8 * 8;
        AssertFloatClose(function, inputs[..whole], actual[..whole], "Vector256");
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void DoubleMatchesReferenceToAboutOnePartIn1e15(string function)
    {
        double[] inputs = DoubleInputs();
        double[] actual = new double[inputs.Length];
        ApplyDouble(function, inputs, actual);
        AssertDoubleClose(function, inputs, actual, "default width");

        if (Vector256.IsHardwareAccelerated)
        {
            var narrow = new double[inputs.Length / 4 * 4];
            for (int i = 0; i < narrow.Length; i += 4)
            {
                VectorDouble256(function, Vector256.Create(inputs.AsSpan(i, 4))).CopyTo(narrow.AsSpan(i, 4));
            }
            AssertDoubleClose(function, inputs[..narrow.Length], narrow, "Vector256");
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void InPlaceGivesTheSameResultAsOutOfPlace(string function)
    {
        float[] inputs = FloatInputs();
        float[] separate = new float[inputs.Length];
        ApplyFloat(function, inputs, separate);
        float[] inPlace = (float[])inputs.Clone();
        ApplyFloat(function, inPlace, inPlace);
        Assert.Equal(separate, inPlace);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    public void EveryLengthIsComputedAndNothingPastItIsWritten(int length)
    {
        var rng = new Random(length);
        float[] x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(rng.NextDouble() * 10 - 5);
        }
        float[] destination = new float[length + 3];
        destination.AsSpan().Fill(42f);
        VectorMath.Tanh(x, destination);
        for (int i = 0; i < length; i++)
        {
            Assert.True(FloatUlps(destination[i], (float)Math.Tanh(x[i])) <= FloatUlpBound, $"tanh({x[i]}) = {destination[i]}");
        }
        Assert.Equal(new[] { 42f, 42f, 42f }, destination[length..]);
    }

    [Fact]
    public void SpecialValuesFollowIeeeConventions()
    {
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, -1f];
        float[] y = new float[x.Length];

        VectorMath.Exp(x, y);
        Assert.Equal(new[] { float.NaN, float.PositiveInfinity, 0f, 1f, 1f, (float)Math.Exp(-1) }, y);
        VectorMath.Log(x, y);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(float.PositiveInfinity, y[1]);
        Assert.True(float.IsNaN(y[2]));                       // log of a negative number
        Assert.Equal(float.NegativeInfinity, y[3]);
        Assert.Equal(float.NegativeInfinity, y[4]);
        Assert.True(float.IsNaN(y[5]));
        VectorMath.Tanh(x, y);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(1f, y[1]);
        Assert.Equal(-1f, y[2]);
        Assert.True(float.IsPositive(y[3]) && y[3] == 0f);
        Assert.True(float.IsNegative(y[4]) && y[4] == 0f);    // tanh keeps the sign of zero
        VectorMath.Sigmoid(x, y);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(1f, y[1]);
        Assert.Equal(0f, y[2]);
        Assert.Equal(0.5f, y[3]);
    }

    [Fact]
    public void TanhAndSigmoidAreExactAtTheEdgesOfTheirRange()
    {
        // Tiny inputs (subnormal included): tanh x = x and σ(x) = ½ once x is below float resolution around ½;
        // large ones saturate to ±1, 1 and 0 exactly, with no NaN from an overflowing intermediate.
        float[] x = [1e-30f, -1e-30f, float.Epsilon, -float.Epsilon, 1e-39f, 3e-8f, -3e-8f, 9.01f, 40f, -40f, 1e30f, -1e30f,
            float.MaxValue, float.MinValue, 88f, -88f, -103f, -200f];
        float[] tanh = new float[x.Length], sigmoid = new float[x.Length];
        VectorMath.Tanh(x, tanh);
        VectorMath.Sigmoid(x, sigmoid);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(FloatUlps(tanh[i], (float)Math.Tanh(x[i])) <= 1, $"tanh({x[i]:R}) = {tanh[i]:R}, expected {(float)Math.Tanh(x[i]):R}");
            float expected = (float)Reference("Sigmoid", x[i]);
            Assert.True(FloatUlps(sigmoid[i], expected) <= 1, $"sigmoid({x[i]:R}) = {sigmoid[i]:R}, expected {expected:R}");
        }
        Assert.Equal(float.Epsilon, tanh[2]);                 // the smallest subnormal survives unchanged
        Assert.Equal(-1f, tanh[11]);
        Assert.Equal(1f, sigmoid[10]);
        Assert.Equal(0f, sigmoid[17]);
        Assert.True(sigmoid[16] > 0f && float.IsSubnormal(sigmoid[16]), $"sigmoid(-103) = {sigmoid[16]:R} should be a subnormal");
    }

    [Fact]
    public void BackwardKernelsComputeTheActivationDerivatives()
    {
        var rng = new Random(3);
        const int length = 37;
        double[] y = new double[length], grad = new double[length], tanhBack = new double[length], sigmoidBack = new double[length];
        for (int i = 0; i < length; i++)
        {
            y[i] = rng.NextDouble() * 2 - 1;
            grad[i] = rng.NextDouble() * 4 - 2;
        }
        VectorMath.TanhBackward(y, grad, tanhBack);
        VectorMath.SigmoidBackward(y, grad, sigmoidBack);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(grad[i] * (1 - y[i] * y[i]), tanhBack[i], 1e-15);
            Assert.Equal(grad[i] * y[i] * (1 - y[i]), sigmoidBack[i], 1e-15);
        }

        float[] yf = [0.5f, -0.25f, 0.9f], gradF = [2f, 4f, -1f];
        VectorMath.TanhBackward(yf, gradF, gradF);            // in place over the gradient
        Assert.Equal(new[] { 1.5f, 3.75f, -0.19f }, gradF, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void ShortDestinationIsRejectedNamingTheOperation()
    {
        var error = Assert.Throws<ArgumentException>(() => VectorMath.Exp(new float[4], new float[3]));
        Assert.Contains("VectorMath.Exp", error.Message);
        Assert.Contains("destination has 3 elements but x has 4", error.Message);

        var mismatch = Assert.Throws<ArgumentException>(() => VectorMath.SigmoidBackward(new double[4], new double[5], new double[5]));
        Assert.Contains("y has 4 elements but grad has 5", mismatch.Message);
    }

    [Fact]
    public void ShiftedOverlapIsRejected()
    {
        float[] buffer = new float[20];
        var error = Assert.Throws<ArgumentException>(() => VectorMath.Log(buffer.AsSpan(0, 16), buffer.AsSpan(1, 16)));
        Assert.Contains("overlaps", error.Message);
    }

    private static float[] FloatInputs()
    {
        var values = new List<float>
        {
            float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon,
            1.17549435e-38f, -1.17549435e-38f, 1e-39f, float.MaxValue, float.MinValue, 1f, -1f,
            88.7228f, 88.72284f, 88.8f, -87.33655f, -87.4f, -103.2f, -103.97f, -104.5f, 9.01f, -9.01f, 20f,
            0.34657359f, -0.34657359f, 0.7071068f, 1.4142135f, 0.5f, 2f, 1e-7f, -1e-7f,
        };
        // Magnitudes from subnormal to near overflow, both signs, logarithmically spaced.
        for (double e = -45; e <= 38.5; e += 0.01)
        {
            float v = (float)Math.Pow(10, e);
            values.Add(v);
            values.Add(-v);
        }
        // A dense uniform grid where the functions do their interesting work.
        for (int i = 0; i <= 40000; i++)
        {
            values.Add(-110f + i * (220f / 40000));
        }
        var rng = new Random(11);
        for (int i = 0; i < 20000; i++)
        {
            values.Add(BitConverter.Int32BitsToSingle(rng.Next()) * (rng.Next(2) == 0 ? 1 : -1));
        }
        return values.ToArray();
    }

    private static double[] DoubleInputs()
    {
        var values = new List<double>
        {
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.0, double.Epsilon, -double.Epsilon,
            2.2250738585072014e-308, 1e-310, double.MaxValue, double.MinValue, 1, -1, 709.78, 709.79, 710, -708.4,
            -744.44, -745.13, -746, 19.06, -19.06, 0.34657359027997264, 0.7071067811865476, 1.4142135623730951,
        };
        for (double e = -320; e <= 308; e += 0.05)
        {
            double v = Math.Pow(10, e);
            values.Add(v);
            values.Add(-v);
        }
        for (int i = 0; i <= 40000; i++)
        {
            values.Add(-760 + i * (1520.0 / 40000));
        }
        for (int i = 0; i <= 20000; i++)
        {
            values.Add(-25 + i * (50.0 / 20000));
        }
        return values.ToArray();
    }

    private static void ApplyFloat(string function, ReadOnlySpan<float> x, Span<float> y)
    {
        switch (function)
        {
            case "Exp": VectorMath.Exp(x, y); break;
            case "Tanh": VectorMath.Tanh(x, y); break;
            case "Sigmoid": VectorMath.Sigmoid(x, y); break;
            default: VectorMath.Log(x, y); break;
        }
    }

    private static void ApplyDouble(string function, ReadOnlySpan<double> x, Span<double> y)
    {
        switch (function)
        {
            case "Exp": VectorMath.Exp(x, y); break;
            case "Tanh": VectorMath.Tanh(x, y); break;
            case "Sigmoid": VectorMath.Sigmoid(x, y); break;
            default: VectorMath.Log(x, y); break;
        }
    }

    private static Vector256<float> VectorFloat256(string function, Vector256<float> x) => function switch
    {
        "Exp" => VectorMathFloatCores<Vector256<float>, Simd256<float>>.Exp(x),
        "Tanh" => VectorMathFloatCores<Vector256<float>, Simd256<float>>.Tanh(x),
        "Sigmoid" => VectorMathFloatCores<Vector256<float>, Simd256<float>>.Sigmoid(x),
        _ => VectorMathFloatCores<Vector256<float>, Simd256<float>>.Log(x),
    };

    private static Vector256<double> VectorDouble256(string function, Vector256<double> x) => function switch
    {
        "Exp" => VectorMathDoubleCores<Vector256<double>, Simd256<double>>.Exp(x),
        "Tanh" => VectorMathDoubleCores<Vector256<double>, Simd256<double>>.Tanh(x),
        "Sigmoid" => VectorMathDoubleCores<Vector256<double>, Simd256<double>>.Sigmoid(x),
        _ => VectorMathDoubleCores<Vector256<double>, Simd256<double>>.Log(x),
    };

    /// <summary>The function evaluated in float64 by the platform library: the oracle for both precisions.</summary>
    private static double Reference(string function, double x) => function switch
    {
        "Exp" => Math.Exp(x),
        "Tanh" => Math.Tanh(x),
        "Sigmoid" => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x)),
        _ => Math.Log(x),
    };

    private static void AssertFloatClose(string function, float[] inputs, float[] actual, string path)
    {
        long worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < inputs.Length; i++)
        {
            float expected = (float)Reference(function, inputs[i]);
            long ulps = FloatUlps(actual[i], expected);
            if (ulps > worst)
            {
                worst = ulps;
                worstIndex = i;
            }
        }
        Assert.True(worst <= FloatUlpBound,
            $"{function} ({path}): {worst} ulp at x = {(worstIndex >= 0 ? inputs[worstIndex].ToString("R") : "")}: " +
            $"got {(worstIndex >= 0 ? actual[worstIndex].ToString("R") : "")}, " +
            $"expected {(worstIndex >= 0 ? ((float)Reference(function, inputs[worstIndex])).ToString("R") : "")}");
    }

    private static void AssertDoubleClose(string function, double[] inputs, double[] actual, string path)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            double expected = Reference(function, inputs[i]);
            double got = actual[i];
            bool ok = double.IsNaN(expected) ? double.IsNaN(got)
                : double.IsInfinity(expected) ? got == expected
                // Near the bottom of the subnormal range relative error is meaningless: allow 2 units of the last place.
                : Math.Abs(got - expected) <= DoubleRelativeBound * Math.Abs(expected) + 2 * double.Epsilon;
            Assert.True(ok, $"{function} ({path}) at x = {inputs[i]:R}: got {got:R}, expected {expected:R}");
        }
    }

    /// <summary>Distance in representable floats; 0 when both are NaN, huge when only one is.</summary>
    private static long FloatUlps(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b))
        {
            return float.IsNaN(a) && float.IsNaN(b) ? 0 : long.MaxValue;
        }
        return Math.Abs(Ordered(a) - Ordered(b));

        static long Ordered(float value)
        {
            int bits = BitConverter.SingleToInt32Bits(value);
            return bits < 0 ? int.MinValue - (long)bits : bits;
        }
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
