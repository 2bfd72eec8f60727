using System;
using System.Collections.Generic;
using System.Globalization;

namespace AutoDiffGen.NN;

/// <summary>Runs its modules one after another; they are registered as "0", "1", ... like PyTorch's <c>nn.Sequential</c>.</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _modules = new();

    public Sequential(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        for (int i = 0; i < modules.Length; i++)
        {
            if (modules[i] is null) throw new ArgumentNullException(nameof(modules), $"Sequential: module {i} is null.");
            _modules.Add(RegisterModule(i.ToString(CultureInfo.InvariantCulture), modules[i]));
        }
    }

    public int Count => _modules.Count;

    public Module this[int index] => _modules[index];

    public override Tensor Forward(Tensor input)
    {
        Tensor x = input;
        foreach (var module in _modules)
        {
            x = module.Forward(x);
        }
        return x;
    }
}
