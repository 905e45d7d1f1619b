using System.CommandLine;
using System.Text.Json;
using Rasdl.Parsing;

namespace Rasdl.Cli.Commands;

/// <summary><c>rasdl vocabulary</c>: every keyword and vocabulary word with its category and summary (for editors and docs; --format markdown writes the tables of docs/language.md).</summary>
internal static class VocabularyCommand
{
    public static Command Create(TextWriter output)
    {
        var format = OutputFormat.Create(OutputFormat.Text, OutputFormat.Json, OutputFormat.Markdown);
        var command = new Command("vocabulary", "List RASDL's keywords and vocabulary words with their meaning.") { format };
        command.SetAction(parse =>
        {
            var entries = Parser.Keywords.Select(k => (Word: k, Category: "keyword", Summary: ""))
                .Concat(Vocabulary.Vocabulary.AllWords.Select(w => (Word: w.Text, w.Category, w.Summary)))
                .ToList();
            if (parse.GetValue(format) == OutputFormat.Markdown)
            {
                // The generated section of docs/language.md.
                output.Write(Vocabulary.VocabularyMarkdown.Write());
            }
            else if (parse.GetValue(format) == OutputFormat.Json)
            {
                // Written with Utf8JsonWriter, not JsonSerializer, so that the CLI can be compiled ahead of time (Native AOT).
                using var stream = new MemoryStream();
                using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    json.WriteStartArray();
                    foreach (var (word, category, summary) in entries)
                    {
                        json.WriteStartObject();
                        json.WriteString("word", word);
                        json.WriteString("category", category);
                        json.WriteString("summary", summary);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            }
            else
            {
                foreach (var group in entries.GroupBy(e => e.Category))
                {
                    output.WriteLine($"{group.Key}:");
                    foreach (var entry in group)
                    {
                        output.WriteLine(entry.Summary.Length == 0 ? $"  {entry.Word}" : $"  {entry.Word,-18} {entry.Summary}");
                    }
                }
            }

            return RasdlCommandLine.Success;
        });
        return command;
    }
}
