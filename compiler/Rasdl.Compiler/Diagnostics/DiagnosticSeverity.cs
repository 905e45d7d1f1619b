namespace Rasdl.Diagnostics;

/// <summary>How much a diagnostic matters; <see cref="Off"/> removes it.</summary>
public enum DiagnosticSeverity
{
    Off,
    Info,
    Warning,
    Error,
}

public static class DiagnosticSeverityNames
{
    public static string ToName(this DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Off => "off",
        DiagnosticSeverity.Info => "info",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    public static bool TryParse(string text, out DiagnosticSeverity severity)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "off" or "none":
                severity = DiagnosticSeverity.Off;
                return true;
            case "info" or "information" or "note":
                severity = DiagnosticSeverity.Info;
                return true;
            case "warning" or "warn":
                severity = DiagnosticSeverity.Warning;
                return true;
            case "error":
                severity = DiagnosticSeverity.Error;
                return true;
            default:
                severity = default;
                return false;
        }
    }
}
