using System;
using System.Collections.Generic;
using System.Globalization;

namespace AutoDiffGen;

/// <summary>Thrown by <see cref="Autograd.GradCheck"/> when an analytic gradient disagrees with finite differences.</summary>
public sealed class GradCheckException : Exception
{
    public GradCheckException(string message)
        : base(message)
    {
    }

    public GradCheckException()
    {
    }

    public GradCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// torch.autograd.gradcheck: the Jacobian from backward (one pass per output element) against
/// central differences (f(x + eps) − f(x − eps)) / 2eps, per element of every input that requires grad.
/// </summary>
internal static class GradientChecker
{
    public static bool Check(Func<Tensor[], Tensor> func, Tensor[] inputs, double eps, double atol, double rtol)
    {
        ArgumentNullException.ThrowIfNull(func);
        ArgumentNullException.ThrowIfNull(inputs);
        var checkedInputs = new List<int>();
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].RequiresGrad)
            {
                if (inputs[i].DType != DType.Float64)
                {
                    throw new ArgumentException(
                        $"gradcheck: input {i} requires grad but has dtype {inputs[i].DType}; gradcheck needs Float64 inputs for accurate finite differences.");
                }

                checkedInputs.Add(i);
            }
        }

        if (checkedInputs.Count == 0)
        {
            throw new ArgumentException("gradcheck: expected at least one input tensor to require gradient, but none of them did.");
        }

        var output = func(inputs);
        if (output.DType != DType.Float64)
        {
            throw new ArgumentException($"gradcheck: the function must return a Float64 tensor, but returned {output.DType}.");
        }

        int outputCount = checked((int)output.NumElements);
        var differentiated = checkedInputs.ConvertAll(i => inputs[i]);
        var analytic = new double[checkedInputs.Count][,];
        for (int k = 0; k < checkedInputs.Count; k++)
        {
            analytic[k] = new double[outputCount, inputs[checkedInputs[k]].NumElements];
        }

        for (int j = 0; j < outputCount; j++)
        {
            var seed = new double[outputCount];
            seed[j] = 1;
            var grads = output.RequiresGrad
                ? Autograd.Grad([output], differentiated, [Tensor.Wrap(seed, output.ShapeArray)], retainGraph: true, allowUnused: true)
                : new Tensor?[differentiated.Count];
            for (int k = 0; k < grads.Length; k++)
            {
                if (grads[k] is { } grad)
                {
                    var values = grad.ToDoubleArray();
                    for (int e = 0; e < values.Length; e++)
                    {
                        analytic[k][j, e] = values[e];
                    }
                }
            }
        }

        for (int k = 0; k < checkedInputs.Count; k++)
        {
            var input = inputs[checkedInputs[k]];
            var buffer = input.Storage.As<double>();
            for (int e = 0; e < input.NumElements; e++)
            {
                int position = StoragePosition(input, e);
                double original = buffer[position];
                // Evaluated with grad mode as the caller has it, so a function that itself calls
                // Autograd.Grad (to check second derivatives) still works; the values are written
                // straight into storage, without a version bump, and restored.
                buffer[position] = original + eps;
                var plus = func(inputs).ToDoubleArray();
                buffer[position] = original - eps;
                var minus = func(inputs).ToDoubleArray();
                buffer[position] = original;

                for (int j = 0; j < outputCount; j++)
                {
                    double numeric = (plus[j] - minus[j]) / (2 * eps);
                    double exact = analytic[k][j, e];
                    if (!(Math.Abs(numeric - exact) <= atol + (rtol * Math.Abs(numeric))))
                    {
                        throw new GradCheckException(string.Create(
                            CultureInfo.InvariantCulture,
                            $"gradcheck: Jacobian mismatch for output element {j} with respect to input {checkedInputs[k]}, element {e}: numerical {numeric:R} vs analytical {exact:R} (atol {atol}, rtol {rtol})."));
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Where row-major element <paramref name="index"/> of a (possibly strided) tensor lives in its storage.</summary>
    private static int StoragePosition(Tensor tensor, int index)
    {
        int position = tensor.Offset;
        var shape = tensor.ShapeArray;
        var strides = tensor.StrideArray;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            position += index % shape[d] * strides[d];
            index /= shape[d];
        }

        return position;
    }
}
