using System;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Ops;

/// <summary>
/// In-place arithmetic writes straight into storage when nothing is recorded; it must keep every rule of
/// the general path: version bumps that saved tensors see, the leaf error, and recording when a grad is needed.
/// </summary>
public class InPlaceFastPathTests
{
    [Fact]
    public void Add_with_alpha_adds_the_scaled_operand_and_bumps_the_version_once()
    {
        var p = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 });
        var g = Tensor.FromArray(new[] { 0.5, -1.0, 4.0 });
        int version = p.Version;

        p.Add_(g, -0.1);

        Assert.Equal(new[] { 1.0 - 0.05, 2.0 + 0.1, 3.0 - 0.4 }, p.ToDoubleArray(), new ToleranceComparer(1e-15));
        Assert.Equal(version + 1, p.Version);
    }

    [Fact]
    public void Add_with_alpha_on_a_leaf_that_requires_grad_fails_as_any_in_place_op()
    {
        var p = Tensor.FromArray(new[] { 1.0 }).RequiresGrad_();

        var error = Assert.Throws<InvalidOperationException>(() => p.Add_(Tensor.FromArray(new[] { 1.0 }), 2.0));
        Assert.Contains("leaf Variable that requires grad", error.Message);
    }

    [Fact]
    public void Add_with_alpha_is_recorded_when_the_operand_requires_grad()
    {
        var b = Tensor.FromArray(new[] { 1.0, 2.0 }).RequiresGrad_();
        var a = Tensor.FromArray(new[] { 5.0, 6.0 });

        a.Add_(b, 3.0);                      // a now depends on b
        a.Sum().Backward();

        Assert.Equal(new[] { 8.0, 12.0 }, a.ToDoubleArray());
        Assert.Equal(new[] { 3.0, 3.0 }, b.Grad!.ToDoubleArray());
    }

    [Fact]
    public void An_in_place_write_to_a_saved_constant_is_still_caught_by_backward()
    {
        var x = Tensor.FromArray(new float[] { 1f, 2f }).RequiresGrad_();
        var w = Tensor.FromArray(new float[] { 3f, 4f });
        var loss = (x * w).Sum();

        w.Div_(2.0);                         // dense fast path: no graph, but the version moves

        var error = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("is at version 1; expected version 0", error.Message);
    }

    [Fact]
    public void Adding_a_tensor_to_itself_in_place_doubles_it()
    {
        var x = Tensor.FromArray(new float[] { 1f, -2f, 3.5f });

        x.Add_(x);

        Assert.Equal(new[] { 2f, -4f, 7f }, x.ToFloatArray());
    }

    [Fact]
    public void A_single_value_operand_is_applied_to_every_element()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }, 2, 2);

        x.Mul_(Tensor.FromArray(new[] { 10.0 }));
        x.Sub_(1.0);

        Assert.Equal(new[] { 9.0, 19.0, 29.0, 39.0 }, x.ToDoubleArray());
    }

    [Fact]
    public void Zero_on_a_dense_tensor_clears_it_and_bumps_the_version()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0 });
        int version = x.Version;

        x.Zero_();

        Assert.Equal(new[] { 0.0, 0.0 }, x.ToDoubleArray());
        Assert.Equal(version + 1, x.Version);
    }

    private sealed class ToleranceComparer(double tolerance) : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
