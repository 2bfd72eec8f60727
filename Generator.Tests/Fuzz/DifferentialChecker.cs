using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Checks a batch of programs in ONE generator run and one emit. A program whose files fail to
/// compile is classified from where the errors are and set aside; the rest is compiled again and
/// each program's gradients are compared with the two oracles.
/// </summary>
public static class DifferentialChecker
{
    /// <summary>Generated vs dynamic graph: the same formulas evaluated in a different order.</summary>
    private const double GraphTolerance = 1e-10;

    /// <summary>Programs whose relative condition number exceeds this are not compared with the dynamic graph.</summary>
    private const double MaxConditioningForGraphCheck = 1e6;

    /// <summary>Above this, what <see cref="GradientNoise"/> sees is a branch crossed, not rounding.</summary>
    private const double MaxRoundingNoise = 1e-6;

    /// <summary>Central differences with h = 1e-6·max(1,|x|) carry ~1e-10 error; cancellation in F can cost more.</summary>
    private const double FiniteDifferenceTolerance = 1e-5;

    public static IReadOnlyList<FuzzResult> CheckBatch(IReadOnlyList<FuzzProgram> programs) => CheckBatch(programs, twin: null);

    /// <param name="twin">Self-tests only: makes each program's tensor oracle from a different program, to prove mismatches are caught.</param>
    internal static IReadOnlyList<FuzzResult> CheckBatch(IReadOnlyList<FuzzProgram> programs, Func<FuzzProgram, FuzzProgram>? twin)
    {
        var results = new FuzzResult?[programs.Count];
        List<int> remaining = Enumerable.Range(0, programs.Count).ToList();
        for (int attempt = 0; attempt < 4 && remaining.Count > 0; attempt++)
        {
            BatchCompilation batch;
            try
            {
                batch = BatchCompilation.Compile(remaining.SelectMany(i => BatchSources.For(programs[i], i, twin?.Invoke(programs[i]))));
            }
            catch (GeneratorThrewException) when (remaining.Count > 1)
            {
                // The generator threw somewhere in the batch: find where, one program at a time.
                foreach (int i in remaining)
                {
                    results[i] = CheckBatch(new[] { programs[i] }, twin)[0];
                }

                return results.Select(r => r!).ToArray();
            }
            catch (GeneratorThrewException e)
            {
                results[remaining[0]] = new FuzzResult(programs[remaining[0]], FuzzOutcome.GeneratorThrew, e.Message);
                return results.Select(r => r!).ToArray();
            }

            if (batch.Assembly is { } assembly)
            {
                using (assembly)
                {
                    foreach (int i in remaining)
                    {
                        results[i] = (InliningFailure(batch, programs[i], i) ?? RunChecks(assembly, programs[i], i)) with { Inlined = InlinesACall(batch.GeneratedSources, i), Slotted = SavesInSlots(batch.GeneratedSources, i) };
                    }
                }

                return results.Select(r => r!).ToArray();
            }

            Dictionary<int, FuzzResult> broken = ClassifyCompileFailures(batch, remaining, programs);
            foreach (KeyValuePair<int, FuzzResult> failure in broken)
            {
                results[failure.Key] = failure.Value;
            }

            remaining = remaining.Where(i => !broken.ContainsKey(i)).ToList();
        }

        foreach (int i in remaining)
        {
            results[i] = new FuzzResult(programs[i], FuzzOutcome.InvalidProgram, "Still did not compile after setting the broken programs aside.");
        }

        return results.Select(r => r!).ToArray();
    }

    /// <summary>A failure when a generated file of the program says its inlined form could not be differentiated.</summary>
    private static FuzzResult? InliningFailure(BatchCompilation batch, FuzzProgram program, int slot) =>
        batch.GeneratedSources.FirstOrDefault(s => BatchSources.IsGeneratedFileOf(slot, s.Key) && s.Value.Contains(Emitter.InliningFailedNote)) is { Key: { } file }
            ? new FuzzResult(program, FuzzOutcome.InliningFailed, file + ": " + Emitter.InliningFailedNote)
            : null;

