namespace Rasdl.Import.Pci;

/// <summary>The PCI functions an importer read, and what it noticed on the way (files it could not read fully, entries it skipped).</summary>
public sealed record PciInventory(IReadOnlyList<PciFunction> Functions, IReadOnlyList<string> Notes);
