using System.Text.Json;
using Xunit;
using static AutoDiffGen.Runtime.Tests.Golden.GoldenData;

namespace AutoDiffGen.Runtime.Tests.Golden;

/// <summary>MatMul in its 2-D, batched, matrix-vector and dot forms: value and both gradients vs PyTorch.</summary>
public class MatMulGoldenTests
{
    [Theory]
    [InlineData("2d")]
    [InlineData("batched")]
    [InlineData("matvec")]
    [InlineData("dot")]
    public void MatMul_matches_pytorch(string name)
    {
        JsonElement c = Find(Load("matmul"), "cases", "name", name);
        ElementwiseGoldenTests.CheckBinary(c, "matmul", "matmul " + name);
    }
}
