using System;
using System.IO;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace AutoDiffGen.Generator.Tests.Infrastructure.SelfTests;

public sealed class SnapshotAssertTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("adg-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Verified(string name) => Path.Combine(_directory, name + ".verified.cs");

    private string Received(string name) => Path.Combine(_directory, name + ".received.cs");

    [Fact]
    public void Matching_text_passes_and_removes_a_stale_received_file()
    {
        File.WriteAllText(Verified("Same"), "class A {}\n");
        File.WriteAllText(Received("Same"), "stale");

        SnapshotAssert.MatchInDirectory("class A {}\n", "Same", _directory, accept: false);

        Assert.False(File.Exists(Received("Same")));
    }

    [Fact]
    public void Only_line_endings_are_normalised()
    {
        File.WriteAllText(Verified("Crlf"), "line one\r\nline two\r\n");

        SnapshotAssert.MatchInDirectory("line one\nline two\n", "Crlf", _directory, accept: false);

        File.WriteAllText(Verified("Spaces"), "line one \n");
        Assert.Throws<XunitException>(() => SnapshotAssert.MatchInDirectory("line one\n", "Spaces", _directory, accept: false));
    }

    [Fact]
    public void Mismatch_fails_with_a_unified_diff_and_writes_the_received_file()
    {
        File.WriteAllText(Verified("Changed"), "a\nb\nc\n");

        var failure = Assert.Throws<XunitException>(
            () => SnapshotAssert.MatchInDirectory("a\nB\nc\n", "Changed", _directory, accept: false));

        Assert.Contains("-b\n+B\n", failure.Message);
        Assert.Contains("@@ -1,3 +1,3 @@", failure.Message);
        Assert.Contains(SnapshotAssert.AcceptEnvironmentVariable, failure.Message);
        Assert.Equal("a\nB\nc\n", File.ReadAllText(Received("Changed")));
        Assert.Equal("a\nb\nc\n", File.ReadAllText(Verified("Changed")));
    }

    [Fact]
    public void Missing_verified_file_fails_and_writes_the_received_file()
    {
        var failure = Assert.Throws<XunitException>(
            () => SnapshotAssert.MatchInDirectory("new\n", "Missing", _directory, accept: false));

        Assert.Contains("no approved version", failure.Message);
        Assert.Equal("new\n", File.ReadAllText(Received("Missing")));
        Assert.False(File.Exists(Verified("Missing")));
    }

    [Fact]
    public void Accepting_overwrites_the_verified_file_with_normalised_text()
    {
        File.WriteAllText(Verified("Accepted"), "old\n");
        File.WriteAllText(Received("Accepted"), "old received");

        SnapshotAssert.MatchInDirectory("new\r\n", "Accepted", _directory, accept: true);

        Assert.Equal("new\n", File.ReadAllText(Verified("Accepted")));
        Assert.False(File.Exists(Received("Accepted")));
    }

    [Fact]
    public void Match_looks_next_to_the_calling_test_file()
    {
        File.WriteAllText(Verified("Beside"), "x\n");

        SnapshotAssert.Match("x\n", "Beside", testFile: Path.Combine(_directory, "SomeTests.cs"));
    }

    [Fact]
    public void Match_fails_clearly_when_the_test_file_directory_does_not_exist()
    {
        var failure = Assert.Throws<XunitException>(
            () => SnapshotAssert.Match("x", "Nowhere", testFile: "/_/mapped/path/Tests.cs"));

        Assert.Contains("/_/mapped/path/Tests.cs", failure.Message);
    }

    [Fact]
    public void Unified_diff_shows_context_and_separates_distant_hunks()
    {
        string expected = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        string actual = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n";

        string diff = UnifiedDiff.Format(expected, actual, "verified", "received");

        Assert.Equal(
            "--- verified\n+++ received\n" +
            "@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n" +
            "@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n",
            diff);
    }
}