    private static Dictionary<int, FuzzResult> ClassifyCompileFailures(BatchCompilation batch, List<int> slots, IReadOnlyList<FuzzProgram> programs)
    {
        var broken = new Dictionary<int, FuzzResult>();
        foreach (int slot in slots)
        {
            FuzzProgram program = programs[slot];
            Diagnostic[] userErrors = batch.Errors.Where(d => FileOf(d) == BatchSources.UserFile(slot) || FileOf(d) == BatchSources.TensorFile(slot)).ToArray();
            Diagnostic[] generatedErrors = batch.Errors.Where(d => BatchSources.IsGeneratedFileOf(slot, FileOf(d))).ToArray();
            Diagnostic[] driverErrors = batch.Errors.Where(d => FileOf(d) == BatchSources.DriverFile(slot)).ToArray();
            if (userErrors.Length > 0)
            {
                broken[slot] = new FuzzResult(program, FuzzOutcome.InvalidProgram, Describe(userErrors, batch.GeneratedSources, slot));
            }
            else if (generatedErrors.Length > 0)
            {
                broken[slot] = new FuzzResult(program, FuzzOutcome.GeneratedCodeDoesNotCompile, Describe(generatedErrors, batch.GeneratedSources, slot));
            }
            else if (driverErrors.Length > 0)
            {
                broken[slot] = ExplainMissingCode(program, driverErrors, batch.GeneratedSources, slot);
            }
        }

        return broken;
    }

    /// <summary>
    /// No code was generated for the program: the analyzers (run on this program alone, since they
    /// are slow on a whole batch) must say why, and must not say "internal error".
    /// </summary>
    private static FuzzResult ExplainMissingCode(FuzzProgram program, Diagnostic[] driverErrors, IReadOnlyDictionary<string, string> generated, int slot)
    {
        Diagnostic[] own;
        try
        {
            GeneratorRun alone = GeneratorHarness.Run(BatchSources.For(program, slot), assemblyName: "FuzzAlone");
            own = alone.AnalyzerDiagnostics.Concat(alone.GeneratorDiagnostics).Where(d => FileOf(d) == BatchSources.UserFile(slot)).ToArray();
        }
        catch (InvalidOperationException e)
        {
            return new FuzzResult(program, FuzzOutcome.GeneratorThrew, e.Message);
        }

        FuzzOutcome outcome = own.Any(d => d.Id == "ADG0099") ? FuzzOutcome.InternalErrorDiagnostic
            : own.Any(d => d.Severity == DiagnosticSeverity.Error) ? FuzzOutcome.Rejected
            : FuzzOutcome.NoCodeAndNoDiagnostic;
        return new FuzzResult(program, outcome, Describe(own.Concat(driverErrors), generated, slot));
    }

    /// <summary>The generated code of an inlined method says, in a comment, which call it inlined.</summary>
    private static bool InlinesACall(IReadOnlyDictionary<string, string> generatedSources, int slot) =>
        generatedSources.Any(g => BatchSources.IsGeneratedFileOf(slot, g.Key) && g.Value.Contains(", inlined: ", StringComparison.Ordinal));

    /// <summary>The fused entry of a method whose loop keeps its saves in slots writes them into a <c>loopNSaves</c> region.</summary>
    private static bool SavesInSlots(IReadOnlyDictionary<string, string> generatedSources, int slot) =>
        generatedSources.Any(g => BatchSources.IsGeneratedFileOf(slot, g.Key) && SlotWrite.IsMatch(g.Value));

    private static readonly System.Text.RegularExpressions.Regex SlotWrite = new(@"\bloop\d+Saves\[[^\]]+\] = ");

    private static string FileOf(Diagnostic d) => Path.GetFileName(d.Location.SourceTree?.FilePath ?? string.Empty);

    private static string Describe(IEnumerable<Diagnostic> diagnostics, IReadOnlyDictionary<string, string> generatedSources, int slot)
    {
        string text = string.Join("\n", diagnostics.Select(d => "  " + d));
        foreach (KeyValuePair<string, string> generated in generatedSources.Where(g => BatchSources.IsGeneratedFileOf(slot, g.Key)))
        {
            text += $"\n==== {generated.Key} ====\n{generated.Value}";
        }

        return text;
    }

