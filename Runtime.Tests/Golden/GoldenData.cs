using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Sdk;

namespace AutoDiffGen.Runtime.Tests.Golden;

/// <summary>
/// Reads the PyTorch golden files (Runtime.Tests/golden/*.json, written by tools/golden/make_golden.py)
/// and compares our float64 results to them. A tensor is stored as {"shape": [...], "data": [...]}.
/// </summary>
internal static class GoldenData
{
    /// <summary>Relative tolerance: PyTorch and we both compute in float64, so only rounding order differs.</summary>
    public const double RelativeTolerance = 1e-10;

    /// <summary>Absolute floor for values that are (nearly) zero, where a relative test means nothing.</summary>
    public const double AbsoluteTolerance = 1e-12;

    private static readonly Dictionary<string, JsonElement> Cache = new();

    public static JsonElement Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var root))
            {
                string path = Path.Combine(AppContext.BaseDirectory, "golden", name + ".json");
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                root = document.RootElement.Clone();
                Cache[name] = root;
            }
            return root;
        }
    }

    /// <summary>The element of array <paramref name="arrayName"/> whose <paramref name="key"/> property equals <paramref name="value"/>.</summary>
    public static JsonElement Find(JsonElement parent, string arrayName, string key, string value)
    {
        foreach (var item in parent.GetProperty(arrayName).EnumerateArray())
        {
            if (item.GetProperty(key).GetString() == value) return item;
        }
        throw new XunitException($"golden: no entry with {key}=\"{value}\" in \"{arrayName}\".");
    }

    public static int[] Shape(JsonElement tensor) =>
        tensor.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static double[] Data(JsonElement tensor) =>
        tensor.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>A new float64 leaf tensor holding the golden values.</summary>
    public static Tensor Tensor(JsonElement tensor, bool requiresGrad = false)
    {
        int[] shape = Shape(tensor);
        double[] data = Data(tensor);
        var result = shape.Length == 0
            ? AutoDiffGen.Tensor.Scalar(data[0], DType.Float64)
            : AutoDiffGen.Tensor.FromArray(data, shape);
        return result.RequiresGrad_(requiresGrad);
    }

    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static void AssertClose(double expected, double actual, string what)
    {
        if (!IsClose(expected, actual))
        {
            throw new XunitException($"{what}: expected {expected:R} (PyTorch), got {actual:R}.");
        }
    }

    public static void AssertClose(JsonElement expected, Tensor? actual, string what)
    {
        Assert.True(actual is not null, $"{what}: expected a tensor, got null.");
        int[] expectedShape = Shape(expected);
        Assert.True(expectedShape.SequenceEqual(actual!.Shape),
            $"{what}: expected shape [{string.Join(", ", expectedShape)}], got [{string.Join(", ", actual.Shape)}].");
        Assert.Equal(DType.Float64, actual.DType);
        double[] want = Data(expected);
        double[] got = actual.ToDoubleArray();
        Assert.Equal(want.Length, got.Length);
        for (int i = 0; i < want.Length; i++)
        {
            if (!IsClose(want[i], got[i]))
            {
                throw new XunitException($"{what}[{i}] (flat index): expected {want[i]:R} (PyTorch), got {got[i]:R}.");
            }
        }
    }

    private static bool IsClose(double expected, double actual) =>
        Math.Abs(expected - actual) <= AbsoluteTolerance + RelativeTolerance * Math.Abs(expected);
}
