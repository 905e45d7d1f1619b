using System.CommandLine;
using System.Text.Json;
using Rasdl.Engine;
using Rasdl.Vocabulary;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Cli.Commands;

/// <summary><c>rasdl stage2</c>: one cell of the stage-1 x stage-2 combination table, or the whole table.</summary>
internal static class Stage2Command
{
    public static Command Create(TextWriter output)
    {
        var stage1 = new Option<string>("--s1") { Description = "The guest's stage-1 memory type (device_nGnRnE … normal_wb)." };
        var stage2 = new Option<string>("--s2") { Description = "The stage-2 attribute (device_nGnRE, normal_nc, …; with --fwb also fwb_* or the plain name KVM would encode)." };
        var fwb = new Option<bool>("--fwb") { Description = "FEAT_S2FWB in use (HCR_EL2.FWB = 1): stage-2 names are the FWB encodings." };
        var table = new Option<bool>("--table") { Description = "Print the whole table: both FWB modes, or only the FWB encodings with --fwb." };
        var format = OutputFormat.Create(OutputFormat.Text, OutputFormat.Json);
        var command = new Command("stage2", "Show how a guest's stage-1 memory type combines with a stage-2 attribute (Arm ARM S2CombineS1MemAttrs).")
        {
            stage1, stage2, fwb, table, format,
        };
        command.Validators.Add(result =>
        {
            var wantsTable = result.GetValue(table);
            var s1 = result.GetValue(stage1);
            var s2 = result.GetValue(stage2);
            if (wantsTable && (s1 is not null || s2 is not null))
            {
                result.AddError("give either --table or --s1 and --s2, not both");
            }
            else if (!wantsTable && (s1 is null || s2 is null))
            {
                result.AddError("give --s1 TYPE and --s2 ATTRIBUTE for one cell, or --table for the whole table");
            }
            else if (s1 is not null && ParseStage1(s1) is null)
            {
                result.AddError($"'{s1}' is not a stage-1 memory type; one of: {string.Join(", ", Stage2Table.Stage1Types.Select(t => t.Word()))}");
            }
            else if (s2 is not null && ParseStage2(s2, result.GetValue(fwb)) is null)
            {
                var names = Stage2Table.AttributesOf(result.GetValue(fwb)).Select(Stage2Table.Name);
                result.AddError($"'{s2}' is not a stage-2 attribute{(result.GetValue(fwb) ? " with FEAT_S2FWB" : " without FEAT_S2FWB")}; one of: {string.Join(", ", names)}");
            }
        });
        command.SetAction(parse =>
        {
            var useFwb = parse.GetValue(fwb);
            var json = parse.GetValue(format) == OutputFormat.Json;
            var cells = parse.GetValue(table)
                ? Stage2Table.Cells.Where(c => !useFwb || c.Fwb).ToList()
                : [Cell(ParseStage1(parse.GetValue(stage1)!)!.Value, ParseStage2(parse.GetValue(stage2)!, useFwb)!.Value)];
            if (json)
            {
                WriteJson(output, cells, single: !parse.GetValue(table));
            }
            else
            {
                WriteText(output, cells);
            }

            return RasdlCommandLine.Success;
        });
        return command;
    }

    private static Stage2Cell Cell(MemoryType stage1, Stage2Attribute stage2) =>
        new(Stage2Table.IsFwbEncoding(stage2), stage1, stage2, Stage2Table.Combine(stage1, stage2));

    private static MemoryType? ParseStage1(string word) =>
        Stage2Table.Stage1Types.Cast<MemoryType?>().FirstOrDefault(t => t!.Value.Word() == word);

    // With --fwb a plain name ("normal_nc") means the encoding KVM writes for it (Linux KVM_S2_MEMATTR).
    private static Stage2Attribute? ParseStage2(string word, bool fwb) =>
        Words.Stage2Attributes.TryGet(word, out var found) ? Stage2Table.ForPlatform(found.Value, fwb) : null;

    private static void WriteJson(TextWriter output, IReadOnlyList<Stage2Cell> cells, bool single)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (!single)
            {
                json.WriteStartArray();
            }

            foreach (var cell in cells)
            {
                json.WriteStartObject();
                json.WriteBoolean("fwb", cell.Fwb);
                json.WriteString("s1", cell.Stage1.Word());
                json.WriteString("s2", Stage2Table.Name(cell.Stage2));
                json.WriteString("memAttr", Stage2Table.MemAttr(cell.Stage2));
                json.WriteString("effective", cell.Effective.Word());
                json.WriteEndObject();
            }

            if (!single)
            {
                json.WriteEndArray();
            }
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteText(TextWriter output, IReadOnlyList<Stage2Cell> cells)
    {
        if (cells.Count == 1)
        {
            var cell = cells[0];
            output.WriteLine($"stage 1 {cell.Stage1.Word()} + stage 2 {Stage2Table.Name(cell.Stage2)} (MemAttr {Stage2Table.MemAttr(cell.Stage2)}{(cell.Fwb ? ", FEAT_S2FWB" : "")}) -> {cell.Effective.Word()} ({cell.Effective.ArmName()})");
            return;
        }

        foreach (var mode in cells.GroupBy(c => c.Fwb))
        {
            output.WriteLine(mode.Key ? "With FEAT_S2FWB (HCR_EL2.FWB = 1), MemAttr[2:0]:" : "Without FEAT_S2FWB, MemAttr[3:0]:");
            var columns = Stage2Table.Stage1Types;
            var width = Math.Max(20, columns.Max(c => c.Word().Length)) + 1;
            output.WriteLine("  " + "stage 2 \\ stage 1".PadRight(28) + string.Concat(columns.Select(c => c.Word().PadRight(width))).TrimEnd());
            foreach (var row in mode.GroupBy(c => c.Stage2))
            {
                var label = $"{Stage2Table.Name(row.Key)} ({Stage2Table.MemAttr(row.Key)})";
                output.WriteLine("  " + label.PadRight(28) + string.Concat(row.Select(c => c.Effective.Word().PadRight(width))).TrimEnd());
            }

            output.WriteLine();
        }
    }
}
