namespace Rasdl.Semantics;

/// <summary>Small helpers for messages that read as English.</summary>
internal static class English
{
    /// <summary>"an interconnect", "a root_port", "an SError severity" (by sound: S is "ess").</summary>
    public static string WithArticle(string noun) =>
        (noun.Length > 0 && ("aeiou".Contains(char.ToLowerInvariant(noun[0])) || noun.StartsWith("SError", StringComparison.Ordinal)) ? "an " : "a ") + noun;
}
