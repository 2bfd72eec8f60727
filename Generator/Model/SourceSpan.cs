namespace AutoDiffGen.Generator.Model;

/// <summary>
/// A span in the source file of the method being differentiated: plain numbers instead of a Roslyn
/// Location, so models stay equatable and hold no syntax tree.
/// </summary>
internal sealed record SourceSpan(int Start, int Length);
