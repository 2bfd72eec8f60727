using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>Programs seeded FirstSeed, FirstSeed+1, … checked in batches; the tally and the failures.</summary>
public sealed class FuzzCampaign
{
    private readonly List<FuzzResult> _results;

    private FuzzCampaign(FuzzSettings settings, List<FuzzResult> results, TimeSpan elapsed)
    {
        Settings = settings;
        _results = results;
        Elapsed = elapsed;
    }

    public FuzzSettings Settings { get; }

    public TimeSpan Elapsed { get; }

    public IReadOnlyList<FuzzResult> Bugs => _results.Where(r => r.Outcome.IsBug()).ToList();

    public static FuzzCampaign Run(FuzzSettings settings, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var results = new List<FuzzResult>();
        for (int start = 0; start < settings.Programs; start += settings.BatchSize)
        {
            int count = Math.Min(settings.BatchSize, settings.Programs - start);
            FuzzProgram[] batch = Enumerable.Range(start, count).Select(i => ProgramGenerator.Generate(settings.FirstSeed + i, settings.Features)).ToArray();
            results.AddRange(DifferentialChecker.CheckBatch(batch));
            progress?.Invoke($"{results.Count} programs, {results.Count(r => r.Outcome.IsBug())} failing, {clock.Elapsed.TotalSeconds:F0} s");
        }

        return new FuzzCampaign(settings, results, clock.Elapsed);
    }

    public int Count(FuzzOutcome outcome) => _results.Count(r => r.Outcome == outcome);

    public string Summary()
    {
        var text = new StringBuilder();
        text.Append($"{_results.Count} programs ({Settings.Features}) from seed {Settings.FirstSeed} in {Elapsed.TotalSeconds:F1} s: ");
        text.Append($"mismatches {_results.Count(r => r.Outcome >= FuzzOutcome.ValueMismatch)}, ");
        text.Append($"crashes {_results.Count(r => r.Outcome.IsCrash())}, ");
        text.Append($"other failures {_results.Count(r => r.Outcome.IsBug() && !r.Outcome.IsCrash() && r.Outcome < FuzzOutcome.ValueMismatch)}, ");
        text.Append($"finite differences skipped at kinks {_results.Count(r => r.FiniteDifferencesSkipped)}, ");
        text.Append($"graph comparison skipped as ill-conditioned (relative condition number of F or of a gradient component > 1e6) {_results.Count(r => r.GraphSkippedIllConditioned)}, ");
        text.Append($"with an inlined call {_results.Count(r => r.Inlined)}, ");
        text.Append($"with saves in slots {_results.Count(r => r.Slotted)}, ");
        text.Append($"with span views {_results.Count(r => FuzzProgramWalk.UsesViews(r.Program))}, ");
        text.Append($"with swapped arrays {_results.Count(r => FuzzProgramWalk.SwapsArrays(r.Program))}, ");
        text.Append($"calling writers {_results.Count(r => FuzzProgramWalk.CallsWriters(r.Program))}, ");
        text.Append($"calling writers with arrays of their own in loops {_results.Count(r => FuzzProgramWalk.CallsWritersWithArraysInLoops(r.Program))}, ");
        text.Append($"with span stores {_results.Count(r => FuzzProgramWalk.UsesSpanStores(r.Program))}, ");
        text.Append($"passing ref scalars from F {_results.Count(r => FuzzProgramWalk.PassesRefScalars(r.Program))}, ");
        text.Append($"with TensorPrimitives reductions {_results.Count(r => FuzzProgramWalk.UsesReductions(r.Program))}, ");
        text.Append($"with stepped indices {_results.Count(r => FuzzProgramWalk.UsesSteppedIndices(r.Program))}, ");
        text.Append($"with 2-D arrays {_results.Count(r => FuzzProgramWalk.UsesMatrices(r.Program))}, ");
        text.Append($"taking a jagged array {_results.Count(r => FuzzProgramWalk.TakesJagged(r.Program))}, ");
        text.Append($"calling local functions {_results.Count(r => FuzzProgramWalk.CallsLocalFunctions(r.Program))}, ");
        text.Append($"with in parameters {_results.Count(r => FuzzProgramWalk.TakesInParameters(r.Program))}, ");
        text.Append($"with LINQ reductions {_results.Count(r => FuzzProgramWalk.UsesLinq(r.Program))}, ");
        text.Append($"with elementwise TensorPrimitives {_results.Count(r => FuzzProgramWalk.UsesElementwise(r.Program))}, ");
        text.Append($"passing 2-D or jagged arrays to helpers {_results.Count(r => FuzzProgramWalk.PassesShapedArrays(r.Program))}.\n");
        var overruled = _results.Where(r => r.GraphOverruledByDifferences).Select(r => r.Program.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (overruled.Count > 0)
        {
            text.Append($"  the dynamic graph disagreed where central differences side with the generated gradient: {overruled.Count} (seeds {string.Join(", ", overruled)})\n");
        }

        foreach (IGrouping<FuzzOutcome, FuzzResult> group in _results.GroupBy(r => r.Outcome).OrderBy(g => g.Key))
        {
            text.Append($"  {group.Key}: {group.Count()}\n");
        }

        // A rejection is not a bug by itself, but the subset is meant to be supported: say what was rejected.
        foreach (IGrouping<string, FuzzResult> reason in _results.Where(r => r.Outcome == FuzzOutcome.Rejected).GroupBy(r => FirstDiagnostic(r.Detail)))
        {
            text.Append($"  rejected with {reason.Key}: {reason.Count()} (e.g. seed {reason.First().Program.Seed})\n");
        }

        return text.ToString();
    }

    private static string FirstDiagnostic(string detail)
    {
        int at = detail.IndexOf("ADG", StringComparison.Ordinal);
        if (at < 0)
        {
            return "(no ADG diagnostic)";
        }

        int end = detail.IndexOf('\n', at);
        string line = end < 0 ? detail[at..] : detail[at..end];
        return line.Length > 160 ? line[..160] : line;
    }

    public string Describe(FuzzOutcome outcome) =>
        string.Join("\n\n", _results.Where(r => r.Outcome == outcome).Take(3).Select(FuzzReport.Describe));

    /// <summary>Each kind of failure once, shrunk (up to <paramref name="shrinkLimit"/> shrinks: they recompile many times).</summary>
    public string DescribeBugs(int shrinkLimit)
    {
        var text = new StringBuilder(Summary()).Append('\n');
        int shrunk = 0;
        foreach (FuzzResult bug in Bugs.GroupBy(b => b.Outcome).Select(g => g.First()))
        {
            FuzzResult shown = shrunk++ < shrinkLimit ? Shrinker.Shrink(bug) : bug;
            text.Append(FuzzReport.Describe(shown)).Append("\n\n");
        }

        text.Append("Every failing seed: ").Append(string.Join(", ", Bugs.Select(b => $"{b.Program.Seed} ({b.Outcome})")));
        return text.ToString();
    }
}
