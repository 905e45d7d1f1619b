using Rasdl.LanguageServer.Protocol;
using Rasdl.LanguageServer.Tests.Infrastructure;
using StreamJsonRpc;
using static Rasdl.LanguageServer.Tests.Infrastructure.PositionFinder;

namespace Rasdl.LanguageServer.Tests;

public sealed class HoverTests
{
    [Fact]
    public async Task A_vocabulary_word_shows_its_category_summary_and_source()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var hover = await client.HoverAsync(uri, Find(Samples.DesignExample, "cto (read)", 1));
        Assert.Equal("22:7-22:10", Describe(hover!.Range!));
        var text = await client.HoverTextAsync(uri, Find(Samples.DesignExample, "cto (read)", 1));
        Assert.StartsWith("**cto** — error\n\nPCIe completion timeout: no completion arrived for a non-posted request", text);
    }

    [Fact]
    public async Task A_feature_and_a_stage_2_attribute_show_their_architecture_sources()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        Assert.StartsWith("**fwb** — feature", await client.HoverTextAsync(uri, Find(Samples.DesignExample, "fwb")));
        Assert.Contains("FEAT_S2FWB", await client.HoverTextAsync(uri, Find(Samples.DesignExample, "fwb")));
        Assert.StartsWith("**all_ones** — outcome\n\nThe access completes with all-ones data", await client.HoverTextAsync(uri, Find(Samples.DesignExample, "all_ones")));
    }

    [Fact]
    public async Task A_block_shows_its_kind_documentation_and_rules()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var text = await client.HoverTextAsync(uri, Find(Samples.DesignExample, "core -> mesh"));
        Assert.Equal("""
            ```rasdl
            block core : cpu
            ```

            Application core: how a bus error response becomes a CPU exception.

            Rules, tried in order (the first match wins):

            - `on slverr (read)                -> sea;`
            - `on poison (read)                -> sea;`

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public async Task A_firmware_block_shows_what_it_reports_a_cpu_its_claims_and_an_endpoint_its_faults_none()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("grace.rasdl", Samples.SoundVerdicts);
        var firmware = await client.HoverTextAsync(uri, Find(Samples.SoundVerdicts, "el3"));
        Assert.EndsWith("""
            What the firmware reports, tried in order (the first match wins):

            - `on sea -> fatal;`
            - `on serror (uc) -> fatal;`
            - `on irq (aer) -> recoverable;`

            """.ReplaceLineEndings("\n"), firmware);
        var core = await client.HoverTextAsync(uri, Find(Samples.SoundVerdicts, "core -> rc0"));
        Assert.EndsWith("""
            Claims (the platform team's guarantees, shown in witnesses):

            - `claim serror_in_guest (write, gathered);`
            - `claim serror_in_guest;`

            """.ReplaceLineEndings("\n"), core);
        Assert.Contains("Faults it can produce: none (`faults none;`)", await client.HoverTextAsync(uri, Find(Samples.SoundVerdicts, "quiet")));
    }

    [Fact]
    public async Task A_region_shows_each_profiles_stage_2_attribute_effective_types_and_verdict()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var text = await client.HoverTextAsync(uri, Find(Samples.DesignExample, "bar0 to"));
        Assert.Contains("region gpu0.bar0 mmio size 64M prefetchable", text);
        Assert.Contains("Assigned to guest via `vfio_pci`.", text);
        Assert.Contains("**production** (kvm_6_8): stage 2 `fwb_normal_nc` (MemAttr 0b101, FEAT_S2FWB), effective Device-nGnRnE, Device-nGnRE, Device-nGRE, Device-GRE, Normal-NC — **contained-in-vm**", text);
        Assert.Contains("**legacy** (kvm_6_7): stage 2 `fwb_device_nGnRE`", text);
    }

    [Fact]
    public async Task The_region_in_an_assign_says_per_fault_where_it_was_stopped()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var text = await client.HoverTextAsync(uri, Find(Samples.DesignExample, "bar0 to"));
        // rc0 answers UR with all-ones (line 20 of the design example); a timeout reaches the core and KVM decides.
        Assert.Contains("- why: ur: contained-in-device, stopped at rc0: rc0 answers ur with all-ones data (server.rasdl:20)", text);
        Assert.Contains("- why: cto: ", text);
        Assert.Contains("stopped at kvm_6_8", text);
    }

    [Fact]
    public async Task An_uncontained_region_shows_the_witness_in_short()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("unsafe.rasdl", TestSamples.Unsafe);
        var text = await client.HoverTextAsync(uri, Find(TestSamples.Unsafe, "bar0 mmio"));
        Assert.Contains("— **uncontained**", text);
        Assert.Contains("- witness: `", text);
        Assert.Contains("NORMAL_NC vs DEVICE_nGnRE at stage 2: uncontained paths under **both**.", text);
    }

    [Fact]
    public async Task A_region_hover_asked_before_an_edit_describes_the_version_before_it_or_says_it_changed()
    {
        // A region's hover needs the whole analysis, so it is made off the message queue, after
        // the edit's diagnostics (like inlay hints): an edit that comes meanwhile ends it with
        // ContentModified. Never does it show the later version's verdict.
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("unsafe.rasdl", TestSamples.Unsafe);
        var region = Find(TestSamples.Unsafe, "bar0 mmio");
        var safe = TestSamples.Unsafe
            .Replace("on cto (read) -> slverr;", "on cto (read) -> all_ones;", StringComparison.Ordinal)
            .Replace("faults ur, cto, ca;", "faults ur, cto;", StringComparison.Ordinal);
        for (var version = 2; version < 12; version += 2)
        {
            var asked = client.HoverTextAsync(uri, region);
            await client.ChangeAsync(uri, version, new TextDocumentContentChangeEvent { Text = safe });
            try
            {
                Assert.Contains("— **uncontained**", await asked);
            }
            catch (RemoteInvocationException e)
            {
                Assert.Equal((int)LSPErrorCodes.ContentModified, e.ErrorCode);
            }

            await client.DiagnosticsAsync(uri, version);
            Assert.Contains("— **contained-in-device**", await client.HoverTextAsync(uri, region));
            await client.ChangeAsync(uri, version + 1, new TextDocumentContentChangeEvent { Text = TestSamples.Unsafe });
            await client.DiagnosticsAsync(uri, version + 1);
            Assert.Contains("— **uncontained**", await client.HoverTextAsync(uri, region));
        }
    }

    [Fact]
    public async Task A_hypervisor_from_the_standard_library_and_a_profile_are_documented()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        var hypervisor = await client.HoverTextAsync(uri, Find(Samples.DesignExample, "kvm_6_8"));
        Assert.StartsWith("```rasdl\nhypervisor kvm_6_8\n```\n\n*Standard library: std/kvm.rasdl*\n\nLinux KVM/arm64 from 6.8", hypervisor);
        Assert.Contains("- stage 2 for `vfio_pci`: `normal_nc`", hypervisor);
        Assert.Matches(@"- `on serror\(uc\)\s+when ras\s+-> panic;`", hypervisor);
        var profile = await client.HoverTextAsync(uri, Find(Samples.DesignExample, "production"));
        Assert.StartsWith("```rasdl\nprofile production\n```\n\nCompiled under hypervisor `kvm_6_8`: Linux KVM/arm64 from 6.8", profile);
    }

    [Fact]
    public async Task A_diagnostic_code_in_a_suppression_comment_shows_its_help_page()
    {
        await using var client = await LspTestClient.StartAsync();
        var text = "// rasdl-disable-next-line RASDL3001\n" + Samples.Minimal;
        var uri = await client.OpenAsync("main.rasdl", text);
        var hover = await client.HoverAsync(uri, Find(text, "RASDL3001", 4));
        Assert.Equal("0:27-0:36", Describe(hover!.Range!));
        Assert.StartsWith("# RASDL3001: ", await client.HoverTextAsync(uri, Find(text, "RASDL3001", 4)));
    }

    [Fact]
    public async Task Whitespace_and_punctuation_have_no_hover()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = await client.OpenAsync("server.rasdl", Samples.DesignExample);
        Assert.Null(await client.HoverAsync(uri, Find(Samples.DesignExample, "{", 1)));
        Assert.Null(await client.HoverAsync(uri, LspTestClient.At(2, 0)));
    }
}
