using System.Text.Json;
using Rasdl.Engine;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Emit.Paths;

/// <summary>
/// <c>rasdl paths --format json</c> (schema docs/schemas/paths.schema.json, version
/// <see cref="SchemaVersion"/>): per profile, the region's paths grouped by verdict; each
/// entry's path is a witness object as in the profile artefacts.
/// </summary>
public static class PathsJsonWriter
{
    /// <summary>Bumped on any change a consumer could notice; additions of optional properties bump the minor part.</summary>
    public const string SchemaVersion = "1.0";

    public static void Write(Stream stream, string region, IReadOnlyList<ProfilePaths> listing, bool grouped, DisplayPaths paths)
    {
        using (var json = new Utf8JsonWriter(stream, ProfileJsonWriter.Options))
        {
            json.WriteStartObject();
            json.WriteString("schemaVersion", SchemaVersion);
            json.WriteString("region", region);
            json.WriteBoolean("grouped", grouped);
            json.WriteStartArray("profiles");
            foreach (var section in listing)
            {
                WriteProfile(json, section, paths);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void WriteProfile(Utf8JsonWriter json, ProfilePaths section, DisplayPaths paths)
    {
        json.WriteStartObject();
        json.WriteString("profile", section.Profile.Name);
        json.WriteString("hypervisor", section.Profile.Hypervisor);
        if (section.Region is not { } region)
        {
            json.WriteBoolean("analysed", false);
            json.WriteString("reason", section.LeftOut!.Reason);
            ProfileJsonWriter.WriteLocation(json, "assignLocation", section.LeftOut.Location, paths);
            json.WriteEndObject();
            return;
        }

        json.WriteBoolean("analysed", true);
        ProfileJsonWriter.WriteLocation(json, "assignLocation", region.LocationOf(region.Assignment.Place), paths);
        json.WriteString("driver", Words.Drivers.TextOf(region.Driver));
        json.WriteString("stage2", Stage2Table.Name(region.Stage2));
        json.WriteString("memAttr", Stage2Table.MemAttr(region.Stage2));
        json.WriteStartArray("effective");
        foreach (var type in region.Effective)
        {
            json.WriteStringValue(type.Word());
        }

        json.WriteEndArray();
        json.WriteString("verdict", region.Verdict.Name());
        json.WriteStartArray("notes");
        foreach (var note in RegionNotes.For(region))
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteNumber("paths", section.PathCount);
        json.WriteStartArray("outcomes");
        foreach (var verdict in ProfilePaths.Outcomes)
        {
            var entries = section.With(verdict).ToList();
            json.WriteStartObject();
            json.WriteString("verdict", verdict.Name());
            json.WriteNumber("paths", entries.Sum(e => e.Covers.Length));
            json.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteStartArray("covers");
                foreach (var choice in entry.Covers)
                {
                    json.WriteStartObject();
                    json.WriteString("stage1", choice.Stage1.Word());
                    json.WriteString("effective", choice.Effective.Word());
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WritePropertyName("path");
                ProfileJsonWriter.WriteWitness(json, entry.Path, region.Hypervisor, paths);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
