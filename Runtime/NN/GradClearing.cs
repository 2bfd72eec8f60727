using System.Collections.Generic;

namespace AutoDiffGen.NN;

/// <summary>The one implementation of zero_grad, shared by <see cref="Module"/> and the optimizers.</summary>
internal static class GradClearing
{
    public static void Clear(IEnumerable<Tensor> parameters, bool setToNone)
    {
        using var noGrad = Autograd.NoGrad();
        foreach (var parameter in parameters)
        {
            var grad = parameter.Grad;
            if (grad is null)
            {
                continue;
            }
            if (setToNone)
            {
                parameter.Grad = null;
                continue;
            }
            // As PyTorch: a grad built with createGraph is cut from its graph before being zeroed,
            // so zeroing never writes into a tensor some graph saved.
            if (grad.GradFn is not null)
            {
                grad = grad.Detach();
                parameter.Grad = grad;
            }
            else if (grad.RequiresGrad)
            {
                grad.RequiresGrad = false;
            }
            grad.Zero_();
        }
    }
}
