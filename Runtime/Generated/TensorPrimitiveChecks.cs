using System;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.CompilerServices;

/// <summary>
/// The checks TensorPrimitives' elementwise methods (<c>Add(x, y, destination)</c> and the like) make before they write,
/// for generated code that performs them as loops of stores: returns the number of elements to store, and otherwise throws
/// the exception, message and parameter name TensorPrimitives throws, before any store.
/// </summary>
public static class TensorPrimitiveChecks
{
    /// <summary>
    /// Returns <paramref name="xLength"/>, the first span operand's length, when every span operand has that length
    /// (<paramref name="yLength"/> and <paramref name="zLength"/> repeat it for operands that are scalars or absent), the
    /// destination is at least as long, and no operand overlaps the destination but from the same start
    /// (<paramref name="overlapsPartially"/>); checked in TensorPrimitives' order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ElementwiseLength(int xLength, int yLength, int zLength, int destinationLength, bool overlapsPartially)
    {
        if (yLength != xLength || zLength != xLength)
        {
            throw new ArgumentException("Input span arguments must all have the same length.");
        }

        if (destinationLength < xLength)
        {
            throw new ArgumentException("Destination is too short.", "destination");
        }

        if (overlapsPartially)
        {
            throw new ArgumentException("The destination span may only overlap with an input span if the two spans start at the same memory location.", "destination");
        }

        return xLength;
    }
}
