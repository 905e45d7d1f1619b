using System.Diagnostics;

namespace Rasdl.Cli.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium run headless, as a CI machine has it (.ci/run installs it): each run gets a
/// fresh profile folder and every background network feature off, so a page can only show what
/// it carries itself.
/// </summary>
public static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string Executable =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed (Debian package 'chromium'; .ci/run installs it)");

    /// <summary>The DOM after the page loaded, serialised (<c>--dump-dom</c>).</summary>
    public static string DumpDom(string page) => Run(["--dump-dom", new Uri(page).AbsoluteUri]);

    /// <summary>Takes a screenshot of the page at the given window size into <paramref name="png"/>.</summary>
    public static void Screenshot(string page, string png, int width, int height)
    {
        Run([$"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(page).AbsoluteUri]);
        Assert.True(File.Exists(png), $"chromium wrote no screenshot to {png}");
    }

    private static string Run(IEnumerable<string> arguments)
    {
        using var profile = new TempFolder();
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={profile.Root}",
        }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not finish within {Timeout.TotalSeconds} s");
        }

        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}:\n{stderr.Result}");
        return stdout.Result;
    }
}
