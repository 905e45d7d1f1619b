using System.Collections.Frozen;
using System.Reflection;

namespace Rasdl.Diagnostics;

/// <summary>
/// Every diagnostic RASDL can report, as data: one descriptor per code. The CLI's
/// <c>explain</c>, the language server's hover and code descriptions, SARIF rule metadata and
/// the help pages in docs/diagnostics are all made from these entries. The entries are
/// split by code range over partial files (Syntax, Binding, Containment, Style).
/// </summary>
public static partial class DiagnosticCatalogue
{
    private static readonly Lazy<FrozenDictionary<string, DiagnosticDescriptor>> ByCode = new(() =>
        typeof(DiagnosticCatalogue)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToFrozenDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Where help pages live. By default the pages shipped beside the compiler
    /// (docs/diagnostics/RASDLnnnn.md, copied next to the assembly), so links work offline.
    /// </summary>
    public static Uri HelpBaseUri { get; set; } = new(
        Path.Combine(AppContext.BaseDirectory, "docs", "diagnostics") + Path.DirectorySeparatorChar);

    public static IEnumerable<DiagnosticDescriptor> All => ByCode.Value.Values.OrderBy(d => d.Code, StringComparer.Ordinal);

    public static bool TryGet(string code, out DiagnosticDescriptor descriptor)
    {
        var normalised = Normalise(code);
        if (normalised is not null && ByCode.Value.TryGetValue(normalised, out var found))
        {
            descriptor = found;
            return true;
        }

        descriptor = null!;
        return false;
    }

    /// <summary>Accepts "RASDL1002", "rasdl1002" and "1002".</summary>
    private static string? Normalise(string code)
    {
        code = code.Trim();
        if (code.Length == 4 && code.All(char.IsAsciiDigit))
        {
            return "RASDL" + code;
        }

        return code.Length == 9 ? code.ToUpperInvariant() : null;
    }
}
