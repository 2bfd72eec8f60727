using System;
using System.Diagnostics;
using AutoDiffGen;
using AutoDiffGen.NN;
using AutoDiffGen.Optim;
using AutoDiffGen.Samples.Spirals;
using Spectre.Console;

// Two interleaved spirals, a 2-64-64-2 tanh MLP, Adam and cross-entropy: the "hello world" of
// training a small network in-process, with nothing native underneath.
const int PointsPerClass = 200;
const int Epochs = 1000;
const double RequiredAccuracy = 0.95;

var rng = new Random(1234);
var (features, labels) = TwoSpirals.Generate(PointsPerClass, turns: 1.5, noise: 0.02, rng);
Tensor inputs = Tensor.FromArray(features, labels.Length, 2);

var model = new Sequential(
    new Linear(2, 64, rng: rng),
    new Tanh(),
    new Linear(64, 64, rng: rng),
    new Tanh(),
    new Linear(64, 2, rng: rng));
var optimizer = new Adam(model.Parameters(), lr: 0.01);

long parameterCount = 0;
foreach (var parameter in model.Parameters()) parameterCount += parameter.NumElements;
AnsiConsole.MarkupLine($"[bold]Two spirals[/]: {labels.Length} points; MLP 2-64-64-2 (tanh), {parameterCount} parameters; Adam lr 0.01, {Epochs} full-batch epochs");

var clock = Stopwatch.StartNew();
double loss = double.NaN;
AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .Start(context =>
    {
        var task = context.AddTask("training", maxValue: Epochs);
        for (int epoch = 1; epoch <= Epochs; epoch++)
        {
            optimizer.ZeroGrad();
            Tensor lossTensor = Losses.CrossEntropy(model.Forward(inputs), labels);
            lossTensor.Backward();
            optimizer.Step();
            loss = lossTensor.Item();
            if (epoch % 50 == 0)
            {
                task.Description = $"training (loss {loss:F4})";
            }
            task.Increment(1);
        }
    });

double accuracy;
using (Autograd.NoGrad())
{
    model.Eval();
    accuracy = Accuracy.Of(model.Forward(inputs), labels);
}

AnsiConsole.MarkupLine($"final loss [bold]{loss:F4}[/], accuracy [bold]{accuracy:P1}[/] in {clock.Elapsed.TotalSeconds:F1} s");
if (accuracy <= RequiredAccuracy)
{
    AnsiConsole.MarkupLine($"[red]accuracy {accuracy:P1} is not above the required {RequiredAccuracy:P0}[/]");
    return 1;
}
return 0;