    private static FuzzResult RunChecks(CompiledAssembly assembly, FuzzProgram program, int slot)
    {
        Type driver = assembly.GetType(BatchSources.DriverClassName(slot));
        var value = Entry<Func<double[], double>>(driver, "Value");
        var fusedEntry = Entry<Func<double[], double[]>>(driver, "Fused");
        var twiceEntry = Entry<Func<double[], double[]>>(driver, "ForwardBackwardTwice");
        var graphEntry = Entry<Func<double[], double[]>>(driver, "Graph");
        double[] point = program.Point.ToArray();
        try
        {
            double primal = value(point);
            double[] fused = fusedEntry(point);
            double[] twice = twiceEntry(point);
            double[] graph = graphEntry(point);
            if (!fused.Concat(graph).Append(primal).All(double.IsFinite))
            {
                return new FuzzResult(program, FuzzOutcome.SkippedNonFinite, $"value {primal}, gradient [{Format(fused.Skip(1))}]");
            }

            // Past this conditioning, one ulp of difference in evaluation order (C# versus the tensor graph)
            // grows beyond any useful tolerance: the graph comparison says nothing there and is skipped (and counted).
            double conditioning = Conditioning(point, primal, fused);
            bool compareWithGraph = conditioning <= MaxConditioningForGraphCheck;
            if (compareWithGraph && !Close(primal, graph[0], GraphTolerance * conditioning) && JumpsWithinUlps(value, point, primal, graph[0]))
            {
                // F is flat where it stands, so its gradient calls it well conditioned, but it jumps between points a few
                // ulps apart (seed 105000401: tanh of a power whose exponent is sin of ~1e15): the graph's order of
                // rounding lands it elsewhere, and comparing the two says nothing.
                compareWithGraph = false;
            }

            if (!Close(primal, fused[0], 1e-12) || !Close(primal, twice[0], 1e-12) ||
                (compareWithGraph && !Close(primal, graph[0], GraphTolerance * conditioning)))
            {
                return new FuzzResult(program, FuzzOutcome.ValueMismatch, $"F {R(primal)}, fused {R(fused[0])}, Forward {R(twice[0])}, graph {R(graph[0])}");
            }

            // The reverse sweep can cancel where the primal does not (a tiny gradient left from large adjoint terms):
            // the gradient's own rounding noise, seen at points a few ulps away, widens the graph tolerance.
            // The gradient at points a few ulps away: its rounding noise, and each component's conditioning, read it.
            double[][] nearGradients = Enumerable.Range(1, 4).Select(k => fusedEntry(Near(point, k))).ToArray();
            double gradientTolerance = GraphTolerance * conditioning + 4 * GradientNoise(nearGradients, fused);
            bool overruled = false;
            for (int i = 1; i < fused.Length; i++)
            {
                string parameter = program.CoordinateNames[i - 1];
                if (!Close(3 * fused[i], twice[i], 1e-12))
                {
                    return new FuzzResult(program, FuzzOutcome.ForwardBackwardMismatch,
                        $"∂F/∂{parameter}: fused {R(fused[i])}, Backward with seeds 1 then 2 gave {R(twice[i])} (expected 3×)");
                }

                if (compareWithGraph && !Close(graph[i], fused[i], gradientTolerance))
                {
                    // F may be well conditioned where this component of its gradient is not (seed 94000261: sin of an
                    // intermediate near 1e8 in the gradient, one ulp of which moves it by 1e-8): judge it by its own conditioning.
                    double componentConditioning = GradientConditioning(fusedEntry, point, fused, i, nearGradients);
                    if (componentConditioning > MaxConditioningForGraphCheck)
                    {
                        compareWithGraph = false;
                        continue;
                    }

                    if (!Close(graph[i], fused[i], gradientTolerance + GraphTolerance * componentConditioning))
                    {
                        if (SubtractsAnOperandFromItself(program) && DifferencesSideWithGenerated(value, point, i - 1, fused[i], graph[i]))
                        {
                            // In x - x the graph adds the two opposite adjoint terms one by one, as PyTorch does, and may lose to
                            // them what the generated code, which sums a node's partials of one operand first (FB-13), keeps (seeds
                            // 111000841 and 116001087: adjoints of 1e17 and more). Not the generator's bug; counted and listed with
                            // its seed in the summary. Any other disagreement stays a failure: the graph is a product too.
                            // The finite-difference check below still runs.
                            overruled = true;
                            continue;
                        }

                        return new FuzzResult(program, FuzzOutcome.GraphMismatch, $"∂F/∂{parameter}: generated {R(fused[i])}, dynamic graph {R(graph[i])}");
                    }
                }
            }

            FuzzResult result = CompareWithFiniteDifferences(program, value, fusedEntry, point, fused, illConditioned: !compareWithGraph,
                    graphAgreed: compareWithGraph && !overruled)
                with { GraphOverruledByDifferences = overruled };
            return compareWithGraph ? result : result with { GraphSkippedIllConditioned = true };
        }
        catch (Exception e)
        {
            return new FuzzResult(program, FuzzOutcome.ExceptionWhileRunning, e.ToString());
        }
    }

