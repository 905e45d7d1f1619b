namespace Rasdl.Import;

/// <summary>
/// Input an importer cannot turn into a description (a truncated table, a sysfs tree with a
/// link loop, a file that is not what its name says). The message is for the user as it is:
/// it names the file and what is wrong with it. Importers throw it; the command prints it.
/// </summary>
public sealed class ImportFailure(string message) : Exception(message);
