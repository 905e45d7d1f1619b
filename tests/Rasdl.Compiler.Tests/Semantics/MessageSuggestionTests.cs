using Rasdl.Compiler.Tests.Infrastructure;

namespace Rasdl.Compiler.Tests.Semantics;

/// <summary>Messages that say what to write instead: each mistake a new user made, and the one diagnostic it now gets.</summary>
public class MessageSuggestionTests
{
    private static string[] Describe(string text) => [.. TempWorkspace.Describe(TempWorkspace.CompileText(text).GetDiagnostics())];


    [Fact]
    public void ASizeWithAByteSuffixNamesTheSuffixes() =>
        Assert.Equal(
            ["20:30 RASDL0008 '64MB' is not a size: write a number with one of the binary suffixes K, M, G or T (64M is 64 MiB)"],
            Describe(Samples.WithMistake("size 64M prefetchable", "size 64MB prefetchable")));

    [Fact]
    public void AHyphenatedDriverGetsOneMessageWithTheWordSpelledWithAnUnderscore() =>
        Assert.Equal(
            ["24:35 RASDL0002 unexpected character '-' (U+002D): RASDL words are joined with '_'; did you mean 'vfio_pci'?"],
            Describe(Samples.WithMistake("via vfio_pci", "via vfio-pci")).Where(d => !d.Contains("RASDL2011", StringComparison.Ordinal))); // the unanalysed region is still said

    [Theory]
    [InlineData("ecrc", "malformed")]
    [InlineData("completion_timeout", "cto")]
    [InlineData("unsupported_request", "ur")]
    public void AnErrorNamedInThePcieSpecificationsTermsPointsToTheRasdlWord(string written, string meant) =>
        Assert.Equal(
            [$"13:8 RASDL1003 '{written}' is not an error; did you mean '{meant}'?"],
            Describe(Samples.WithMistake("on ca (read)          -> all_ones;", $"on {written} (read) -> all_ones;")));

    [Fact]
    public void ASeverityInCapitalsSuggestsTheWord() =>
        Assert.Equal(
            ["5:32 RASDL1003 'UER' is not an SError severity; did you mean 'uer'?"],
            Describe(Samples.WithMistake("on poison (read) -> sea;", "on poison (read) -> serror(UER);")));

    [Fact]
    public void AStandardHypervisorWithoutItsImportSaysWhichFileToImport()
    {
        var text = Samples.WithMistake("import \"std/kvm.rasdl\";", "").Replace("profile legacy { hypervisor kvm_6_7; }", "", StringComparison.Ordinal);

        Assert.Equal(
            ["25:33 RASDL1002 hypervisor 'kvm_6_8' is not declared; the standard library declares it in 'std/kvm.rasdl': add `import \"std/kvm.rasdl\";`"],
            Describe(text));
    }
}
