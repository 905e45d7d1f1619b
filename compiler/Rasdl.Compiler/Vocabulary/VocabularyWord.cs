using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Rasdl.Vocabulary;

/// <summary>A word of RASDL's closed vocabulary, with the documentation hover and the language reference show.</summary>
public interface IVocabularyWord
{
    string Text { get; }

    /// <summary>The category, in the user's words: "error", "access kind", "memory type"…</summary>
    string Category { get; }

    /// <summary>One line.</summary>
    string Summary { get; }

    /// <summary>Markdown: what it means and where that comes from (Arm ARM rule, kernel function, PCIe).</summary>
    string Detail { get; }
}

/// <summary>A vocabulary word that stands for a value the compiler works with.</summary>
public sealed record Word<T>(string Text, T Value, string Summary, string Detail) : IVocabularyWord
{
    public string Category { get; internal set; } = "";

    /// <summary>What users write for this word from other documents (a specification's term, a kernel name): a misspelling suggestion finds the word from these too.</summary>
    public ImmutableArray<string> OtherNames { get; init; } = [];
}

/// <summary>All words of one category, looked up by their exact (case-sensitive) text.</summary>
public sealed class WordSet<T>
{
    private readonly FrozenDictionary<string, Word<T>> _byText;

    public WordSet(string category, params Word<T>[] words)
    {
        Category = category;
        foreach (var word in words)
        {
            word.Category = category;
        }

        Words = [.. words];
        _byText = words.ToFrozenDictionary(w => w.Text, StringComparer.Ordinal);
    }

    public string Category { get; }

    public ImmutableArray<Word<T>> Words { get; }

    public IEnumerable<string> Texts => Words.Select(w => w.Text);

    public bool TryGet(string text, out Word<T> word) => _byText.TryGetValue(text, out word!);

    /// <summary>
    /// The word a user most likely meant by <paramref name="text"/>: the one it names in other
    /// terms (<c>ecrc</c> is <c>malformed</c>), the one it spells with '-' for '_' or in
    /// another case (<c>vfio-pci</c>, <c>UC</c>), else the closest by spelling, else null.
    /// </summary>
    public string? Suggest(string text)
    {
        var normalised = text.Replace('-', '_').ToLowerInvariant();
        foreach (var word in Words)
        {
            if (word.Text.Equals(normalised, StringComparison.OrdinalIgnoreCase) && word.Text != text
                || word.OtherNames.Any(n => n.Equals(normalised, StringComparison.OrdinalIgnoreCase)))
            {
                return word.Text;
            }
        }

        return Semantics.NameSuggestions.Closest(text, Texts);
    }

    public Word<T> this[T value]
    {
        get
        {
            // A loop, not First(lambda): reports and witnesses ask this for every word they print.
            foreach (var word in Words)
            {
                if (EqualityComparer<T>.Default.Equals(word.Value, value))
                {
                    return word;
                }
            }

            throw new InvalidOperationException($"no {Category} word for {value}");
        }
    }

    public string TextOf(T value) => this[value].Text;
}
