namespace AutoDiffGen;

/// <summary>The element type of a <see cref="Tensor"/>: PyTorch's float32 (the default) and float64.</summary>
public enum DType
{
    Float32,
    Float64,
}
