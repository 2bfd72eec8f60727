namespace AutoDiffGen.Generator.Model;

/// <summary>How the generator builds the names of the locals it adds from the names of the source's.</summary>
internal static class NameStems
{
    /// <summary><paramref name="name"/> with its first letter upper case, to follow a stem in a generated name (clearBuffer, atValue).</summary>
    public static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);
}
