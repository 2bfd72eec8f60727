using System;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.CompilerServices;

/// <summary>
/// The checks <c>Array.Copy</c>, <c>Array.Clear</c>, <c>Array.Fill</c> and an array's <c>CopyTo(array, index)</c> make, for
/// generated code that performs them as loops of stores: each returns the number of elements to store when the range is
/// in bounds, and otherwise throws the exception, message and parameter name the .NET method throws, before any store.
/// </summary>
public static class ArrayStores
{
    /// <summary>
    /// Returns <paramref name="length"/> when <c>Array.Copy(source, sourceIndex, destination, destinationIndex, length)</c>
    /// of arrays <paramref name="sourceLength"/> and <paramref name="destinationLength"/> long is in range; checks in
    /// Array.Copy's order: the length, the source index, the source's end, the destination index, the destination's end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CopyRange(int sourceLength, int sourceIndex, int destinationLength, int destinationIndex, int length)
    {
        // Non-negative ints: the sums cannot wrap as unsigned.
        if ((length | sourceIndex | destinationIndex) < 0 ||
            (uint)sourceIndex + (uint)length > (uint)sourceLength || (uint)destinationIndex + (uint)length > (uint)destinationLength)
        {
            ThrowCopyOutOfRange(sourceLength, sourceIndex, destinationLength, destinationIndex, length);
        }

        return length;
    }

    /// <summary>Returns <paramref name="length"/> when <c>Array.Clear(array, index, length)</c> is in range; throws its IndexOutOfRangeException otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ClearRange(int arrayLength, int index, int length)
    {
        if ((index | length) < 0 || (uint)index + (uint)length > (uint)arrayLength)
        {
            ThrowIndexOutOfRange();
        }

        return length;
    }

    /// <summary>Returns <paramref name="count"/> when <c>Array.Fill(array, value, startIndex, count)</c> is in range; throws its ArgumentOutOfRangeException otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FillRange(int arrayLength, int startIndex, int count)
    {
        if ((uint)startIndex > (uint)arrayLength)
        {
            ThrowFillStartOutOfRange();
        }

        if ((uint)count > (uint)(arrayLength - startIndex))
        {
            ThrowFillCountOutOfRange();
        }

        return count;
    }

    private static void ThrowCopyOutOfRange(int sourceLength, int sourceIndex, int destinationLength, int destinationIndex, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceIndex, 0);
        if ((uint)sourceIndex + (uint)length > (uint)sourceLength)
        {
            throw new ArgumentException("Source array was not long enough. Check the source index, length, and the array's lower bounds.", "sourceArray");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(destinationIndex, 0);
        throw new ArgumentException("Destination array was not long enough. Check the destination index, length, and the array's lower bounds.", "destinationArray");
    }

    private static void ThrowIndexOutOfRange() => throw new IndexOutOfRangeException();

    private static void ThrowFillStartOutOfRange() => throw new ArgumentOutOfRangeException("startIndex",
        "Index was out of range. Must be non-negative and less than or equal to the size of the collection.");

    private static void ThrowFillCountOutOfRange() => throw new ArgumentOutOfRangeException("count",
        "Count must be positive and count must refer to a location within the string/array/collection.");
}
