using System.Text;
using CsCheck;

namespace Rasdl.Robustness.Fuzzing;

/// <summary>
/// Mutates the seed files: a generated input is a seed and a list of edits (delete, duplicate,
/// insert a fragment, replace a character, splice a line from another seed, swap or drop lines,
/// truncate, nest brackets deeply). Edits are plain numbers, so when an input fails CsCheck
/// shrinks it to fewer and smaller edits: the reported input is close to minimal.
/// </summary>
public static class CorpusMutator
{
    /// <summary>One edit: what to do, where (a fraction of the text in 1/65536ths), how much, and which fragment or seed.</summary>
    public readonly record struct Edit(int Kind, int Where, int Amount, int Pick);

    private const int Kinds = 10;

    public static Gen<FuzzInput> Inputs(FuzzCorpus corpus) =>
        Gen.Select(
                Gen.Int[0, corpus.Seeds.Count - 1],
                Gen.Select(Gen.Int[0, Kinds - 1], Gen.Int[0, 65535], Gen.Int[0, 64], Gen.Int[0, 1 << 20], (k, w, a, p) => new Edit(k, w, a, p)).Array[0, 8],
                (seed, edits) => (seed, edits))
            .Select(pair => new FuzzInput(corpus.Seeds[pair.seed].RelativePath, Apply(corpus, corpus.Seeds[pair.seed].Text, pair.edits)));

    public static string Apply(FuzzCorpus corpus, string text, IEnumerable<Edit> edits)
    {
        var builder = new StringBuilder(text);
        foreach (var edit in edits)
        {
            Apply(corpus, builder, edit);
        }

        return builder.ToString();
    }

    private static void Apply(FuzzCorpus corpus, StringBuilder text, Edit edit)
    {
        var at = (int)((long)edit.Where * text.Length / 65536);
        var length = Math.Min(edit.Amount, text.Length - at);
        var fragment = Fragments.All[edit.Pick % Fragments.All.Length];
        switch (edit.Kind)
        {
            case 0:
                text.Remove(at, length);
                break;
            case 1:
                text.Insert(at, text.ToString(at, length));
                break;
            case 2:
                text.Insert(at, fragment);
                break;
            case 3 when at < text.Length:
                text.Remove(at, 1).Insert(at, fragment);
                break;
            case 4:
                var other = corpus.Seeds[edit.Pick % corpus.Seeds.Count].Text.Split('\n');
                text.Insert(at, other[edit.Amount % other.Length] + "\n");
                break;
            case 5:
                SwapLines(text, edit);
                break;
            case 6:
                text.Length = at;
                break;
            case 7:
                text.Insert(at, new string("{(})"[edit.Pick % 4], edit.Amount * 1000));
                break;
            case 8:
                // The same fragment many times: long lists, long routes, many declarations.
                text.Insert(at, string.Concat(Enumerable.Repeat(fragment + (edit.Pick % 2 == 0 ? " " : ", "), edit.Amount * 20)));
                break;
            case 9 when at < text.Length:
                text[at] = (char)(edit.Pick & 0xFFFF);
                break;
        }
    }

    private static void SwapLines(StringBuilder text, Edit edit)
    {
        var lines = text.ToString().Split('\n').ToList();
        if (lines.Count < 2)
        {
            return;
        }

        var first = edit.Where % lines.Count;
        var second = edit.Pick % lines.Count;
        if (edit.Amount % 3 == 0)
        {
            lines.RemoveAt(first);
        }
        else
        {
            (lines[first], lines[second]) = (lines[second], lines[first]);
        }

        text.Clear().AppendJoin('\n', lines);
    }
}
