using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Compares text (usually generated code) with an approved snapshot kept in the repository.
/// </summary>
/// <remarks>
/// The snapshot for <c>Match(actual, "Name")</c> called from <c>Foo/BarTests.cs</c> is
/// <c>Foo/Name.verified.cs</c>: it lives NEXT TO the calling test file, so a test and its baselines
/// are reviewed together. On a mismatch, or when the snapshot does not exist yet, the actual text is
/// written to <c>Foo/Name.received.cs</c> and the test fails with a unified diff.
/// Set the environment variable <c>AUTODIFFGEN_ACCEPT=1</c> to write the actual text to the
/// <c>.verified.cs</c> file instead (review the change with git diff before committing).
/// Only line endings are normalised (to <c>\n</c>); every other character counts.
/// The project excludes <c>*.verified.cs</c> and <c>*.received.cs</c> from compilation and turns off
/// deterministic source-path mapping so <see cref="CallerFilePathAttribute"/> is a real path.
/// </remarks>
public static class SnapshotAssert
{
    public const string AcceptEnvironmentVariable = "AUTODIFFGEN_ACCEPT";

    public static void Match(string actual, string name, [CallerFilePath] string testFile = "")
    {
        string? directory = Path.GetDirectoryName(testFile);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            throw new XunitException(
                $"SnapshotAssert cannot locate the directory of the test file '{testFile}'. " +
                "Is deterministic source-path mapping (PathMap) on for the test project?");
        }

        MatchInDirectory(actual, name, directory, IsAccepting());
    }

    /// <summary>The same comparison with the directory and the accept mode given explicitly (for testing the helper itself).</summary>
    public static void MatchInDirectory(string actual, string name, string directory, bool accept)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"Snapshot name '{name}' is not a valid file name.", nameof(name));
        }

        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string normalisedActual = NormaliseLineEndings(actual);

        if (accept)
        {
            File.WriteAllText(verifiedPath, normalisedActual);
            DeleteIfExists(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            File.WriteAllText(receivedPath, normalisedActual);
            throw new XunitException(
                $"Snapshot '{name}' has no approved version: {verifiedPath} does not exist.\n" +
                $"The actual output was written to {receivedPath}; review it and rename it to .verified.cs, " +
                $"or rerun with {AcceptEnvironmentVariable}=1.\n\n{normalisedActual}");
        }

        string verified = NormaliseLineEndings(File.ReadAllText(verifiedPath));
        if (string.Equals(verified, normalisedActual, StringComparison.Ordinal))
        {
            DeleteIfExists(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalisedActual);
        string diff = UnifiedDiff.Format(verified, normalisedActual, verifiedPath, receivedPath);
        throw new XunitException(
            $"Snapshot '{name}' does not match {verifiedPath}.\n" +
            $"The actual output was written to {receivedPath}; if the change is intended, rerun with " +
            $"{AcceptEnvironmentVariable}=1 or copy it over the verified file.\n\n{diff}");
    }

    public static string NormaliseLineEndings(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    private static bool IsAccepting() =>
        Environment.GetEnvironmentVariable(AcceptEnvironmentVariable) is "1" or "true" or "TRUE" or "True";

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