    /// <summary>
    /// Central differences at two step sizes: when they disagree with each other the point sits on a
    /// kink or a branch boundary (|x| at 0, x &lt; y at x = y) and differences say nothing, so the
    /// check is skipped there (the dynamic graph still checked the gradient); a third, much finer step must
    /// agree too, or the steps are too coarse for the function's oscillation. The tolerance also covers
    /// the differences' own rounding: F(x ± h) are each off by up to an ulp, which, divided by 2h, is large
    /// where F is huge next to its change (F = (y − d)·d³ with d ≈ −7.6e5 and h = 1e-6, seed 74001240).
    /// </summary>
    private static FuzzResult CompareWithFiniteDifferences(FuzzProgram program, Func<double[], double> f, Func<double[], double[]> gradient,
        double[] point, double[] fused, bool illConditioned, bool graphAgreed)
    {
        double valueNoise = ValueNoise(f, point, fused);
        bool lostInput = false;
        for (int i = 0; i < point.Length; i++)
        {
            // A secant is a tangent only where the slope holds still across the step. Where the generated gradient at the
            // step's two ends differs from the one at the point, F turns within the step (cos of ~1.8e10 after three
            // squarings, seed 82002182) and every step the differences can take averages the turns away: not comparable.
            if (!SlopeHoldsAcrossStep(gradient, point, fused, i, 1e-6))
            {
                return new FuzzResult(program, FuzzOutcome.Passed, string.Empty, FiniteDifferencesSkipped: true);
            }

            (double coarse, _) = CentralDifference(f, point, i, 1e-5);
            (double fine, double roundoff) = CentralDifference(f, point, i, 1e-6);
            // F may round worse than to an ulp (seed 115000673: x cubed three times, to 1e190): what its values do a few ulps
            // away bounds the rounding of each of the two values a difference subtracts.
            roundoff = Math.Max(roundoff, 2 * valueNoise / (2 * Step(point, i, 1e-6)));
            (double finest, double finestRoundoff) = CentralDifference(f, point, i, 1e-8);
            // The finest step catches what the two coarse ones average away: a term oscillating faster than they
            // resolve (sin of ~1e8, seed 76004346) contributes nearly nothing to both, so they agree on a wrong slope.
            double finestScale = Math.Max(1, Math.Max(Math.Abs(fine), Math.Abs(finest)));
            if (!Close(coarse, fine, 1e-3) || !Close(fine, finest, 1e-3 + 4 * finestRoundoff / finestScale))
            {
                return new FuzzResult(program, FuzzOutcome.Passed, string.Empty, FiniteDifferencesSkipped: true);
            }

            // An input can be lost to rounding before it reaches F (x added to an intermediate of 2e29, whose sine F takes, seed
            // 102000113; x added to ~1e30 in seed 116001102): F does not move at any step, though its slope is not zero. In an
            // ill-conditioned program, or where the dynamic graph agreed with the gradient, the differences say nothing then.
            // (An input F does not depend on gives differences and a gradient that are both 0, and is compared as any other.)
            if ((illConditioned || graphAgreed) && coarse == 0 && fine == 0 && finest == 0 && fused[i + 1] != 0)
            {
                lostInput = true;
                continue;
            }

            double scale = Math.Max(1, Math.Max(Math.Abs(fine), Math.Abs(fused[i + 1])));
            if (!Close(fine, fused[i + 1], FiniteDifferenceTolerance + 4 * roundoff / scale))
            {
                return new FuzzResult(program, FuzzOutcome.FiniteDifferenceMismatch,
                    $"∂F/∂{program.CoordinateNames[i]}: generated {R(fused[i + 1])}, central differences {R(fine)} (h=1e-5 gave {R(coarse)})");
            }
        }

        return new FuzzResult(program, FuzzOutcome.Passed, string.Empty, FiniteDifferencesSkipped: lostInput);
    }

