namespace Rasdl.Diagnostics;

public static partial class DiagnosticCatalogue
{
    public static readonly DiagnosticDescriptor UnusedBlock = new(
        "RASDL3001", DiagnosticSeverity.Warning, "Block on no route",
        "block '{0}' is on no route, so its rules are never used",
        """
        A block only matters if an access can pass through it. Add it to a route, or remove it.
        Blocks in the standard library and in imported IP models are not reported, nor is a
        `firmware` block, which is on no route by design (the hypervisor's `firmware` action
        asks it).
        """);

    public static readonly DiagnosticDescriptor UnusedImport = new(
        "RASDL3002", DiagnosticSeverity.Warning, "Unused import",
        "nothing declared in '{0}' is used",
        """
        The imported file's declarations are never referred to. Remove the import.
        """);

    public static readonly DiagnosticDescriptor RedundantFilterWord = new(
        "RASDL3003", DiagnosticSeverity.Warning, "Redundant filter word",
        "'{0}' adds nothing to this filter: {1}",
        """
        A filter word that another word of the same category already covers (e.g.
        `speculative` next to `read`, or `device_nGnRE` next to `device`) or that is repeated
        changes nothing. Remove it.
        """);

    public static readonly DiagnosticDescriptor UnknownSuppression = new(
        "RASDL3004", DiagnosticSeverity.Warning, "Unknown code in a suppression comment",
        "'{0}' is not a RASDL diagnostic code",
        """
        `// rasdl-disable-next-line CODE...` silences the listed codes on the next line. The
        code is not in the catalogue (`rasdl explain` lists them), so nothing is silenced.
        """);

    public static readonly DiagnosticDescriptor MissingDoc = new(
        "RASDL3005", DiagnosticSeverity.Off, "Declaration without doc",
        "{0} '{1}' has no doc string",
        """
        Off by default. Turn it on in rasdl.json (`"RASDL3005": "warning"`) to require a `doc`
        string on every block, endpoint, hypervisor and profile, so hovers and reports explain
        the platform.
        """);

    public static readonly DiagnosticDescriptor NameStyle = new(
        "RASDL3006", DiagnosticSeverity.Info, "Name style",
        "'{0}' is not snake_case; RASDL names are lower case with underscores",
        """
        Names are easiest to read and search in a uniform style. The vocabulary uses
        snake_case, and so do the examples.
        """);
}
