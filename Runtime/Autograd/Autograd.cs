using System;
using System.Collections.Generic;

namespace AutoDiffGen;

/// <summary>Functional autograd entry points and grad-mode control (torch.autograd and torch.no_grad).</summary>
public static class Autograd
{
    /// <summary>Whether ops on this thread record the graph (true unless inside <see cref="NoGrad"/>).</summary>
    public static bool IsGradEnabled => GradMode.IsEnabled;

    /// <summary>Disables graph recording on this thread until the scope is disposed: <c>using (Autograd.NoGrad()) { … }</c>.</summary>
    public static GradModeScope NoGrad() => new(false);

    /// <summary>Enables graph recording on this thread until the scope is disposed (inside a NoGrad scope, for instance).</summary>
    public static GradModeScope EnableGrad() => new(true);

    /// <summary>
    /// The gradients of <paramref name="outputs"/> (weighted by <paramref name="gradOutputs"/>) with respect to
    /// <paramref name="inputs"/>, without touching any <see cref="Tensor.Grad"/>, as torch.autograd.grad.
    /// <paramref name="retainGraph"/> defaults to <paramref name="createGraph"/>; an input the outputs do not depend on
    /// is an error unless <paramref name="allowUnused"/>, in which case its gradient is null.
    /// </summary>
    public static Tensor?[] Grad(
        IReadOnlyList<Tensor> outputs,
        IReadOnlyList<Tensor> inputs,
        IReadOnlyList<Tensor?>? gradOutputs = null,
        bool? retainGraph = null,
        bool createGraph = false,
        bool allowUnused = false)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(inputs);
        if (gradOutputs is not null && gradOutputs.Count != outputs.Count)
        {
            throw new ArgumentException($"grad: grad_outputs has {gradOutputs.Count} entries but there are {outputs.Count} outputs");
        }

        if (inputs.Count == 0)
        {
            throw new ArgumentException("grad: grad requires non-empty inputs.");
        }

        foreach (var input in inputs)
        {
            if (!input.RequiresGrad)
            {
                throw new ArgumentException("grad: One of the differentiated Tensors does not require grad");
            }
        }

        var seeds = new Tensor[outputs.Count];
        for (int i = 0; i < outputs.Count; i++)
        {
            seeds[i] = Tensor.SeedGradient("grad", outputs[i], gradOutputs?[i], i);
        }

        var grads = Engine.Execute(outputs, seeds, retainGraph ?? createGraph, createGraph, inputs, accumulate: false);
        for (int i = 0; i < grads.Length; i++)
        {
            if (grads[i] is null && !allowUnused)
            {
                throw new InvalidOperationException(
                    $"grad: One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior. (input {i})");
            }
        }

        return grads;
    }

    /// <summary>
    /// Checks analytic gradients against central finite differences, as torch.autograd.gradcheck: every
    /// input that requires grad must be float64; returns true or throws <see cref="GradCheckException"/>.
    /// </summary>
    public static bool GradCheck(Func<Tensor[], Tensor> func, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3) =>
        GradientChecker.Check(func, inputs, eps, atol, rtol);
}