    /// <summary>
    /// How far F's values at points a few ulps away stray from the line its gradient draws through the point: the rounding
    /// of F's evaluation, which differences divide by their step. Exactly rounded, it is about an ulp of F.
    /// </summary>
    private static double ValueNoise(Func<double[], double> f, double[] point, double[] fused)
    {
        double primal = fused[0], noise = 0;
        for (int k = 1; k <= 4; k++)
        {
            double[] near = Near(point, k);
            double predicted = primal;
            for (int i = 0; i < point.Length; i++)
            {
                predicted += fused[i + 1] * (near[i] - point[i]);
            }

            double moved = f(near);
            noise = Math.Max(noise, double.IsFinite(moved) ? Math.Abs(moved - predicted) : 0);
        }

        return noise;
    }

    /// <summary>True when some method of the program subtracts an expression from itself (<c>x - x</c>).</summary>
    private static bool SubtractsAnOperandFromItself(FuzzProgram program) =>
        program.Methods.SelectMany(FuzzProgramWalk.Expressions).OfType<Binary>().Any(b => b.Op == '-' && b.Left == b.Right);

    /// <summary>
    /// True when central differences resolve the gap between the generated ∂F/∂xᵢ and the graph's, and sit with the
    /// generated one: their own noise (the spread between two fine steps, plus F's rounding) is under a tenth of the gap,
    /// and so is their distance to the generated value.
    /// </summary>
    private static bool DifferencesSideWithGenerated(Func<double[], double> f, double[] point, int i, double generated, double graph)
    {
        (double fine, double roundoff) = CentralDifference(f, point, i, 1e-6);
        (double finer, _) = CentralDifference(f, point, i, 1e-7);
        double gap = Math.Abs(generated - graph);
        double noise = Math.Abs(fine - finer) + roundoff;
        return noise < 0.1 * gap && Math.Abs(fine - generated) < 0.1 * gap;
    }

