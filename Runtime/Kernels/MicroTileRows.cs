namespace AutoDiffGen.Kernels;

/// <summary>
/// A micro-tile's live row count as a type argument. Kernels generic over it are compiled once per count, and the
/// JIT treats <see cref="Count"/> as a constant, removing the code for rows past it.
/// </summary>
internal interface IMicroTileRows
{
    static abstract int Count { get; }
}

internal readonly struct MicroTileRows1 : IMicroTileRows
{
    public static int Count => 1;
}

internal readonly struct MicroTileRows2 : IMicroTileRows
{
    public static int Count => 2;
}

internal readonly struct MicroTileRows3 : IMicroTileRows
{
    public static int Count => 3;
}

internal readonly struct MicroTileRows4 : IMicroTileRows
{
    public static int Count => 4;
}

internal readonly struct MicroTileRows5 : IMicroTileRows
{
    public static int Count => 5;
}

internal readonly struct MicroTileRows6 : IMicroTileRows
{
    public static int Count => 6;
}

internal readonly struct MicroTileRows7 : IMicroTileRows
{
    public static int Count => 7;
}

internal readonly struct MicroTileRows8 : IMicroTileRows
{
    public static int Count => 8;
}

internal readonly struct MicroTileRows9 : IMicroTileRows
{
    public static int Count => 9;
}

internal readonly struct MicroTileRows10 : IMicroTileRows
{
    public static int Count => 10;
}

internal readonly struct MicroTileRows11 : IMicroTileRows
{
    public static int Count => 11;
}

internal readonly struct MicroTileRows12 : IMicroTileRows
{
    public static int Count => 12;
}
