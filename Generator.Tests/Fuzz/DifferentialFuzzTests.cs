using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Random programs through the generator, checked against central finite differences and the
/// runtime's dynamic graph. A failure prints the shrunk program, its seed and how to rerun it.
/// </summary>
public sealed class DifferentialFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void GeneratedGradientsAgreeWithFiniteDifferencesAndTheDynamicGraph()
    {
        FuzzSettings settings = FuzzSettings.FromEnvironment();
        FuzzCampaign campaign = FuzzCampaign.Run(settings);
        output.WriteLine(campaign.Summary());

        Assert.True(campaign.Count(FuzzOutcome.InvalidProgram) == 0, "The fuzzer printed programs that do not compile:\n" + campaign.Describe(FuzzOutcome.InvalidProgram));
        // A few programs must reach every check, or the campaign proves nothing.
        Assert.True(campaign.Count(FuzzOutcome.Passed) >= settings.Programs * 8 / 10, "Too few programs were fully checked:\n" + campaign.Summary());
        if (campaign.Bugs.Count > 0)
        {
            Assert.Fail(campaign.DescribeBugs(shrinkLimit: 3));
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameProgram()
    {
        Assert.Equal(
            ProgramPrinter.ToCSharp(ProgramGenerator.Generate(42), "P"),
            ProgramPrinter.ToCSharp(ProgramGenerator.Generate(42), "P"));
        Assert.NotEqual(
            ProgramPrinter.ToCSharp(ProgramGenerator.Generate(42), "P"),
            ProgramPrinter.ToCSharp(ProgramGenerator.Generate(43), "P"));
    }
}