    /// <summary>True when the generated ∂F/∂xᵢ at xᵢ ± h is within 1e-3 (relative) of its value at the point.</summary>
    private static bool SlopeHoldsAcrossStep(Func<double[], double[]> gradient, double[] point, double[] fused, int i, double relativeStep)
    {
        double h = Step(point, i, relativeStep);
        foreach (double sign in new[] { 1.0, -1.0 })
        {
            double[] moved = (double[])point.Clone();
            moved[i] += sign * h;
            double slope = gradient(moved)[i + 1];
            if (!double.IsFinite(slope) || !Close(fused[i + 1], slope, 1e-3))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The step the differences take in coordinate <paramref name="i"/>: relative, but never below the absolute one.</summary>
    private static double Step(double[] point, int i, double relativeStep) => relativeStep * Math.Max(1, Math.Abs(point[i]));

    /// <summary>The central difference, and the most the rounding of F's two values can move it.</summary>
    private static (double Difference, double Roundoff) CentralDifference(Func<double[], double> f, double[] point, int i, double relativeStep)
    {
        double h = Step(point, i, relativeStep);
        double[] plus = (double[])point.Clone();
        double[] minus = (double[])point.Clone();
        plus[i] += h;
        minus[i] -= h;
        double up = f(plus), down = f(minus), step = plus[i] - minus[i];
        return ((up - down) / step, 2.3e-16 * (Math.Abs(up) + Math.Abs(down)) / step);
    }

    /// <summary>
    /// True when F, evaluated a few ulps away from the point, moves by at least half of what separates it from the graph's
    /// value there: the disagreement is F's own instability, not a wrong value.
    /// </summary>
    private static bool JumpsWithinUlps(Func<double[], double> value, double[] point, double primal, double graph)
    {
        double gap = Math.Abs(primal - graph);
        foreach (int k in new[] { -4, -3, -2, -1, 1, 2, 3, 4 })
        {
            double moved = value(Near(point, k));
            if (!double.IsFinite(moved) || Math.Abs(moved - primal) >= gap / 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The point with every coordinate scaled by 1 + k·1e-14: a few ulps away.</summary>
    private static double[] Near(double[] point, int k) => point.Select(x => x * (1 + k * NearDistance)).ToArray();

    /// <summary>The relative distance, per step k, of the points <see cref="Near"/> gives: a few ulps.</summary>
    private const double NearDistance = 1e-14;

    /// <summary>
    /// How far the generated gradient moves, relative to its scale as <see cref="Close"/> measures it, when the point
    /// moves by a few parts in 10¹⁴: the true gradient barely changes there, so what moves is rounding noise — large
    /// only where the sweep cancels, as in x·(x + √(1 + x²)) at x ≈ −7000. A wrong gradient stays wrong at the nearby
    /// points, so the noise does not hide a bug larger than itself.
    /// </summary>
    /// <param name="nearGradients">The gradient at <see cref="Near"/>(point, k) for k = 1 … 4.</param>
    private static double GradientNoise(double[][] nearGradients, double[] fused)
    {
        double noise = 0;
        foreach (double[] moved in nearGradients)
        {
            for (int i = 1; i < fused.Length; i++)
            {
                if (double.IsFinite(moved[i]))
                {
                    noise = Math.Max(noise, Math.Abs(moved[i] - fused[i]) / Math.Max(1, Math.Max(Math.Abs(moved[i]), Math.Abs(fused[i]))));
                }
            }
        }

        // A larger move is a branch or kink crossed between the points, not rounding: it widens nothing.
        return noise <= MaxRoundingNoise ? noise : 0;
    }

    /// <summary>
    /// The first-order relative condition number Σ|xᵢ·∂F/∂xᵢ| / |F| (at least 1): two evaluations of F that
    /// each round correctly but in a different order (the C# program and the tensor graph) may differ by
    /// about this many times the rounding error, e.g. where Sin of a large intermediate amplifies one ulp.
    /// </summary>
    private static double Conditioning(double[] point, double value, double[] gradient)
    {
        double sensitivity = 0;
        for (int i = 0; i < point.Length; i++)
        {
            sensitivity += Math.Abs(point[i] * gradient[i + 1]);
        }

        return Math.Max(1, sensitivity / Math.Max(Math.Abs(value), double.Epsilon));
    }

    /// <summary>
    /// The relative condition number of the gradient's component <paramref name="component"/>, Σⱼ|xⱼ·∂gᵢ/∂xⱼ| / |gᵢ| (at least 1),
    /// with ∂gᵢ/∂xⱼ from central differences of the generated gradient. Asked only once a component disagrees with the
    /// graph, so it costs nothing where they agree; a wrong gradient still has to pass the finite differences after it.
    /// </summary>
    /// <remarks>
    /// The differences' step can be too coarse for a component that oscillates faster (seed 113002698: cos of an intermediate
    /// near 1e25 in ∂F/∂x, which differences at that step happened to call tame), so the component's moves at points a few
    /// ulps away count too: a relative move of m at a relative distance of δ is a condition number of at least m / δ.
    /// </remarks>
    /// <param name="nearGradients">The gradient at <see cref="Near"/>(point, k) for k = 1 … 4.</param>
    private static double GradientConditioning(Func<double[], double[]> gradient, double[] point, double[] fused, int component, double[][] nearGradients)
    {
        double scale = Math.Max(Math.Abs(fused[component]), double.Epsilon);
        double sensitivity = 0;
        for (int j = 0; j < point.Length; j++)
        {
            (double slope, _) = CentralDifference(p => gradient(p)[component], point, j, 1e-6);
            sensitivity += double.IsFinite(slope) ? Math.Abs(point[j] * slope) : double.PositiveInfinity;
        }

        double nearby = 0;
        for (int k = 1; k <= nearGradients.Length; k++)
        {
            double moved = nearGradients[k - 1][component];
            nearby = Math.Max(nearby, double.IsFinite(moved) ? Math.Abs(moved - fused[component]) / scale / (k * NearDistance) : double.PositiveInfinity);
        }

        return Math.Max(1, Math.Max(sensitivity / scale, nearby));
    }

    private static bool Close(double expected, double actual, double tolerance) =>
        Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Max(Math.Abs(expected), Math.Abs(actual)));

    private static T Entry<T>(Type driver, string name)
        where T : Delegate =>
        (driver.GetMethod(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{driver.FullName} has no method {name}.")).CreateDelegate<T>();

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(IEnumerable<double> values) => string.Join(", ", values.Select(R));
}
