using System;
using System.Text.Json;
using Xunit;
using static AutoDiffGen.Runtime.Tests.Golden.GoldenData;

namespace AutoDiffGen.Runtime.Tests.Golden;

/// <summary>Broadcast binary ops: forward values, and gradients summed back to each input's shape, vs PyTorch.</summary>
public class BroadcastingGoldenTests
{
    [Theory]
    [InlineData(0)] // [3,1] + [1,4]
    [InlineData(1)] // [3,1] - [1,4]
    [InlineData(2)] // [2,3] * [3]
    [InlineData(3)] // [2,3] / [3]
    [InlineData(4)] // [2,1,3] * [3,1]
    [InlineData(5)] // 0-d + [2,3]
    public void Broadcast_tensor_op_matches_pytorch(int index)
    {
        JsonElement c = Load("broadcasting").GetProperty("tensor")[index];
        string op = c.GetProperty("op").GetString()!;
        ElementwiseGoldenTests.CheckBinary(c, op, $"case {index} ({op})");
    }

    [Theory]
    [InlineData("tensor+scalar")]
    [InlineData("scalar-tensor")]
    [InlineData("tensor*scalar")]
    [InlineData("scalar/tensor")]
    [InlineData("tensor/scalar")]
    public void Scalar_op_matches_pytorch(string op)
    {
        JsonElement c = Find(Load("broadcasting"), "scalar", "op", op);
        double s = c.GetProperty("scalar").GetDouble();
        Func<Tensor, Tensor> f = op switch
        {
            "tensor+scalar" => x => x + s,
            "scalar-tensor" => x => s - x,
            "tensor*scalar" => x => x * s,
            "scalar/tensor" => x => s / x,
            "tensor/scalar" => x => x / s,
            _ => throw new ArgumentException(op),
        };
        ElementwiseGoldenTests.CheckUnary(c, f, op);
    }
}
