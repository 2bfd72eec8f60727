using System;
using System.Collections.Generic;
using AutoDiffGen.NN;

namespace AutoDiffGen.Optim;

/// <summary>
/// Base of the optimizers, like PyTorch's <c>torch.optim.Optimizer</c> with one parameter group.
/// <see cref="Step"/> runs under <see cref="Autograd.NoGrad"/> and updates parameters in place,
/// so their storage versions bump and any graph that saved an old value refuses to backward through it.
/// </summary>
public abstract class Optimizer
{
    private readonly Tensor[] _parameters;

    protected Optimizer(IEnumerable<Tensor> parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = new List<Tensor>();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var parameter in parameters)
        {
            if (parameter is null) throw new ArgumentException($"{name}: parameter {list.Count} is null.", nameof(parameters));
            if (!parameter.IsLeaf) throw new ArgumentException($"{name}: can't optimize a non-leaf Tensor (parameter {list.Count} has grad_fn {parameter.GradFn?.Name}).", nameof(parameters));
            if (!seen.Add(parameter)) throw new ArgumentException($"{name}: parameter {list.Count} appears more than once in the parameter list.", nameof(parameters));
            list.Add(parameter);
        }
        if (list.Count == 0) throw new ArgumentException($"{name}: optimizer got an empty parameter list.", nameof(parameters));
        _parameters = list.ToArray();
        Name = name;
    }

    public string Name { get; }

    /// <summary>The parameters this optimizer updates, in the order given.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>Clears every parameter's gradient: to null (the default) or to zeros in place.</summary>
    public void ZeroGrad(bool setToNone = true) => GradClearing.Clear(_parameters, setToNone);

    /// <summary>One update of every parameter whose <see cref="Tensor.Grad"/> is not null; the others are skipped.</summary>
    public void Step()
    {
        // No shape or dtype check here: Tensor.Grad's setter refuses a gradient that does not match its
        // tensor (as PyTorch does), and a tensor's shape and dtype never change, so every grad already fits.
        using var noGrad = Autograd.NoGrad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var grad = _parameters[i].Grad;
            if (grad is not null)
            {
                Update(i, _parameters[i], grad);
            }
        }
    }

    /// <summary>Updates one parameter in place; called under NoGrad with a grad of the parameter's shape and dtype.</summary>
    protected abstract void Update(int index, Tensor parameter, Tensor grad);
}
