using System;
using System.Globalization;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// How many programs to try and from which seed. CI uses the defaults (a few hundred programs, a
/// fixed seed, so a CI failure reproduces); AUTODIFFGEN_FUZZ_PROGRAMS and AUTODIFFGEN_FUZZ_SEED
/// scale it up (tools/fuzz/run.sh).
/// </summary>
public sealed record FuzzSettings(int Programs, long FirstSeed, int BatchSize)
{
    public const int DefaultPrograms = 300;
    public const long DefaultSeed = 20261122;

    public static FuzzSettings FromEnvironment() => new(
        Read("AUTODIFFGEN_FUZZ_PROGRAMS", DefaultPrograms),
        Read("AUTODIFFGEN_FUZZ_SEED", DefaultSeed),
        (int)Read("AUTODIFFGEN_FUZZ_BATCH", 150));

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
