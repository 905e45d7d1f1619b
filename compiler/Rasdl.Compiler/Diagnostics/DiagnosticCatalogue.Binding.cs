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
        A hypervisor treats what a guest access can cause: the CPU outcomes `sea` and
        `serror(SEVERITY)` (or `serror(any)`), the signal `irq(KIND)`, and on a firmware-first
        platform the CPER severity the firmware reports (`fatal`, `recoverable`, `corrected`).
        `when` narrows a treatment to platforms with some features (`ras`, `fwb`,
        `firmware_first`) and, for an SError, to one context: `guest` (pending before the guest
        exits: kvm_handle_guest_serror()) or `host` (taken after it has left: do_serror()). The
        action is `inject`, `continue`, `panic`, `recover` (the host's error recovery, e.g. AER's
        pcie_do_recovery()) or `firmware` (ask the platform's `firmware` block; not for a CPER
        severity, which already comes from the firmware).
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

    public static readonly DiagnosticDescriptor TwoResponses = new(
        "RASDL1026", DiagnosticSeverity.Error, "Two responses in one rule",
        "'{0}' is a second response: this rule already answers with '{1}'; a rule gives at most one response and any number of signals (irq(...))",
        """
        One failed access can have several effects at once (a read answered with all-ones
        data while a fatal AER error is signalled), so a rule may list several
        outcomes: `on cto (read) -> all_ones, irq(aer);`. But the access gets one answer: at
        most one *response* (`all_ones`, `drop`, an error passed on, `sea`, `serror(...)`,
        `hang`, `reset`) beside any number of *signals* (`irq(aer|fhi|eri)`). Keep the
        response the block really gives, or split the filter into two rules.
        """);

    public static readonly DiagnosticDescriptor SpeculativeOutsideCpu = new(
        "RASDL1027", DiagnosticSeverity.Error, "Block cannot see speculation",
        "'{0}' is {1}: a bus request carries no speculation mark; only the core knows a read is speculative; filter on (read, normal_nc) instead",
        """
        A bus request carries its direction, size, exclusive and atomic kinds and memory
        attributes (AXI ARCACHE/AWCACHE, CHI MemAttr), but no mark that a read is speculative.
        A rule at an interconnect, bridge or root port that filters on `speculative` describes
        something the block cannot do; the analysis lets it match no access. Such a block can
        still treat Normal-NC reads differently from Device reads: `(read, normal_nc)`. Only a
        `cpu` block may filter on `speculative`.
        """);

    public static readonly DiagnosticDescriptor InvalidClaim = new(
        "RASDL1028", DiagnosticSeverity.Error, "Invalid claim",
        "{0}",
        """
        A claim is a guarantee the platform team gives for its cores, beyond what the
        architecture promises, and witnesses show it: in a `cpu` block,
        `claim serror_in_guest (write, gathered);` says that an SError caused by those accesses
        is pending before the guest can exit (e.g. the core's ESB waits for outstanding write
        responses), so KVM attributes it to the guest. Without a filter it covers every access.
        A claim lists access kinds only, and only a cpu block makes one.
        """);

    public static readonly DiagnosticDescriptor MisplacedFirmware = new(
        "RASDL1029", DiagnosticSeverity.Error, "Firmware block out of place",
        "{0}",
        """
        A `firmware` block describes the platform's EL3 firmware on a firmware-first platform
        (`features firmware_first;`): what it reports to Linux through APEI/GHES for each error
        it claims. A platform has one firmware, so a description has at most one such block,
        and it is not on the path of an access: no route lists it and no endpoint sits under it.
        """);

    public static readonly DiagnosticDescriptor InvalidFirmwareRule = new(
        "RASDL1030", DiagnosticSeverity.Error, "Invalid firmware rule",
        "{0}",
        """
        A firmware block's rule takes a CPU outcome or signal and gives the CPER severity the
        firmware reports: `on sea -> fatal;`, `on serror (uc, ueu) -> fatal;` (severities
        filter; none: every severity), `on irq (aer) -> recoverable;` (interrupt kinds filter).
        The severities are `fatal` (Linux: __ghes_panic()), `recoverable` and `corrected`. Only a
        firmware block reports a CPER severity, and only a firmware block takes `sea`, `serror`
        or `irq` where other blocks take an error.
        """);

    public static readonly DiagnosticDescriptor FaultsNotDeclared = new(
        "RASDL1031", DiagnosticSeverity.Error, "Endpoint declares no faults",
        "{0} declares no faults: unknown is unsafe; list what it can produce, or write `faults none;`",
        """
        The analysis walks every fault an assigned endpoint can produce back to the CPU. An
        endpoint without a `faults` line says nothing about them, and "we don't know" must not
        come out as "contained": its regions are judged uncontained. List the errors the device
        and its link can produce (`faults ur, ca, cto, poison;`), or state that it produces none
        with `faults none;`.
        """);
}
