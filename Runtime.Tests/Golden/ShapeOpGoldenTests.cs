using System;
using System.Linq;
using System.Text.Json;
using Xunit;
using static AutoDiffGen.Runtime.Tests.Golden.GoldenData;

namespace AutoDiffGen.Runtime.Tests.Golden;

/// <summary>Transpose, reshape/view, unsqueeze, select, slice and cat: values and gradients vs PyTorch.</summary>
public class ShapeOpGoldenTests
{
    [Theory]
    [InlineData("transpose_0_2")]
    [InlineData("reshape_4_6")]
    [InlineData("view_minus1_2")]
    [InlineData("unsqueeze_1")]
    [InlineData("select_1_2")]
    [InlineData("select_2_-1")]
    [InlineData("slice_2_1_4_2")]
    [InlineData("slice_1_0_2_1")]
    [InlineData("transpose_then_reshape")]
    public void Shape_op_matches_pytorch(string op)
    {
        Func<Tensor, Tensor> f = op switch
        {
            "transpose_0_2" => x => x.Transpose(0, 2),
            "reshape_4_6" => x => x.Reshape(4, 6),
            "view_minus1_2" => x => x.View(-1, 2),
            "unsqueeze_1" => x => x.Unsqueeze(1),
            "select_1_2" => x => x.Select(1, 2),
            "select_2_-1" => x => x.Select(2, -1),
            "slice_2_1_4_2" => x => x.Slice(2, 1, 4, 2),
            "slice_1_0_2_1" => x => x.Slice(1, 0, 2),
            "transpose_then_reshape" => x => x.Transpose(1, 2).Reshape(2, 12),
            _ => throw new ArgumentException(op),
        };
        ElementwiseGoldenTests.CheckUnary(Find(Load("shape_ops"), "unary", "op", op), f, op);
    }

    [Fact]
    public void Cat_matches_pytorch_and_splits_the_gradient_back()
    {
        JsonElement c = Load("shape_ops").GetProperty("cat");
        Tensor[] inputs = c.GetProperty("inputs").EnumerateArray().Select(e => Tensor(e, requiresGrad: true)).ToArray();
        Tensor y = AutoDiffGen.Tensor.Cat(inputs, c.GetProperty("dim").GetInt32());
        y.Backward(Tensor(c.GetProperty("grad_out")));
        AssertClose(c.GetProperty("out"), y, "cat value");
        for (int i = 0; i < inputs.Length; i++)
        {
            AssertClose(c.GetProperty("grads")[i], inputs[i].Grad, $"cat grad of input {i}");
        }
    }
}
