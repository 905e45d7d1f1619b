using System.Text.Json;

namespace Rasdl.LanguageServer.Protocol.Generator;

/// <summary>The parts of the LSP metamodel the generator reads: structures, enumerations, type aliases and method names.</summary>
public sealed class MetaModel
{
    public MetaModel(JsonElement root)
    {
        Version = root.GetProperty("metaData").GetProperty("version").GetString() ?? "?";
        Structures = root.GetProperty("structures").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s);
        Enumerations = root.GetProperty("enumerations").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e);
        Aliases = root.GetProperty("typeAliases").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!, a => a);
        Methods = root.GetProperty("requests").EnumerateArray()
            .Concat(root.GetProperty("notifications").EnumerateArray())
            .Select(m => m.GetProperty("method").GetString()!)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public string Version { get; }

    public Dictionary<string, JsonElement> Structures { get; }

    public Dictionary<string, JsonElement> Enumerations { get; }

    public Dictionary<string, JsonElement> Aliases { get; }

    public List<string> Methods { get; }

    /// <summary>A structure's properties with those of its bases and mixins, a property redeclared lower down replacing the inherited one.</summary>
    public List<JsonElement> AllProperties(JsonElement structure)
    {
        var properties = new List<JsonElement>();
        foreach (var parentList in new[] { "extends", "mixins" })
        {
            if (structure.TryGetProperty(parentList, out var parents))
            {
                foreach (var parent in parents.EnumerateArray())
                {
                    if (parent.GetProperty("kind").GetString() == "reference" && Structures.TryGetValue(parent.GetProperty("name").GetString()!, out var baseStructure))
                    {
                        Merge(properties, AllProperties(baseStructure));
                    }
                }
            }
        }

        Merge(properties, structure.GetProperty("properties").EnumerateArray());
        return properties;
    }

    private static void Merge(List<JsonElement> into, IEnumerable<JsonElement> properties)
    {
        foreach (var property in properties)
        {
            var name = property.GetProperty("name").GetString();
            var index = into.FindIndex(p => p.GetProperty("name").GetString() == name);
            if (index >= 0)
            {
                into[index] = property;
            }
            else
            {
                into.Add(property);
            }
        }
    }
}
