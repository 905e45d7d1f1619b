using System.Text.RegularExpressions;
using Rasdl.Cli.Tests.Infrastructure;
using Rasdl.Emit.Graph;
using Rasdl.Engine;

namespace Rasdl.Cli.Tests.Commands;

/// <summary><c>rasdl report</c>, checked the way a reader sees it: the page loaded in a real headless Chromium.</summary>
public partial class ReportCommandTests
{
    /// <summary>Where the screenshots are kept for a person (or a CI job) to look at.</summary>
    public static string ArtefactFolder => Repository.PathOf("artifacts/test-artefacts");

    [Fact]
    public void TheReportRendersInABrowserWithItsTablesWitnessesAndGraphs()
    {
        using var folder = new TempFolder();
        var result = RasdlCli.Run("report", "examples/nc-only/nc-only.rasdl", "-o", folder.Root);
        Assert.Equal(0, result.ExitCode);
        var page = Path.Combine(folder.Root, "index.html");
        Assert.Equal($"{page}: uncontained\n", result.Stdout);

        var text = Text(HeadlessChromium.DumpDom(page));

        Assert.Contains("Profile legacy (hypervisor kvm_6_7): contained-in-vm", text, StringComparison.Ordinal);
        Assert.Contains("Profile production (hypervisor kvm_6_8): uncontained", text, StringComparison.Ordinal);
        Assert.Contains("a guest Normal-NC read that meets a completion timeout makes rp0 hang, which stalls the host", text, StringComparison.Ordinal);
        Assert.Contains("Differential: NORMAL_NC versus DEVICE_nGnRE at stage 2", text, StringComparison.Ordinal);
        // A source excerpt of the rule that hangs, under its location.
        Assert.Matches(@"rp0 hangs on cto examples/nc-only/nc-only\.rasdl:\d+ +on cto", text);

        Directory.CreateDirectory(ArtefactFolder);
        var screenshot = Path.Combine(ArtefactFolder, "report-nc-only.png");
        HeadlessChromium.Screenshot(page, screenshot, 1280, 2400);
        var image = PngImage.Read(screenshot);
        // The graphs are drawn: the worst path's stroke and the uncontained nodes' fill cover real area.
        Assert.True(Pixels(image, GraphStyle.WorstPath) > 500, $"the worst path's colour is hardly on the screenshot ({screenshot})");
        Assert.True(Pixels(image, GraphStyle.Colours(ContainmentVerdict.Uncontained).Fill) > 2000, $"no uncontained node is drawn ({screenshot})");
    }

    [Fact]
    public void ThePageFetchesNothing()
    {
        using var folder = new TempFolder();
        RasdlCli.Run("report", "examples/safe-server/safe-server.rasdl", "-o", folder.Root);
        var html = File.ReadAllText(Path.Combine(folder.Root, "index.html"));

        Assert.Contains("content=\"default-src 'none'; style-src 'unsafe-inline'\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""(https?:|//)", html);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOutputFolderThatIsAFileIsBadUsage()
    {
        using var folder = new TempFolder();
        var file = folder.Write("taken", "x");

        var result = RasdlCli.Run("report", "examples/server/server.rasdl", "-o", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot write into", result.Stderr, StringComparison.Ordinal);
    }

    private static int Pixels(PngImage image, string hex) =>
        image.Count(Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16));

    // The page's text as a reader sees it: tags dropped, entities decoded, white space collapsed.
    private static string Text(string dom) =>
        Spaces().Replace(System.Net.WebUtility.HtmlDecode(Tags().Replace(dom, " ")), " ");

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
