using System;
using System.Text.Json;
using Xunit;
using static AutoDiffGen.Runtime.Tests.Golden.GoldenData;

namespace AutoDiffGen.Runtime.Tests.Golden;

/// <summary>Each elementwise op's value and its gradient under an explicit upstream gradient, vs PyTorch.</summary>
public class ElementwiseGoldenTests
{
    private static Func<Tensor, Tensor> Unary(string op) => op switch
    {
        "exp" => x => x.Exp(),
        "log" => x => x.Log(),
        "sqrt" => x => x.Sqrt(),
        "sin" => x => x.Sin(),
        "cos" => x => x.Cos(),
        "tanh" => x => x.Tanh(),
        "sigmoid" => x => x.Sigmoid(),
        "relu" => x => x.Relu(),
        "abs" => x => x.Abs(),
        "neg" => x => -x,
        "pow2.5" => x => x.Pow(2.5),
        "pow3" => x => x.Pow(3.0),
        "pow-1.5" => x => x.Pow(-1.5),
        _ => throw new ArgumentException($"no C# mapping for golden op \"{op}\"", nameof(op)),
    };

    private static Func<Tensor, Tensor, Tensor> Binary(string op) => op switch
    {
        "add" => (a, b) => a + b,
        "sub" => (a, b) => a - b,
        "mul" => (a, b) => a * b,
        "div" => (a, b) => a / b,
        "pow" => (a, b) => a.Pow(b),
        "matmul" => (a, b) => a.MatMul(b),
        _ => throw new ArgumentException($"no C# mapping for golden op \"{op}\"", nameof(op)),
    };

    [Theory]
    [InlineData("exp")]
    [InlineData("log")]
    [InlineData("sqrt")]
    [InlineData("sin")]
    [InlineData("cos")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("relu")]
    [InlineData("abs")]
    [InlineData("neg")]
    [InlineData("pow2.5")]
    [InlineData("pow3")]
    [InlineData("pow-1.5")]
    public void Unary_op_value_and_gradient_match_pytorch(string op)
    {
        JsonElement c = Find(Load("elementwise"), "unary", "op", op);
        CheckUnary(c, Unary(op), op);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("sub")]
    [InlineData("mul")]
    [InlineData("div")]
    [InlineData("pow")]
    public void Binary_op_value_and_gradients_match_pytorch(string op)
    {
        JsonElement c = Find(Load("elementwise"), "binary", "op", op);
        CheckBinary(c, Binary(op), op);
    }

    [Fact]
    public void Chain_of_elementwise_ops_matches_pytorch()
    {
        JsonElement c = Load("elementwise").GetProperty("chain");
        Tensor x = Tensor(c.GetProperty("x"), requiresGrad: true);
        Tensor y = ((x.Sin().Exp() + x.Cos().Abs()).Sqrt() * x.Tanh().Sigmoid() / (x.Relu().Pow(2.0) + 2.0).Log()).Sum();
        y.Backward();
        AssertClose(c.GetProperty("out").GetDouble(), y.Item(), "chain value");
        AssertClose(c.GetProperty("grad_x"), x.Grad, "chain grad");
    }

    internal static void CheckUnary(JsonElement c, Func<Tensor, Tensor> f, string what)
    {
        Tensor x = Tensor(c.GetProperty("x"), requiresGrad: true);
        Tensor y = f(x);
        y.Backward(Tensor(c.GetProperty("grad_out")));
        AssertClose(c.GetProperty("out"), y, what + " value");
        AssertClose(c.GetProperty("grad_x"), x.Grad, what + " grad");
    }

    internal static void CheckBinary(JsonElement c, string op, string what) => CheckBinary(c, Binary(op), what);

    internal static void CheckBinary(JsonElement c, Func<Tensor, Tensor, Tensor> f, string what)
    {
        Tensor a = Tensor(c.GetProperty("a"), requiresGrad: true);
        Tensor b = Tensor(c.GetProperty("b"), requiresGrad: true);
        Tensor y = f(a, b);
        y.Backward(Tensor(c.GetProperty("grad_out")));
        AssertClose(c.GetProperty("out"), y, what + " value");
        AssertClose(c.GetProperty("grad_a"), a.Grad, what + " grad of a");
        AssertClose(c.GetProperty("grad_b"), b.Grad, what + " grad of b");
    }
}
