namespace Rasdl.Diagnostics;

public static partial class DiagnosticCatalogue
{
    public static readonly DiagnosticDescriptor DuplicateName = new(
        "RASDL1001", DiagnosticSeverity.Error, "Duplicate name",
        "'{0}' is already declared as {1} at {2}",
        """
        Platforms, blocks, endpoints, hypervisors and profiles share one namespace across a
        compilation (the file and everything it imports); regions share one per endpoint.
        Rename one of the two declarations.
        """);

    public static readonly DiagnosticDescriptor UnknownName = new(
        "RASDL1002", DiagnosticSeverity.Error, "Unknown name",
        "{0} '{1}' is not declared{2}",
        """
        The name does not refer to any declaration in this file or the files it imports. Check
        the spelling (the message suggests the closest declared name), declare it, or import
        the file that declares it.
        """);

    public static readonly DiagnosticDescriptor UnknownWord = new(
        "RASDL1003", DiagnosticSeverity.Error, "Unknown vocabulary word",
        "'{0}' is not {1}{2}",
        """
        Block kinds, errors, access kinds, memory types, outcomes, severities, features,
        drivers, stage-2 attributes and hypervisor actions form RASDL's closed vocabulary
        (docs/language.md lists every word). The message says which category was expected
        here and suggests the closest word.
        """);

    public static readonly DiagnosticDescriptor WrongSymbolKind = new(
        "RASDL1004", DiagnosticSeverity.Error, "Wrong kind of name",
        "'{0}' is {1}, but {2} is expected here",
        """
        The name is declared, but as something else: a route lists blocks, `under` names a
        block, `assign` names an endpoint, and a profile names a hypervisor.
        """);

    public static readonly DiagnosticDescriptor CpuOutcomeOutsideCpu = new(
        "RASDL1005", DiagnosticSeverity.Error, "CPU outcome outside a cpu block",
        "only a cpu block can produce '{0}'; '{1}' is {2}",
        """
        `sea` and `serror(...)` are exceptions taken by a core. A block that is not a core can
        only answer (all_ones, drop), pass an error on toward the CPU (slverr, poison…),
        report out of band (irq), hang or reset.
        """);

    public static readonly DiagnosticDescriptor RouteMustStartAtCpu = new(
        "RASDL1006", DiagnosticSeverity.Error, "Route does not start at a cpu",
        "a route starts at the cpu that makes the access, but '{0}' is {1}",
        """
        Routes are written from the CPU toward the device: `route core -> mesh -> rc0;`. The
        first block must be of kind `cpu`, and no other block on the route may be.
        """);

    public static readonly DiagnosticDescriptor RouteRepeatsBlock = new(
        "RASDL1007", DiagnosticSeverity.Error, "Route visits a block twice",
        "'{0}' appears twice on this route",
        """
        A route is a path: each block appears at most once. A loop would make error
        conversion endless.
        """);

    public static readonly DiagnosticDescriptor RouteEndsAwayFromEndpoints = new(
        "RASDL1008", DiagnosticSeverity.Error, "Route ends at no endpoint's block",
        "no endpoint sits under '{0}', so this route reaches no device",
        """
        A route must end at a block that an endpoint sits `under`: that is where a device's
        error enters the route on its way back to the CPU.
        """);

    public static readonly DiagnosticDescriptor NoRouteToEndpoint = new(
        "RASDL1009", DiagnosticSeverity.Error, "No route reaches the endpoint",
        "no route ends at '{0}', the block endpoint '{1}' sits under, so its errors cannot be traced to a CPU",
        """
        Containment is decided by walking from the device back to the CPU along a route.
        Declare one that ends at the block the endpoint sits under: for an endpoint
        `under rc0`, e.g. `route core -> mesh -> rc0;`.
        """);

    public static readonly DiagnosticDescriptor ImportNotFound = new(
        "RASDL1010", DiagnosticSeverity.Error, "Import not found",
        "cannot import '{0}': {1}",
        """
        Imports are resolved relative to the importing file; `std/NAME.rasdl` names a file of
        the standard library shipped with the compiler.
        """);

    public static readonly DiagnosticDescriptor ImportCycle = new(
        "RASDL1011", DiagnosticSeverity.Error, "Import cycle",
        "import cycle: {0}",
        """
        Files import each other in a circle. Each file is still read once and checked; break
        the cycle by moving the shared declarations into a file both import.
        """);

    public static readonly DiagnosticDescriptor ImportOutsideRoots = new(
        "RASDL1012", DiagnosticSeverity.Error, "Import outside the workspace",
        "'{0}' resolves to '{1}', outside the workspace root '{2}'; list an extra root in rasdl.json \"importRoots\" to allow it",
        """
        A description may only import files inside its workspace root (the folder of the
        nearest rasdl.json, or of the file checked) and the standard library, so a description
        from elsewhere cannot read arbitrary files. `..` and symbolic links that leave the root
        are refused. A project can allow more folders with `"importRoots": ["../shared-ip"]`
        in rasdl.json.
        """);

    public static readonly DiagnosticDescriptor InvalidOutcomeArguments = new(
        "RASDL1013", DiagnosticSeverity.Error, "Wrong outcome arguments",
        "{0}",
        """
        `serror` takes exactly one severity (`serror(uer)`), `irq` exactly one interrupt kind
        (`irq(aer)`); no other outcome takes arguments.
        """);

