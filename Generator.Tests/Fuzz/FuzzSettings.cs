using System;
using System.Globalization;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// How many programs to try and from which seed. CI uses the defaults (a few hundred programs, a
/// fixed seed, so a CI failure reproduces); AUTODIFFGEN_FUZZ_PROGRAMS and AUTODIFFGEN_FUZZ_SEED
/// scale it up, AUTODIFFGEN_FUZZ_FEATURES (e.g. "All") widens the language (tools/fuzz/run.sh).
/// </summary>
public sealed record FuzzSettings(int Programs, long FirstSeed, int BatchSize, FuzzFeatures Features = FuzzFeatures.Default)
{
    public const int DefaultPrograms = 300;
    public const long DefaultSeed = 20261122;

    public static FuzzSettings FromEnvironment() => new(
        Read("AUTODIFFGEN_FUZZ_PROGRAMS", DefaultPrograms),
        Read("AUTODIFFGEN_FUZZ_SEED", DefaultSeed),
        (int)Read("AUTODIFFGEN_FUZZ_BATCH", 150),
        ReadFeatures());

    private static FuzzFeatures ReadFeatures()
    {
        string? text = Environment.GetEnvironmentVariable("AUTODIFFGEN_FUZZ_FEATURES");
        if (string.IsNullOrWhiteSpace(text))
        {
            return FuzzFeatures.Default;
        }

        return Enum.TryParse(text, ignoreCase: true, out FuzzFeatures features)
            ? features
            : throw new ArgumentException($"AUTODIFFGEN_FUZZ_FEATURES must be a list of {string.Join(", ", Enum.GetNames<FuzzFeatures>())}, got '{text}'.");
    }

    private static int Read(string name, int fallback) => (int)Read(name, (long)fallback);

    private static long Read(string name, long fallback)
    {
        string? text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive integer, got '{text}'.");
    }
}
