using System;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;
using AutoDiffGen.CompilerServices;
using AutoDiffGen.Runtime.Tests.Golden;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Generated;

/// <summary>
/// The gradient entries generated code calls for TensorPrimitives reductions, against PyTorch's gradients of the same
/// reductions (golden/tensor_primitives.json, tools/golden/make_tensor_primitive_golden.py): at ordinary points, and at the
/// points where PyTorch fixes a convention — ties of a maximum or minimum, a norm or distance of zero, |x| at 0, products
/// with one or two zeros, a NaN maximum.
/// </summary>
public sealed class TensorPrimitiveGradientsTests
{
    private delegate double Entry(double[][] inputs, double[][] gradients);

    private static readonly System.Collections.Generic.Dictionary<string, Entry> Entries = new()
    {
        ["Dot"] = (x, g) => TensorPrimitiveGradients.DotValueAndGradient<double>(x[0], x[1], g[0], g[1]),
        ["Distance"] = (x, g) => TensorPrimitiveGradients.DistanceValueAndGradient<double>(x[0], x[1], g[0], g[1]),
        ["Sum"] = (x, g) => TensorPrimitiveGradients.SumValueAndGradient<double>(x[0], g[0]),
        ["SumOfSquares"] = (x, g) => TensorPrimitiveGradients.SumOfSquaresValueAndGradient<double>(x[0], g[0]),
        ["SumOfMagnitudes"] = (x, g) => TensorPrimitiveGradients.SumOfMagnitudesValueAndGradient<double>(x[0], g[0]),
        ["Norm"] = (x, g) => TensorPrimitiveGradients.NormValueAndGradient<double>(x[0], g[0]),
        ["Product"] = (x, g) => TensorPrimitiveGradients.ProductValueAndGradient<double>(x[0], g[0]),
        ["Max"] = (x, g) => TensorPrimitiveGradients.MaxValueAndGradient<double>(x[0], g[0]),
        ["Min"] = (x, g) => TensorPrimitiveGradients.MinValueAndGradient<double>(x[0], g[0]),
    };

    public static TheoryData<int> CaseIndices()
    {
        var data = new TheoryData<int>();
        int count = GoldenData.Load("tensor_primitives").GetProperty("cases").GetArrayLength();
        for (int i = 0; i < count; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Value_and_gradients_match_PyTorch(int index)
    {
        JsonElement c = GoldenData.Load("tensor_primitives").GetProperty("cases")[index];
        string op = c.GetProperty("op").GetString()!;
        double[][] inputs = c.GetProperty("inputs").EnumerateArray().Select(Vector).ToArray();
        double[][] expected = c.GetProperty("gradients").EnumerateArray().Select(Vector).ToArray();
        // Garbage first: an entry overwrites its partials.
        double[][] gradients = inputs.Select(v => Enumerable.Repeat(double.NaN, v.Length).ToArray()).ToArray();

        double value = Entries[op](inputs, gradients);

        string where = $"{op}({string.Join("; ", inputs.Select(v => string.Join(", ", v)))})";
        AssertClose(Number(c.GetProperty("value")), value, where + " value");
        for (int k = 0; k < expected.Length; k++)
        for (int i = 0; i < expected[k].Length; i++)
        {
            AssertClose(expected[k][i], gradients[k][i], $"{where} ∂/∂operand{k}[{i}]");
        }
    }

    [Fact]
    public void An_empty_partial_is_an_operand_not_differentiated_and_the_other_partial_is_still_right()
    {
        double[] x = { 0.5, -1.25, 2.0 }, y = { 1.5, 0.25, -0.75 };
        var dx = new double[3];
        var dy = new double[3];
        Assert.Equal(-1.0625, TensorPrimitiveGradients.DotValueAndGradient<double>(x, y, Span<double>.Empty, dy));
        Assert.Equal(x, dy);
        TensorPrimitiveGradients.DotValueAndGradient<double>(x, y, dx, Span<double>.Empty);
        Assert.Equal(y, dx);

        double distance = TensorPrimitiveGradients.DistanceValueAndGradient<double>(x, y, Span<double>.Empty, dy);
        Assert.Equal(new[] { 1.0, 1.5, -2.75 }.Select(v => v / distance), dy, (a, b) => Math.Abs(a - b) < 1e-15);
        TensorPrimitiveGradients.DistanceValueAndGradient<double>(x, y, dx, Span<double>.Empty);
        Assert.Equal(new[] { -1.0, -1.5, 2.75 }.Select(v => v / distance), dx, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void A_single_operand_entry_given_an_empty_partial_returns_the_value_alone()
    {
        double[] x = { 0.5, -1.25, 2.0 };
        Assert.Equal(TensorPrimitives.Sum<double>(x), TensorPrimitiveGradients.SumValueAndGradient<double>(x, Span<double>.Empty));
        Assert.Equal(TensorPrimitives.SumOfSquares<double>(x), TensorPrimitiveGradients.SumOfSquaresValueAndGradient<double>(x, Span<double>.Empty));
        Assert.Equal(TensorPrimitives.SumOfMagnitudes<double>(x), TensorPrimitiveGradients.SumOfMagnitudesValueAndGradient<double>(x, Span<double>.Empty));
        Assert.Equal(TensorPrimitives.Norm<double>(x), TensorPrimitiveGradients.NormValueAndGradient<double>(x, Span<double>.Empty));
        Assert.Equal(TensorPrimitives.Product<double>(x), TensorPrimitiveGradients.ProductValueAndGradient<double>(x, Span<double>.Empty));
        Assert.Equal(2.0, TensorPrimitiveGradients.MaxValueAndGradient<double>(x, Span<double>.Empty));
        Assert.Equal(-1.25, TensorPrimitiveGradients.MinValueAndGradient<double>(x, Span<double>.Empty));
    }

    [Fact]
    public void Operands_of_different_lengths_throw_what_TensorPrimitives_throws()
    {
        var partial = new double[3];
        var expected = Assert.Throws<ArgumentException>(() => System.Numerics.Tensors.TensorPrimitives.Dot<double>(new double[3], new double[2]));
        var actual = Assert.Throws<ArgumentException>(() => TensorPrimitiveGradients.DotValueAndGradient<double>(new double[3], new double[2], partial, new double[2]));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Throws<ArgumentException>(() => TensorPrimitiveGradients.MaxValueAndGradient<double>(ReadOnlySpan<double>.Empty, Span<double>.Empty));
    }

    private static double[] Vector(JsonElement array) => array.EnumerateArray().Select(Number).ToArray();

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.String ? double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : e.GetDouble();

    private static void AssertClose(double expected, double actual, string what)
    {
        bool close = double.IsNaN(expected) ? double.IsNaN(actual) : Math.Abs(expected - actual) <= 1e-12 + 1e-12 * Math.Abs(expected);
        Assert.True(close, $"{what}: PyTorch {expected:R}, ours {actual:R}");
    }
}