    public static readonly DiagnosticDescriptor DuplicatePlatform = new(
        "RASDL1014", DiagnosticSeverity.Error, "More than one platform",
        "a compilation describes one platform, but '{0}' is already declared at {1}",
        """
        The platform declaration states the architecture features of the machine; a
        compilation (a file and its imports) describes one machine.
        """);

    public static readonly DiagnosticDescriptor ProfileHypervisorCount = new(
        "RASDL1015", DiagnosticSeverity.Error, "Profile needs one hypervisor",
        "profile '{0}' {1}",
        """
        A profile compiles the platform under one hypervisor: `profile production { hypervisor kvm_6_8; }`.
        """);

    public static readonly DiagnosticDescriptor NoStage2Policy = new(
        "RASDL1016", DiagnosticSeverity.Error, "No stage-2 policy for the driver",
        "hypervisor '{0}' has no stage-2 policy for driver '{1}' and no 'stage2 default'",
        """
        The hypervisor must say which stage-2 attribute it gives memory mapped through each
        driver: add `stage2 DRIVER -> ATTRIBUTE;` for the driver the message names (e.g.
        `stage2 vfio_pci -> normal_nc;`), or `stage2 default -> ATTRIBUTE;` for every driver.
        """);

    public static readonly DiagnosticDescriptor Stage2AttributeNeedsFwb = new(
        "RASDL1017", DiagnosticSeverity.Error, "Stage-2 attribute does not match FEAT_S2FWB",
        "{0}",
        """
        The FEAT_S2FWB encodings (`fwb_*`) exist only on a platform with `features fwb;`, and
        Normal Write-Through has no FEAT_S2FWB encoding (Arm ARM: stage 2 memory type and
        Cacheability attributes when FEAT_S2FWB is enabled).
        """);

    public static readonly DiagnosticDescriptor DuplicateAssignment = new(
        "RASDL1018", DiagnosticSeverity.Error, "Region assigned twice",
        "'{0}' is already assigned at {1}",
        """
        A region is mapped into a guest through one driver. Remove one of the assignments.
        """);

    public static readonly DiagnosticDescriptor InvalidFault = new(
        "RASDL1019", DiagnosticSeverity.Error, "Invalid fault",
        "{0}",
        """
        `faults` lists the concrete errors the endpoint and its link can produce (`ur`, `ca`,
        `cto`, `poison`, `malformed`, or bus errors for platform devices); `any` is a rule
        pattern, not an error, and each error is listed once.
        """);

    public static readonly DiagnosticDescriptor InvalidFilter = new(
        "RASDL1020", DiagnosticSeverity.Error, "Invalid filter word",
        "'{0}' cannot narrow a rule: a filter takes access kinds and memory types{1}",
        """
        A filter narrows a rule by access kind (read, write, speculative, gathered, unaligned,
        exclusive, atomic, zva) and by effective memory type (device_nGnRnE, device_nGnRE,
        device_nGRE, device_GRE, normal_nc, normal_wt, normal_wb, device, normal). Words of
        one category are alternatives; categories combine with AND.
        """);

    public static readonly DiagnosticDescriptor InvalidTreatment = new(
        "RASDL1021", DiagnosticSeverity.Error, "Invalid hypervisor treatment",
        "{0}",
        """
        A hypervisor treats the CPU outcomes a guest access can cause: `sea` and
        `serror(SEVERITY)` (or `serror(any)`), optionally only `when` the platform has some
        features, with an action: `inject`, `continue` or `panic`.
        """);

    public static readonly DiagnosticDescriptor InvalidProjectFile = new(
        "RASDL1022", DiagnosticSeverity.Error, "Invalid project file",
        "rasdl.json: {0}",
        """
        rasdl.json configures a project: `{ "diagnostics": { "RASDL3001": "off" }, "importRoots": ["../ip"], "allowUncontained": false }`.
        Severities are off, info, warning or error.
        """);

    public static readonly DiagnosticDescriptor DriverDoesNotFitEndpoint = new(
        "RASDL1023", DiagnosticSeverity.Warning, "Driver does not fit the endpoint",
        "'{0}' maps {1}, but '{2}' is {3}",
        """
        vfio_pci assigns PCIe functions' BARs and vfio_platform platform devices' MMIO. The
        wrong driver usually means the wrong stage-2 attribute is analysed.
        """);

    public static readonly DiagnosticDescriptor UnknownRegion = new(
        "RASDL1024", DiagnosticSeverity.Error, "Unknown region",
        "endpoint '{0}' has no region '{1}'{2}",
        """
        An assignment names a region of an endpoint: `assign gpu0.bar0 to guest via vfio_pci;`.
        """);

    public static readonly DiagnosticDescriptor InvalidBase = new(
        "RASDL1025", DiagnosticSeverity.Error, "Invalid base block",
        "{0}",
        """
        `block rc1 : root_port extends rc0 { }` gives rc1 the rules of rc0, tried after rc1's
        own. The base must be a block of the same kind, and a block cannot extend itself,
        directly or through others. A chain of bases is at most 64 blocks long.
        """);
}
