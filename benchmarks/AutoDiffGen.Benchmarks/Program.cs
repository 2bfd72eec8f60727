using System;
using BenchmarkDotNet.Running;

namespace AutoDiffGen.Benchmarks;

/// <summary>
/// Entry point. <c>dotnet run -c Release --project benchmarks/AutoDiffGen.Benchmarks -- --filter '*'</c> runs every
/// BenchmarkDotNet suite; <c>-- probe</c> prints quick Stopwatch-based matmul GFLOP/s and elementwise tables (seconds, not minutes,
/// for iterating on blocking sizes; the BenchmarkDotNet figures are the ones to quote); <c>-- gmm</c> prints quick GMM gradient ÷ objective ratios;
/// <c>-- lse</c> times the log-sum-exp the GMM calls per point, its generated gradient entry and one written by hand;
/// <c>-- network</c> prints the network benchmark's four rows, best of 9 interleaved rounds;
/// <c>-- matrix</c> times a layer's gradient with its weights a <c>double[,]</c> against the same on a flat span;
/// <c>-- ridge</c> times ridge regression's gradient generated from loops and from TensorPrimitives against a hand-written one;
/// <c>-- step</c> splits an MLP training step into its phases and ops;
/// <c>-- elementwise</c> prints only the elementwise table; <c>-- variants</c> times GEMM refinements against the paths they replaced.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "gmm")
        {
            Gmm.GmmProbe.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "network")
        {
            Network.TwoLayerNetworkProbe.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "matrix")
        {
            Matrix.MatrixLayerProbe.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "ridge")
        {
            Regression.RidgeRegressionProbe.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "lse")
        {
            Gmm.LogSumExpProbe.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "step")
        {
            TrainingStepProbe.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "variants")
        {
            GemmVariantProbe.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "elementwise")
        {
            ElementwiseProbe.Run();
            DivisionVariantProbe.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "probe")
        {
            MatMulProbe.Run(args.AsSpan(1));
            ElementwiseProbe.Run();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
