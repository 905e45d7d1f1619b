using System.IO.Compression;
using System.Reflection.PortableExecutable;

namespace Rasdl.Cli.Tests.Packaging;

/// <summary>What the runtime-specific tool packages hold, read from the files themselves (ELF and PE headers).</summary>
public static class ToolPackageContents
{
    private const ushort ElfMachineX64 = 0x3E;
    private const ushort ElfMachineArm64 = 0xB7;

    /// <summary>
    /// The installed command is a Native AOT program: an x86-64 ELF executable with no managed
    /// entry assembly or runtime configuration beside it (an app host would start rasdl.dll).
    /// </summary>
    public static void AssertNativeAot(string command)
    {
        var binary = new FileInfo(command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? command;
        Assert.Equal(ElfMachineX64, ElfMachine(File.ReadAllBytes(binary)));
        var folder = Path.GetDirectoryName(binary)!;
        Assert.False(File.Exists(Path.Combine(folder, "rasdl.dll")), $"{binary} is an app host: rasdl.dll is beside it");
        Assert.False(File.Exists(Path.Combine(folder, "rasdl.runtimeconfig.json")), $"{binary} is an app host: rasdl.runtimeconfig.json is beside it");
    }

    /// <summary>
    /// The linux-arm64 package holds a Native AOT program: an AArch64 ELF executable and no
    /// managed assembly or runtime configuration; it is written to <paramref name="extractTo"/>
    /// and its path returned.
    /// </summary>
    public static string AssertArm64IsNativeAot(string package, string extractTo)
    {
        using var zip = ZipFile.OpenRead(package);
        var binary = zip.Entries.Single(e => e.FullName.EndsWith("/linux-arm64/rasdl", StringComparison.Ordinal));
        Assert.Equal(ElfMachineArm64, ElfMachine(Read(binary)));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal) || e.FullName.EndsWith(".runtimeconfig.json", StringComparison.Ordinal));
        var path = Path.Combine(extractTo, "rasdl");
        binary.ExtractToFile(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>The linux-arm64 package holds an arm64 app host and ReadyToRun (precompiled) assemblies.</summary>
    public static void AssertArm64IsReadyToRun(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var host = zip.Entries.Single(e => e.FullName.EndsWith("/linux-arm64/rasdl", StringComparison.Ordinal));
        Assert.Equal(ElfMachineArm64, ElfMachine(Read(host)));
        foreach (var name in new[] { "rasdl.dll", "Rasdl.Compiler.dll" })
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("/linux-arm64/" + name, StringComparison.Ordinal));
            using var pe = new PEReader(new MemoryStream(Read(entry)));
            Assert.Equal(Machine.Arm64, ReadyToRunMachine(pe));
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{name} in {Path.GetFileName(package)} is not ReadyToRun");
        }
    }

    // ReadyToRun images for Linux mark the target in the COFF machine with an OS xor (0x7B79 for Linux).
    private static Machine ReadyToRunMachine(PEReader pe) => (Machine)((ushort)pe.PEHeaders.CoffHeader.Machine ^ 0x7B79);

    private static ushort ElfMachine(byte[] bytes)
    {
        Assert.True(bytes.Length > 20 && bytes[0] == 0x7F && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F', "not an ELF file");
        Assert.Contains(BitConverter.ToUInt16(bytes, 16), new ushort[] { 2, 3 }); // e_type: ET_EXEC, or ET_DYN for a position-independent executable
        return BitConverter.ToUInt16(bytes, 18);
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
