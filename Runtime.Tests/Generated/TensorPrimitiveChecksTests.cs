using System;
using System.Numerics.Tensors;
using AutoDiffGen.CompilerServices;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Generated;

/// <summary>
/// TensorPrimitiveChecks stands in for the checks of TensorPrimitives' elementwise methods in generated code, so over a
/// grid of lengths and of views of one array as operands and destination, it must accept exactly what TensorPrimitives
/// accepts and throw the same exception type, message and parameter name for everything else.
/// </summary>
public sealed class TensorPrimitiveChecksTests
{
    [Fact]
    public void Lengths_are_checked_as_TensorPrimitives_checks_them()
    {
        foreach (int x in new[] { 0, 2, 3 })
        foreach (int y in new[] { 0, 2, 3 })
        foreach (int z in new[] { 2, 3 })
        foreach (int d in new[] { 0, 2, 3, 4 })
        {
            AssertSame(() => TensorPrimitives.Add<double>(new double[x], new double[y], new double[d]),
                () => TensorPrimitiveChecks.ElementwiseLength(x, y, x, d, false), $"Add({x}, {y}, {d})");
            AssertSame(() => TensorPrimitives.Multiply<double>(new double[x], 2.0, new double[d]),
                () => TensorPrimitiveChecks.ElementwiseLength(x, x, x, d, false), $"Multiply({x}, scalar, {d})");
            AssertSame(() => TensorPrimitives.MultiplyAdd<double>(new double[x], new double[y], new double[z], new double[d]),
                () => TensorPrimitiveChecks.ElementwiseLength(x, y, z, d, false), $"MultiplyAdd({x}, {y}, {z}, {d})");
            AssertSame(() => TensorPrimitives.Negate<double>(new double[x], new double[d]),
                () => TensorPrimitiveChecks.ElementwiseLength(x, x, x, d, false), $"Negate({x}, {d})");
        }
    }

    [Fact]
    public void Views_of_one_array_may_overlap_the_destination_only_from_the_same_start()
    {
        var a = new double[8];
        foreach (int xStart in new[] { 0, 1, 2, 5 })
        foreach (int dStart in new[] { 0, 1, 3, 5 })
        foreach (int length in new[] { 1, 3 })
        foreach (int dLength in new[] { 3, 4 })
        {
            if (xStart + length > a.Length || dStart + dLength > a.Length)
            {
                continue;
            }

            bool overlaps = xStart != dStart && xStart < dStart + dLength && dStart < xStart + length;
            AssertSame(() => TensorPrimitives.Negate<double>(a.AsSpan(xStart, length), a.AsSpan(dStart, dLength)),
                () => TensorPrimitiveChecks.ElementwiseLength(length, length, length, dLength, overlaps), $"Negate(a[{xStart}..+{length}], a[{dStart}..+{dLength}])");
        }
    }

    private static void AssertSame(Action tensorPrimitives, Func<int> check, string what)
    {
        Exception? expected = Record.Exception(tensorPrimitives);
        Exception? actual = Record.Exception(() => check());
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: TensorPrimitives accepts it, the check threw {actual?.GetType().Name}: {actual?.Message}");
            return;
        }

        Assert.True(actual is not null, $"{what}: TensorPrimitives throws {expected.GetType().Name}: {expected.Message}; the check accepted it");
        Assert.Equal(expected.GetType(), actual!.GetType());
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal((expected as ArgumentException)?.ParamName, (actual as ArgumentException)?.ParamName);
    }
}
