using System;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoDiffGen.NN;
using AutoDiffGen.Optim;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.NN;

/// <summary>What a training loop relies on beyond the update formulas: correct gradients through modules, and no leaks.</summary>
public class TrainingStepTests
{
    [Fact]
    public void Gradients_through_a_sequential_pass_gradcheck_for_input_and_every_parameter()
    {
        var model = new Sequential(
            new Linear(3, 4, rng: new Random(11), dtype: DType.Float64), new Tanh(),
            new Linear(4, 2, rng: new Random(12), dtype: DType.Float64), new Sigmoid());
        var input = Tensor.FromArray(new[] { 0.3, -1.2, 0.8, 1.1, 0.05, -0.4 }, 2, 3).RequiresGrad_();
        // GradCheck perturbs its inputs in place, so passing the module's own parameters checks d output / d parameter.
        Tensor[] inputs = [input, .. model.Parameters()];
        Assert.True(Autograd.GradCheck(xs => model.Forward(xs[0]), inputs));
    }

    [Fact]
    public void Cross_entropy_through_a_relu_mlp_passes_gradcheck()
    {
        var model = new Sequential(
            new Linear(2, 5, rng: new Random(21), dtype: DType.Float64), new ReLU(),
            new Linear(5, 3, rng: new Random(22), dtype: DType.Float64));
        var input = Tensor.FromArray(new[] { 0.7, -0.3, -1.1, 0.9, 0.25, 0.6 }, 3, 2);
        int[] targets = [2, 0, 1];
        Assert.True(Autograd.GradCheck(_ => Losses.CrossEntropy(model.Forward(input), targets), model.Parameters().ToArray()));
    }

    [Fact]
    public void A_finished_step_leaves_nothing_holding_its_graph()
    {
        var model = new Sequential(new Linear(2, 8, rng: new Random(1)), new Tanh(), new Linear(8, 2, rng: new Random(2)));
        var optimizer = new Adam(model.Parameters(), lr: 0.01);
        var input = Tensor.FromArray(new[] { 0.5f, -0.5f, 1f, 0.25f }, 2, 2);

        WeakReference firstGraph = TrainOneStep(model, optimizer, input);
        for (int i = 0; i < 5; i++) TrainOneStep(model, optimizer, input);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(firstGraph.IsAlive, "the model, optimizer or grads keep the first step's graph alive");
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad!.GradFn));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference TrainOneStep(Module model, Optimizer optimizer, Tensor input)
    {
        optimizer.ZeroGrad();
        Tensor loss = Losses.CrossEntropy(model.Forward(input), [0, 1]);
        loss.Backward();
        optimizer.Step();
        return new WeakReference(loss.GradFn);
    }
}
