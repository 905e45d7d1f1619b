using System.Text.Json;
using Rasdl.LanguageServer.Protocol.Generator;

// Usage: rasdl-lsp-protocol-generator METAMODEL.json OUTPUT.cs NAMESPACE
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: rasdl-lsp-protocol-generator METAMODEL.json OUTPUT.cs NAMESPACE");
    return 2;
}

using var document = JsonDocument.Parse(File.ReadAllText(args[0]));
var model = new MetaModel(document.RootElement);
var code = new ProtocolEmitter(model, args[2]).Emit();

// Written through a temporary file, so an interrupted build never leaves half a source file.
var output = Path.GetFullPath(args[1]);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
var temporary = output + ".tmp";
File.WriteAllText(temporary, code);
File.Move(temporary, output, overwrite: true);
Console.WriteLine($"generated {model.Structures.Count} structures, {model.Enumerations.Count} enumerations, {model.Methods.Count} methods (LSP {model.Version}) into {output}");
return 0;
