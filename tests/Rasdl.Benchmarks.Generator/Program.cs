using System.Globalization;
using Rasdl.Benchmarks.Generator;

// rasdl-generate --lines N --out DIR [--shape mixed|wide|deep] [--name NAME]: writes DIR/NAME.rasdl
// and DIR/NAME.dts (NAME: platform-N for the mixed shape, platform-SHAPE-N for the others).
var lines = 10_000;
var shape = PlatformShape.Mixed;
var output = ".";
var name = (string?)null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--lines" when i + 1 < args.Length && int.TryParse(args[i + 1].Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 100:
            lines = n;
            i++;
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--shape" when i + 1 < args.Length && Enum.TryParse<PlatformShape>(args[i + 1], ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(args[i + 1], out _):
            shape = s;
            i++;
            break;
        case "--name" when i + 1 < args.Length:
            name = args[++i];
            break;
        default:
            Console.Error.WriteLine("usage: Rasdl.Benchmarks.Generator --lines N (at least 100) --out DIR [--shape mixed|wide|deep] [--name NAME]");
            return 2;
    }
}

name ??= shape == PlatformShape.Mixed ? $"platform-{lines}" : $"platform-{shape.ToString().ToLowerInvariant()}-{lines}";
Directory.CreateDirectory(output);
var platform = PlatformGenerator.Generate(lines, shape);
var rasdlPath = Path.Combine(output, name + ".rasdl");
var dtsPath = Path.Combine(output, name + ".dts");
File.WriteAllText(rasdlPath, platform.Rasdl);
File.WriteAllText(dtsPath, platform.DeviceTree);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{rasdlPath}: {platform.RasdlLines} lines, {platform.RootPorts} root ports, {platform.Switches} switches, {platform.Endpoints} endpoints, {platform.Regions} regions, {platform.Assignments} assignments"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{dtsPath}: {platform.DeviceTreeLines} lines"));
return 0;
