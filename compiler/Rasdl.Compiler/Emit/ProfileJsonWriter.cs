using System.Text;
using System.Text.Json;
using Rasdl.Engine;
using Rasdl.Intermediate;
using Rasdl.Text;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Emit;

/// <summary>
/// The containment results as JSON: one profile artefact per profile for <c>rasdl build</c>
/// (schema docs/schemas/profile.schema.json, version <see cref="SchemaVersion"/>), and the
/// <c>profiles</c> array of <c>rasdl check --format json</c>. Both share the region objects.
/// </summary>
public static class ProfileJsonWriter
{
    /// <summary>Bumped on any change a consumer could notice; additions of optional properties bump the minor part.</summary>
    public const string SchemaVersion = "2.1";

    /// <summary>How every artefact's file name ends.</summary>
    public const string ArtefactSuffix = ".profile.json";

    /// <summary>
    /// Where a profile's artefact goes: <c>DIR/&lt;profile&gt;.profile.json</c>. Profile names are
    /// identifiers, but a name still cannot leave the output folder: anything but ASCII letters,
    /// digits, '_' and '-' becomes '_', and the result is checked to be directly inside the folder.
    /// </summary>
    public static string ArtefactPath(string outputRoot, string profile)
    {
        outputRoot = Path.GetFullPath(outputRoot);
        var safe = string.Concat(profile.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'));
        var path = Path.GetFullPath(Path.Combine(outputRoot, (safe.Length == 0 ? "_" : safe) + ArtefactSuffix));
        return Path.GetDirectoryName(path) == Path.TrimEndingDirectorySeparator(outputRoot)
            ? path
            : throw new IOException($"profile '{profile}' would be written outside the output folder");
    }

    /// <summary>The options every JSON output of the compiler is written with.</summary>
    public static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A whole <c>&lt;profile&gt;.profile.json</c> artefact.</summary>
    public static string Artefact(ProfileResult profile, PlatformIr platform, string? platformName, DisplayPaths paths)
    {
        using var stream = new MemoryStream();
        WriteArtefact(stream, profile, platform, platformName, paths);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a <c>&lt;profile&gt;.profile.json</c> artefact to a stream as it goes, ending with a newline.</summary>
    public static void WriteArtefact(Stream stream, ProfileResult profile, PlatformIr platform, string? platformName, DisplayPaths paths)
    {
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("schemaVersion", SchemaVersion);
            json.WriteString("profile", profile.Name);
            json.WriteString("hypervisor", profile.Hypervisor);
            if (platformName is null)
            {
                json.WriteNull("platform");
            }
            else
            {
                json.WriteString("platform", platformName);
            }

            json.WriteStartArray("features");
            foreach (var feature in platform.Features.Order())
            {
                json.WriteStringValue(Words.Features.TextOf(feature));
            }

            json.WriteEndArray();
            json.WriteString("verdict", profile.Verdict.Name());
            WriteRegions(json, profile, paths);
            WriteLeftOut(json, profile, paths);
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary><c>{"name", "hypervisor", "verdict", "regions": [...]}</c> for each profile.</summary>
    public static void WriteProfiles(Utf8JsonWriter json, IEnumerable<ProfileResult> profiles, DisplayPaths paths)
    {
        json.WriteStartArray();
        foreach (var profile in profiles)
        {
            json.WriteStartObject();
            json.WriteString("name", profile.Name);
            json.WriteString("hypervisor", profile.Hypervisor);
            json.WriteString("verdict", profile.Verdict.Name());
            WriteRegions(json, profile, paths);
            WriteLeftOut(json, profile, paths);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteLeftOut(Utf8JsonWriter json, ProfileResult profile, DisplayPaths paths)
    {
        json.WriteStartArray("leftOut");
        foreach (var left in profile.LeftOut)
        {
            json.WriteStartObject();
            json.WriteString("region", left.Name);
            json.WriteString("reason", left.Reason);
            WriteLocation(json, "location", left.Location, paths);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteRegions(Utf8JsonWriter json, ProfileResult profile, DisplayPaths paths)
    {
        using var otherCores = OtherCores.Prepare(profile.Regions, region =>
        {
            _ = region.Run.UncontainedPaths;
            _ = region.Witnesses;
            _ = RegionExplanation.For(region);
        });
        json.WriteStartArray("regions");
        foreach (var region in profile.Regions)
        {
            // A large description's output is hundreds of megabytes: pass it on as it grows.
            if (json.BytesPending > 1 << 16)
            {
                json.Flush();
            }

            json.WriteStartObject();
            json.WriteString("region", region.QualifiedName);
            json.WriteString("driver", Words.Drivers.TextOf(region.Driver));
            json.WriteString("stage2", Stage2Table.Name(region.Stage2));
            json.WriteString("memAttr", Stage2Table.MemAttr(region.Stage2));
            json.WriteBoolean("fwb", region.Fwb);
            json.WriteStartArray("effective");
            foreach (var type in region.Effective)
            {
                json.WriteStringValue(type.Word());
            }

            json.WriteEndArray();
            json.WriteString("verdict", region.Verdict.Name());
            json.WriteString("differential", region.Differential.Name());
            json.WriteString("verdictNormalNc", region.NormalNcRun.Verdict.Name());
            json.WriteString("verdictDevice", region.DeviceRun.Verdict.Name());
            json.WriteNumber("uncontainedPaths", region.Run.UncontainedPaths.Length);
            json.WriteStartArray("witnesses");
            foreach (var witness in region.Witnesses)
            {
                WriteWitness(json, witness, region.Hypervisor, paths);
            }

            json.WriteEndArray();
            WriteExplanation(json, RegionExplanation.For(region), paths);
            json.WriteStartArray("notes");
            foreach (var note in RegionNotes.For(region))
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // "why": each fault's worst path and where it stopped; "routes": each route's worst verdict.
    private static void WriteExplanation(Utf8JsonWriter json, RegionExplanation explanation, DisplayPaths paths)
    {
        json.WriteStartArray("why");
        for (var i = 0; i < explanation.Faults.Length; i++)
        {
            var fault = explanation.Faults[i];
            json.WriteStartObject();
            json.WriteString("fault", Words.Errors.TextOf(fault.Fault));
            json.WriteString("verdict", fault.Verdict.Name());
            json.WriteString("stoppedAt", fault.StoppedAt);
            WriteLocation(json, "location", fault.Location, paths);
            json.WriteString("access", explanation.Paths[i].Access.Name);
            json.WriteString("effective", explanation.Paths[i].Effective.Word());
            json.WriteString("text", fault.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        // Where several routes reach the endpoint, the verdict is the worst route's: say which.
        var worst = explanation.Routes.IsEmpty ? ContainmentVerdict.ContainedInDevice : explanation.Routes.Max(r => r.Verdict);
        json.WriteStartArray("routes");
        foreach (var route in explanation.Routes)
        {
            json.WriteStartObject();
            WriteRoute(json, route.Route, route.Location, paths);
            json.WriteString("verdict", route.Verdict.Name());
            json.WriteBoolean("worst", route.Verdict == worst);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteRoute(Utf8JsonWriter json, IrRoute route, SourceLocation location, DisplayPaths paths)
    {
        json.WriteString("cpu", route.Cpu.Name);
        json.WriteStartArray("hops");
        foreach (var hop in route.Hops)
        {
            json.WriteStringValue(hop.Name);
        }

        json.WriteEndArray();
        WriteLocation(json, "routeLocation", location, paths);
    }

    /// <summary>One witness object (schema: <c>$defs/witness</c>); <c>rasdl paths</c> writes its entries' paths with it too.</summary>
    internal static void WriteWitness(Utf8JsonWriter json, Witness witness, string hypervisor, DisplayPaths paths)
    {
        json.WriteStartObject();
        json.WriteString("verdict", witness.Verdict.Name());
        WriteRoute(json, witness.Route, witness.LocationOf(witness.Route.Place), paths);
        json.WriteString("stage1", witness.Stage1.Word());
        json.WriteString("effective", witness.Effective.Word());
        json.WriteString("access", witness.Access.Name);
        json.WriteString("fault", Words.Errors.TextOf(witness.Fault.Error));
        WriteLocation(json, "faultLocation", witness.LocationOf(witness.Fault.Place), paths);
        json.WriteStartArray("steps");
        foreach (var step in witness.Steps)
        {
            json.WriteStartObject();
            json.WriteString("block", step.Block.Name);
            json.WriteString("error", Words.Errors.TextOf(step.Error));
            if (step.Rule is null)
            {
                json.WriteNull("rule");
                json.WriteNull("outcome");
            }
            else
            {
                json.WriteString("rule", step.Rule.ToString());
                json.WriteString("outcome", step.Rule.OutcomesText);
            }

            json.WriteString("description", step.Describe());
            WriteLocation(json, "location", witness.LocationOf(step.Place), paths);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (witness.Walk.End == PathEnd.CpuException)
        {
            json.WriteString("cpuOutcome", witness.Walk.FinalOutcome!.ToString());
        }
        else
        {
            json.WriteNull("cpuOutcome");
        }

        if (witness.Treatment is { } treatment)
        {
            json.WriteString("action", Words.HypervisorActions.TextOf(treatment.Action));
            WriteLocation(json, "actionLocation", witness.LocationOf(treatment.Place), paths);
        }
        else
        {
            json.WriteNull("action");
        }

        json.WriteStartArray("judgements");
        foreach (var judgement in witness.Judgements)
        {
            json.WriteStartObject();
            json.WriteString("outcome", judgement.Outcome.ToString());
            WriteWordOrNull(json, "context", judgement.Context is { } context ? Words.Contexts.TextOf(context) : null);
            json.WriteBoolean("claimed", judgement.Claim is not null);
            WriteWordOrNull(json, "action", judgement.Treatment is { } t ? Words.HypervisorActions.TextOf(t.Action) : null);
            WriteWordOrNull(json, "firmware", judgement.Firmware is { } f ? Words.Outcomes.TextOf(f.Reports) : null);
            if (judgement.Firmware is not null)
            {
                WriteWordOrNull(json, "afterFirmware", judgement.AfterFirmware is { } a ? Words.HypervisorActions.TextOf(a.Action) : null);
            }

            json.WriteString("verdict", judgement.Verdict.Name());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("summary", witness.Story([], hypervisor));
        json.WriteEndObject();
    }

    private static void WriteWordOrNull(Utf8JsonWriter json, string name, string? word)
    {
        if (word is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, word);
        }
    }

    internal static void WriteLocation(Utf8JsonWriter json, string name, SourceLocation location, DisplayPaths paths)
    {
        json.WriteStartObject(name);
        json.WriteString("file", paths.Show(location.Path));
        json.WriteNumber("line", location.Range.Start.Line + 1);
        json.WriteNumber("column", location.Range.Start.Character + 1);
        json.WriteEndObject();
    }
}
