using System.Text.Json;
using Xunit;
using static AutoDiffGen.Runtime.Tests.Golden.GoldenData;

namespace AutoDiffGen.Runtime.Tests.Golden;

/// <summary>Second derivatives through createGraph (grad of grad) and Hessian-vector products vs PyTorch.</summary>
public class HigherOrderGoldenTests
{
    [Fact]
    public void Hessian_vector_product_of_a_vector_function_matches_pytorch()
    {
        JsonElement c = Load("higher_order").GetProperty("hvp_vector");
        Tensor x = Tensor(c.GetProperty("x"), requiresGrad: true);
        Tensor v = Tensor(c.GetProperty("v"));
        Tensor f = (x.Pow(3.0) * x.Sin()).Sum();
        Tensor g = Autograd.Grad([f], [x], createGraph: true)[0]!;
        Tensor hv = Autograd.Grad([g], [x], gradOutputs: [v])[0]!;
        AssertClose(c.GetProperty("f").GetDouble(), f.Item(), "f");
        AssertClose(c.GetProperty("grad"), g, "grad");
        AssertClose(c.GetProperty("hvp"), hv, "Hessian-vector product");
    }

    [Fact]
    public void Second_derivative_by_grad_of_grad_matches_pytorch()
    {
        JsonElement c = Load("higher_order").GetProperty("second_derivative");
        Tensor x = Tensor(c.GetProperty("x"), requiresGrad: true);
        Tensor f = (x.Tanh() * x.Pow(2.0)).Sum();
        Tensor g = Autograd.Grad([f], [x], createGraph: true)[0]!;
        Tensor second = Autograd.Grad([g.Sum()], [x])[0]!;
        AssertClose(c.GetProperty("grad"), g, "grad");
        AssertClose(c.GetProperty("second"), second, "second derivative");
    }

    [Fact]
    public void Hessian_vector_product_through_matmul_and_sigmoid_matches_pytorch()
    {
        JsonElement c = Load("higher_order").GetProperty("hvp_matrix");
        Tensor w = Tensor(c.GetProperty("W"), requiresGrad: true);
        Tensor input = Tensor(c.GetProperty("inp"));
        Tensor direction = Tensor(c.GetProperty("V"));
        Tensor f = w.MatMul(input).Sigmoid().Pow(2.0).Mean();
        Tensor g = Autograd.Grad([f], [w], createGraph: true)[0]!;
        Tensor hv = Autograd.Grad([(g * direction).Sum()], [w])[0]!;
        AssertClose(c.GetProperty("f").GetDouble(), f.Item(), "f");
        AssertClose(c.GetProperty("grad"), g, "grad");
        AssertClose(c.GetProperty("hvp"), hv, "Hessian-vector product");
    }
}
