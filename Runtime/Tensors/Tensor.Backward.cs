using System;
using System.Collections.Generic;

namespace AutoDiffGen;

public sealed partial class Tensor
{
    /// <summary>
    /// Computes the gradient of this tensor with respect to the graph leaves and adds it into their
    /// <see cref="Grad"/> (and into retained non-leaves). <paramref name="gradient"/> may be omitted for
    /// a one-element tensor; the graph is freed unless <paramref name="retainGraph"/>; with
    /// <paramref name="createGraph"/> the gradient computation is recorded too; <paramref name="inputs"/>
    /// restricts accumulation to those tensors.
    /// </summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false, bool createGraph = false, IReadOnlyList<Tensor>? inputs = null)
    {
        var seed = SeedGradient("backward", this, gradient, 0);
        if (inputs is not null)
        {
            if (inputs.Count == 0)
            {
                throw new ArgumentException("backward: 'inputs' argument to backward() cannot be empty.");
            }

            foreach (var input in inputs)
            {
                if (!input.RequiresGrad)
                {
                    throw new ArgumentException("backward: One of the differentiated Tensors does not require grad");
                }
            }
        }

        Engine.ExecuteSingle(this, seed, retainGraph || createGraph, createGraph, inputs);
    }

    /// <summary>Validates (or creates, for one-element outputs) the gradient seeded at output number <paramref name="index"/>.</summary>
    internal static Tensor SeedGradient(string operation, Tensor output, Tensor? gradient, int index)
    {
        if (!output.RequiresGrad)
        {
            throw new InvalidOperationException($"{operation}: element {index} of tensors does not require grad and does not have a grad_fn");
        }

        if (gradient is null)
        {
            if (output.NumElements != 1)
            {
                throw new InvalidOperationException(
                    $"{operation}: grad can be implicitly created only for scalar outputs (output {index} has shape {Shapes.Format(output.ShapeArray)})");
            }

            return OnesLike(output);
        }

        if (!Shapes.SameShape(gradient.ShapeArray, output.ShapeArray))
        {
            throw new ArgumentException(
                $"{operation}: Mismatch in shape: grad_output[{index}] has a shape of {Shapes.Format(gradient.ShapeArray)} and output[{index}] has a shape of {Shapes.Format(output.ShapeArray)}.");
        }

        if (gradient.DType != output.DType)
        {
            throw new ArgumentException($"{operation}: grad_output[{index}] has dtype {gradient.DType} but output[{index}] has dtype {output.DType}.");
        }

        return gradient;
    }
}
