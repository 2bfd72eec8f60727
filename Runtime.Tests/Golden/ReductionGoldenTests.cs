using System;
using System.Text.Json;
using Xunit;
using static AutoDiffGen.Runtime.Tests.Golden.GoldenData;

namespace AutoDiffGen.Runtime.Tests.Golden;

/// <summary>Softmax, log-softmax and sum/mean/max over dimensions (with and without keepDim) vs PyTorch.</summary>
public class ReductionGoldenTests
{
    public static TheoryData<int> DimCases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Load("reductions").GetProperty("dim").GetArrayLength(); i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(DimCases))]
    public void Reduction_over_dims_matches_pytorch(int index)
    {
        JsonElement c = Load("reductions").GetProperty("dim")[index];
        string op = c.GetProperty("op").GetString()!;
        bool keep = c.GetProperty("keepdim").GetBoolean();
        Tensor x = Tensor(c.GetProperty("x"), requiresGrad: true);
        Tensor? indices = null;
        Tensor y;
        switch (op)
        {
            case "softmax": y = x.Softmax(c.GetProperty("dim").GetInt32()); break;
            case "log_softmax": y = x.LogSoftmax(c.GetProperty("dim").GetInt32()); break;
            case "sum": y = x.Sum(c.GetProperty("dim").GetInt32(), keep); break;
            case "mean": y = x.Mean(c.GetProperty("dim").GetInt32(), keep); break;
            case "sum_dims": y = x.Sum(Ints(c.GetProperty("dims")), keep); break;
            case "max":
                (y, indices) = x.Max(c.GetProperty("dim").GetInt32(), keep);
                break;
            default: throw new ArgumentException($"no C# mapping for golden op \"{op}\"");
        }
        y.Backward(Tensor(c.GetProperty("grad_out")));
        string what = $"{op} case {index}";
        AssertClose(c.GetProperty("out"), y, what + " value");
        AssertClose(c.GetProperty("grad_x"), x.Grad, what + " grad");
        if (indices is not null)
        {
            AssertClose(c.GetProperty("indices"), indices.To(DType.Float64), what + " indices");
        }
    }

    [Theory]
    [InlineData("sum_all")]
    [InlineData("mean_all")]
    [InlineData("max_all")]
    public void Reduction_over_all_elements_matches_pytorch(string op)
    {
        JsonElement c = Find(Load("reductions"), "all", "op", op);
        Tensor x = Tensor(c.GetProperty("x"), requiresGrad: true);
        Tensor y = op switch
        {
            "sum_all" => x.Sum(),
            "mean_all" => x.Mean(),
            "max_all" => x.Max(),
            _ => throw new ArgumentException(op),
        };
        y.Backward();
        AssertClose(c.GetProperty("out").GetDouble(), y.Item(), op + " value");
        AssertClose(c.GetProperty("grad_x"), x.Grad, op + " grad");
    }
}
