using System;
using System.Globalization;
using CurveFit;

// Noisy observations of a damped oscillator with known parameters (seeded: the run is reproducible).
const int sampleCount = 200;
double[] truth = { 2.5, 0.3, 2.0, 0.5 }; // amplitude, damping, angular frequency, phase
var random = new Random(20261122);
var times = new double[sampleCount];
var observed = new double[sampleCount];
for (int i = 0; i < sampleCount; i++)
{
    times[i] = 10.0 * i / sampleCount;
    double noise = 0.05 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    observed[i] = DampedOscillator.Displacement(truth[0], truth[1], truth[2], truth[3], times[i]) + noise;
}

// Fit from a rough first guess by Adam on the mean squared error; the gradient comes from the generated code.
double[] parameters = { 1.0, 0.1, 1.8, 0.0 };
var optimizer = new Adam(parameters.Length, learningRate: 0.02);
var gradient = new double[parameters.Length];
double loss = 0;
for (int step = 0; step <= 4000; step++)
{
    loss = 0;
    Array.Clear(gradient);
    for (int i = 0; i < sampleCount; i++)
    {
        loss += DampedOscillator.SampleLossValueAndGradient(
            parameters[0], parameters[1], parameters[2], parameters[3], times[i], observed[i],
            out double dAmplitude, out double dDamping, out double dFrequency, out double dPhase) / sampleCount;
        gradient[0] += dAmplitude / sampleCount;
        gradient[1] += dDamping / sampleCount;
        gradient[2] += dFrequency / sampleCount;
        gradient[3] += dPhase / sampleCount;
    }

    if (step % 1000 == 0)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {step,5}: mean squared error {loss:E3}"));
    }

    optimizer.Step(parameters, gradient);
}

string[] names = { "amplitude A", "damping γ", "frequency ω", "phase φ" };
Console.WriteLine();
Console.WriteLine("parameter        true     fitted");
for (int i = 0; i < names.Length; i++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{names[i],-13} {truth[i],8:F4} {parameters[i],10:F4}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final mean squared error {loss:E3} (noise variance 2.5E-003)"));

// A good fit leaves only the noise: fail loudly (for CI) if the error is far above the noise variance.
if (loss > 2 * 2.5e-3)
{
    Console.Error.WriteLine("the fit did not converge: the mean squared error is more than twice the noise variance");
    return 1;
}

return 0;
