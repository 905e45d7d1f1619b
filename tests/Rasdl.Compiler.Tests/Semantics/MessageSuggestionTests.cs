using Rasdl.Compiler.Tests.Infrastructure;

namespace Rasdl.Compiler.Tests.Semantics;

/// <summary>Messages that say what to write instead: each mistake a new user made, and the one diagnostic it now gets.</summary>
public class MessageSuggestionTests
{
    private static string[] Describe(string text) => [.. TempWorkspace.Describe(TempWorkspace.CompileText(text).GetDiagnostics())];

    /// <summary>The design's example, clean as it stands; each test puts one mistake in it.</summary>
    private const string Clean = """
        import "std/kvm.rasdl";
        platform p { features fwb, ras, iesb; }
        block core : cpu {
            on slverr (read) -> sea;
            on poison (read) -> sea;
        }
        block mesh : interconnect {
            on slverr -> slverr;
            on poison -> poison;
        }
        block rc0 : root_port {
            on ur (read)          -> all_ones;
            on ca (read)          -> all_ones;
            on cto (read, device) -> slverr;
            on cto (read)         -> all_ones;
            on poison (read)      -> poison;
            on any (write)        -> drop;
        }
        endpoint gpu0 : pcie_endpoint under rc0 {
            region bar0 mmio size 64M prefetchable;
            faults ur, ca, cto, poison;
        }
        route core -> mesh -> rc0;
        assign gpu0.bar0 to guest via vfio_pci;
        profile production { hypervisor kvm_6_8; }
        profile legacy { hypervisor kvm_6_7; }

        """;

    private static string WithMistake(string correct, string mistake)
    {
        Assert.Contains(correct, Clean);
        return Clean.Replace(correct, mistake, StringComparison.Ordinal);
    }

    [Fact]
    public void ASizeWithAByteSuffixNamesTheSuffixes() =>
        Assert.Equal(
            ["20:30 RASDL0008 '64MB' is not a size: write a number with one of the binary suffixes K, M, G or T (64M is 64 MiB)"],
            Describe(WithMistake("size 64M prefetchable", "size 64MB prefetchable")));

    [Fact]
    public void AHyphenatedDriverGetsOneMessageWithTheWordSpelledWithAnUnderscore() =>
        Assert.Equal(
            ["24:35 RASDL0002 unexpected character '-' (U+002D): RASDL words are joined with '_'; did you mean 'vfio_pci'?"],
            Describe(WithMistake("via vfio_pci", "via vfio-pci")).Where(d => !d.Contains("RASDL2011", StringComparison.Ordinal))); // the unanalysed region is still said

    [Theory]
    [InlineData("ecrc", "malformed")]
    [InlineData("completion_timeout", "cto")]
    [InlineData("unsupported_request", "ur")]
    public void AnErrorNamedInThePcieSpecificationsTermsPointsToTheRasdlWord(string written, string meant) =>
        Assert.Equal(
            [$"13:8 RASDL1003 '{written}' is not an error; did you mean '{meant}'?"],
            Describe(WithMistake("on ca (read)          -> all_ones;", $"on {written} (read) -> all_ones;")));

    [Fact]
    public void ASeverityInCapitalsSuggestsTheWord() =>
        Assert.Equal(
            ["5:32 RASDL1003 'UER' is not an SError severity; did you mean 'uer'?"],
            Describe(WithMistake("on poison (read) -> sea;", "on poison (read) -> serror(UER);")));

    [Fact]
    public void AStandardHypervisorWithoutItsImportSaysWhichFileToImport()
    {
        var text = WithMistake("import \"std/kvm.rasdl\";", "").Replace("profile legacy { hypervisor kvm_6_7; }", "", StringComparison.Ordinal);

        Assert.Equal(
            ["25:33 RASDL1002 hypervisor 'kvm_6_8' is not declared; the standard library declares it in 'std/kvm.rasdl': add `import \"std/kvm.rasdl\";`"],
            Describe(text));
    }
}
