using System;
using AutoDiffGen.CompilerServices;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Generated;

/// <summary>
/// ArrayStores stands in for Array.Copy, Array.Clear and Array.Fill in generated code, so over a grid of lengths, indices
/// and counts (negative, in range and past the end) each check must accept exactly what the .NET method accepts and
/// throw the same exception type, message and parameter name for everything else.
/// </summary>
public sealed class ArrayStoresTests
{
    private static readonly int[] Values = { -2, -1, 0, 1, 2, 3, 4, 5 };

    [Fact]
    public void CopyRange_accepts_and_throws_as_Array_Copy()
    {
        foreach (int sourceLength in new[] { 0, 3 })
        foreach (int destinationLength in new[] { 0, 2, 4 })
        foreach (int sourceIndex in Values)
        foreach (int destinationIndex in Values)
        foreach (int length in Values)
        {
            AssertSame(
                () => Array.Copy(new double[sourceLength], sourceIndex, new double[destinationLength], destinationIndex, length),
                () => Assert.Equal(length, ArrayStores.CopyRange(sourceLength, sourceIndex, destinationLength, destinationIndex, length)),
                $"Copy({sourceLength}, {sourceIndex}, {destinationLength}, {destinationIndex}, {length})");
        }
    }

    [Fact]
    public void ClearRange_accepts_and_throws_as_Array_Clear()
    {
        foreach (int arrayLength in new[] { 0, 3 })
        foreach (int index in Values)
        foreach (int length in Values)
        {
            AssertSame(
                () => Array.Clear(new double[arrayLength], index, length),
                () => Assert.Equal(length, ArrayStores.ClearRange(arrayLength, index, length)),
                $"Clear({arrayLength}, {index}, {length})");
        }
    }

    [Fact]
    public void FillRange_accepts_and_throws_as_Array_Fill()
    {
        foreach (int arrayLength in new[] { 0, 3 })
        foreach (int startIndex in Values)
        foreach (int count in Values)
        {
            AssertSame(
                () => Array.Fill(new double[arrayLength], 1.0, startIndex, count),
                () => Assert.Equal(count, ArrayStores.FillRange(arrayLength, startIndex, count)),
                $"Fill({arrayLength}, {startIndex}, {count})");
        }
    }

    private static void AssertSame(Action dotnet, Action check, string what)
    {
        Exception? expected = Record.Exception(dotnet);
        Exception? actual = Record.Exception(check);
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: .NET accepts it, ArrayStores threw {actual?.GetType().Name}: {actual?.Message}");
            return;
        }

        Assert.True(actual is not null, $"{what}: .NET throws {expected.GetType().Name}, ArrayStores accepted it");
        Assert.Equal(expected.GetType(), actual!.GetType());
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal((expected as ArgumentException)?.ParamName, (actual as ArgumentException)?.ParamName);
    }
}
