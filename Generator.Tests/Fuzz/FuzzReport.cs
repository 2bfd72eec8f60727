using System.Globalization;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>A failing program as a person reads it: what failed, the program, the point, the evidence.</summary>
public static class FuzzReport
{
    public static string Describe(FuzzResult result) =>
        $"{result.Outcome} (seed {result.Program.Seed}; rerun with AUTODIFFGEN_FUZZ_SEED={result.Program.Seed} AUTODIFFGEN_FUZZ_PROGRAMS=1 and the same AUTODIFFGEN_FUZZ_FEATURES)\n" +
        $"at ({string.Join(", ", result.Program.Point.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}):\n" +
        ProgramPrinter.ToCSharp(result.Program, "P") + result.Detail;
}
