using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Workspace;
using CompilerDiagnostic = Rasdl.Diagnostics.Diagnostic;
using CompilerSeverity = Rasdl.Diagnostics.DiagnosticSeverity;

namespace Rasdl.LanguageServer.Features.Diagnostics;

/// <summary>Turns the compiler's diagnostics into LSP diagnostics: code, help link, severity, related locations, quick-fix data.</summary>
public static class DiagnosticConverter
{
    public const string Source = "rasdl";

    /// <summary>The code of the one diagnostic published when the compiler itself fails.</summary>
    public const string InternalErrorCode = "RASDL0000";

    public static Protocol.Diagnostic ToLsp(CompilerDiagnostic diagnostic, DocumentUris uris) => new()
    {
        Range = LspRanges.ToRange(diagnostic.Location.Range),
        Severity = ToLsp(diagnostic.Severity),
        Code = diagnostic.Code,
        CodeDescription = new CodeDescription { Href = diagnostic.Descriptor.HelpUri.AbsoluteUri },
        Source = Source,
        Message = diagnostic.Message,
        RelatedInformation = diagnostic.Related.IsDefaultOrEmpty
            ? null
            : [.. diagnostic.Related.Select(r => new DiagnosticRelatedInformation
            {
                Location = new Location { Uri = uris.ToUri(r.Location.Path), Range = LspRanges.ToRange(r.Location.Range) },
                Message = r.Message,
            })],
        Data = diagnostic.Data.IsEmpty ? null : diagnostic.Data.ToDictionary(p => p.Key, p => (object?)p.Value),
    };

    public static DiagnosticSeverity ToLsp(CompilerSeverity severity) => severity switch
    {
        CompilerSeverity.Error => DiagnosticSeverity.Error,
        CompilerSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Information,
    };

    /// <summary>What the user sees when the compiler throws: one error at the top of the file, and the server keeps serving.</summary>
    public static Protocol.Diagnostic InternalError(Exception exception) => new()
    {
        Range = new Protocol.Range { Start = new Position { Line = 0, Character = 0 }, End = new Position { Line = 0, Character = 0 } },
        Severity = DiagnosticSeverity.Error,
        Code = InternalErrorCode,
        Source = Source,
        Message = $"internal error in the RASDL compiler ({exception.GetType().Name}: {exception.Message}); this file could not be analysed. Please report it with the file that caused it.",
    };
}
