using System;
using System.Collections.Generic;

namespace AutoDiffGen.NN;

/// <summary>
/// Base class of every layer, like PyTorch's <c>torch.nn.Module</c>: owns parameters and child modules,
/// both kept in registration order so that <see cref="Parameters"/> and <see cref="NamedParameters"/>
/// enumerate in the same order PyTorch does (which optimizers and checkpoints rely on).
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Parameter)> _parameters = new();
    private readonly List<(string Name, Module Module)> _children = new();

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>The module's name in messages and <see cref="ToString"/>, e.g. "Linear".</summary>
    public virtual string Name => GetType().Name;

    public abstract Tensor Forward(Tensor input);

    /// <summary>Registers <paramref name="parameter"/> under <paramref name="name"/>; it becomes a leaf that requires grad.</summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ThrowIfNameTaken(name);
        if (!parameter.IsLeaf)
        {
            throw new ArgumentException($"{Name}.RegisterParameter(\"{name}\"): a parameter must be a leaf tensor (it has grad_fn {parameter.GradFn?.Name}); pass tensor.Detach().", nameof(parameter));
        }
        parameter.RequiresGrad = true;
        _parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Registers a child module; its parameters are then reported as "<paramref name="name"/>.param".</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        ThrowIfNameTaken(name);
        if (ReferenceEquals(module, this))
        {
            throw new ArgumentException($"{Name}.RegisterModule(\"{name}\"): a module cannot contain itself.", nameof(module));
        }
        _children.Add((name, module));
        return module;
    }

    /// <summary>The direct child modules, in registration order.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => _children;

    /// <summary>
    /// Every parameter of this module, then of each child in registration order, named by its path
    /// ("0.weight", "0.bias", ...) as PyTorch names them. A tensor shared by two modules appears once.
    /// </summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        // An explicit stack instead of recursion: (module, prefix) pairs, children pushed in reverse so
        // they pop in registration order.
        var stack = new Stack<(Module Module, string Prefix)>();
        stack.Push((this, ""));
        while (stack.Count > 0)
        {
            var (module, prefix) = stack.Pop();
            foreach (var (name, parameter) in module._parameters)
            {
                if (seen.Add(parameter))
                {
                    yield return (prefix + name, parameter);
                }
            }
            for (int i = module._children.Count - 1; i >= 0; i--)
            {
                var (childName, child) = module._children[i];
                stack.Push((child, prefix + childName + "."));
            }
        }
    }

    /// <summary>Every parameter, recursing into children, in the order of <see cref="NamedParameters"/>.</summary>
    public IEnumerable<Tensor> Parameters()
    {
        foreach (var (_, parameter) in NamedParameters())
        {
            yield return parameter;
        }
    }

    /// <summary>Sets training mode on this module and every descendant; returns this.</summary>
    public Module Train(bool mode = true)
    {
        foreach (var module in SelfAndDescendants())
        {
            module.Training = mode;
        }
        return this;
    }

    /// <summary>Evaluation mode: <c>Train(false)</c>.</summary>
    public Module Eval() => Train(false);

    /// <summary>Sets <see cref="Tensor.RequiresGrad"/> on every parameter (freezing or unfreezing); returns this.</summary>
    public Module RequiresGrad_(bool requiresGrad = true)
    {
        foreach (var parameter in Parameters())
        {
            parameter.RequiresGrad = requiresGrad;
        }
        return this;
    }

    /// <summary>Clears every parameter's gradient: to null (the default, as PyTorch 2) or to zeros in place.</summary>
    public void ZeroGrad(bool setToNone = true) => GradClearing.Clear(Parameters(), setToNone);

    /// <summary>PyTorch-style summary, e.g. <c>Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n)</c>.</summary>
    public override string ToString()
    {
        string extra = ExtraRepr();
        if (_children.Count == 0)
        {
            return $"{Name}({extra})";
        }
        var text = new System.Text.StringBuilder();
        text.Append(Name).Append('(');
        if (extra.Length > 0)
        {
            text.Append("\n  ").Append(extra);
        }
        foreach (var (name, child) in _children)
        {
            string childText = child.ToString().Replace("\n", "\n  ", StringComparison.Ordinal);
            text.Append("\n  (").Append(name).Append("): ").Append(childText);
        }
        text.Append("\n)");
        return text.ToString();
    }

    /// <summary>The settings shown inside the parentheses of <see cref="ToString"/>.</summary>
    protected virtual string ExtraRepr() => "";

    private IEnumerable<Module> SelfAndDescendants()
    {
        var stack = new Stack<Module>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var module = stack.Pop();
            yield return module;
            foreach (var (_, child) in module._children)
            {
                stack.Push(child);
            }
        }
    }

    private void ThrowIfNameTaken(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{Name}: parameter or module name \"{name}\" cannot contain \".\".", nameof(name));
        }
        foreach (var (existing, _) in _parameters)
        {
            if (existing == name) throw new ArgumentException($"{Name}: attribute \"{name}\" already exists.", nameof(name));
        }
        foreach (var (existing, _) in _children)
        {
            if (existing == name) throw new ArgumentException($"{Name}: attribute \"{name}\" already exists.", nameof(name));
        }
    }
}
