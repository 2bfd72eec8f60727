using System.Numerics;

namespace AutoDiffGen.Kernels;

/// <summary>Fallback micro-kernel for machines without 256-bit vectors: a 4×4 tile in scalar locals.</summary>
internal static class GemmMicroKernelScalar<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public const int Rows = 4;
    public const int Columns = 4;

    public static unsafe void Run(T* a, T* b, int kc, T* c, nint ldc, bool overwrite)
    {
        var tile = stackalloc T[Rows * Columns];
        for (int i = 0; i < Rows * Columns; i++)
        {
            tile[i] = T.Zero;
        }
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < Rows; r++)
            {
                T ar = a[r];
                for (int j = 0; j < Columns; j++)
                {
                    tile[r * Columns + j] += ar * b[j];
                }
            }
            a += Rows;
            b += Columns;
        }
        for (int r = 0; r < Rows; r++)
        {
            for (int j = 0; j < Columns; j++)
            {
                T value = tile[r * Columns + j];
                c[r * ldc + j] = overwrite ? value : c[r * ldc + j] + value;
            }
        }
    }
}
