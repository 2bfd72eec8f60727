using AutoDiffGen.CompilerServices;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>The runtime helper the reverse sweep of a reduction loop adds its summed gradient with.</summary>
public sealed class LoopGradientsTests
{
    [Fact]
    public void AddScaled_adds_scale_times_the_gradient_to_each_adjoint_element()
    {
        // 19 elements: a full 16-wide vector and a remainder.
        var adjoint = new double[19];
        var gradient = new double[19];
        for (int i = 0; i < adjoint.Length; i++)
        {
            adjoint[i] = i - 4.5;
            gradient[i] = 0.25 * i + 1;
        }

        LoopGradients.AddScaled(adjoint, -3.0, gradient);

        for (int i = 0; i < adjoint.Length; i++)
        {
            Assert.Equal((i - 4.5) + -3.0 * (0.25 * i + 1), adjoint[i]);
        }
    }

    [Fact]
    public void AddScaled_rejects_a_gradient_of_another_length_and_leaves_the_adjoint_alone()
    {
        var adjoint = new[] { 1.0, 2.0, 3.0 };
        var error = Assert.Throws<System.ArgumentException>(() => LoopGradients.AddScaled(adjoint, 2.0, new double[2]));
        Assert.Contains("3", error.Message);
        Assert.Contains("2", error.Message);
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, adjoint);
    }
}
