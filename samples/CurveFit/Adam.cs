using System;

namespace CurveFit;

/// <summary>The Adam optimiser (Kingma and Ba, 2015) over a small parameter vector.</summary>
public sealed class Adam
{
    private readonly double _learningRate;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private readonly double[] _firstMoment;
    private readonly double[] _secondMoment;
    private int _step;

    public Adam(int parameterCount, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _learningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _firstMoment = new double[parameterCount];
        _secondMoment = new double[parameterCount];
    }

    public void Step(double[] parameters, ReadOnlySpan<double> gradient)
    {
        _step++;
        double correction1 = 1 - Math.Pow(_beta1, _step);
        double correction2 = 1 - Math.Pow(_beta2, _step);
        for (int i = 0; i < parameters.Length; i++)
        {
            _firstMoment[i] = _beta1 * _firstMoment[i] + (1 - _beta1) * gradient[i];
            _secondMoment[i] = _beta2 * _secondMoment[i] + (1 - _beta2) * gradient[i] * gradient[i];
            parameters[i] -= _learningRate * (_firstMoment[i] / correction1) / (Math.Sqrt(_secondMoment[i] / correction2) + _epsilon);
        }
    }
}
