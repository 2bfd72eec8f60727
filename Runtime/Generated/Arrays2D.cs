using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoDiffGen.CompilerServices;

/// <summary>
/// Rectangular 2-D arrays (<c>T[,]</c>) as generated code sees them: their row-major elements as one span, and the checks
/// C# makes on them. A source read <c>a[i, j]</c> becomes <c>a[Arrays2D.ElementIndex(i, j, aRows, aColumns)]</c> on that
/// span, so the generated code indexes, saves and restores elements exactly as it does those of a 1-D array.
/// </summary>
public static class Arrays2D
{
    /// <summary>The elements of <paramref name="array"/> in row-major order (the order <c>foreach</c> visits them), in place: writes go to the array.</summary>
    public static Span<T> Elements<T>(T[,] array) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);

    /// <summary>
    /// Where <c>[row, column]</c> of a <paramref name="rows"/> × <paramref name="columns"/> array is among its elements; throws
    /// <see cref="IndexOutOfRangeException"/> when either index is outside its own dimension, as the array's indexer does,
    /// even when the flat offset would be in range.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ElementIndex(int row, int column, int rows, int columns)
    {
        if ((uint)row >= (uint)rows || (uint)column >= (uint)columns)
        {
            ThrowIndexOutOfRange();
        }

        return row * columns + column;
    }

    /// <summary>
    /// The element count of <c>new T[rows, columns]</c>; throws <see cref="OverflowException"/> for a negative dimension,
    /// as that expression does, and <see cref="OutOfMemoryException"/> when the count does not fit an int.
    /// </summary>
    public static int ElementCount(int rows, int columns)
    {
        if (rows < 0 || columns < 0)
        {
            throw new OverflowException("Arithmetic operation resulted in an overflow.");
        }

        long count = (long)rows * columns;
        return count <= int.MaxValue ? (int)count : throw new OutOfMemoryException("Array dimensions exceeded supported range.");
    }

    private static void ThrowIndexOutOfRange() => throw new IndexOutOfRangeException();
}
