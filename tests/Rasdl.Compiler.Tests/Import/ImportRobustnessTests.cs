using Rasdl.Import;
using Rasdl.Import.Acpi;
using Rasdl.Import.Pci;

namespace Rasdl.Compiler.Tests.Import;

/// <summary>
/// Mutated inputs for the IORT and configuration-space parsers and the lspci reader: whatever
/// the bytes, the result is a table or an <see cref="ImportFailure"/> — never another exception.
/// Seeded, so a failure reproduces.
/// </summary>
public class ImportRobustnessTests
{
    private const string Fixtures = "tests/Rasdl.Cli.Tests/TestData/import";

    private static IEnumerable<byte[]> Mutations(byte[] original, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            yield return random.Next(4) == 0 ? bytes[..random.Next(bytes.Length)] : bytes;
        }
    }

    private static void OnlyImportFailures(Action parse)
    {
        try
        {
            parse();
        }
        catch (ImportFailure)
        {
        }
    }

    [Fact]
    public void MutatedIortTables()
    {
        var table = File.ReadAllBytes(Repository.PathOf($"{Fixtures}/iort-smmu.aml"));
        foreach (var bytes in Mutations(table, 5000, 16))
        {
            OnlyImportFailures(() =>
            {
                var parsed = IortParser.Parse(bytes, "IORT");
                IortDescriptionWriter.Write(parsed, "rasdl import acpi", "IORT");
            });
        }
    }

    [Fact]
    public void MutatedConfigurationSpaces()
    {
        var config = new byte[4096];
        config[0x06] = 0x10;
        config[0x34] = 0x40;
        config[0x40] = 0x10;
        config[0x42] = 0x42;
        BitConverter.GetBytes(0x0001u | (0x148u << 20)).CopyTo(config, 0x100);
        BitConverter.GetBytes(0x001Du).CopyTo(config, 0x148);
        foreach (var bytes in Mutations(config, 5000, 16))
        {
            OnlyImportFailures(() => PciConfigSpace.Parse(bytes, "config"));
        }
    }

    [Fact]
    public void MutatedLspciOutput()
    {
        var text = File.ReadAllBytes(Repository.PathOf($"{Fixtures}/arm-server.lspci.txt"));
        foreach (var bytes in Mutations(text, 1000, 16))
        {
            OnlyImportFailures(() =>
            {
                var inventory = LspciReader.Read(System.Text.Encoding.UTF8.GetString(bytes), "lspci.txt");
                var description = PciDescriptionWriter.Write(PciTopology.Build(inventory), "rasdl import pci", "lspci.txt");
                RasdlText.Format(description, "import.rasdl"); // what the reader accepts, the writer writes as valid RASDL
            });
        }
    }
}
