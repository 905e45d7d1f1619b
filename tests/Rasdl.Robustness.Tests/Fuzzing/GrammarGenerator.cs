using CsCheck;
using Words = Rasdl.Vocabulary.Vocabulary;

namespace Rasdl.Robustness.Fuzzing;

/// <summary>
/// Generates descriptions that follow the grammar (Rasdl.g4), with words drawn mostly from the
/// vocabulary and a small pool of names so that references resolve, sometimes misspelt or out
/// of place; then lays the tokens out with random trivia (comments, odd whitespace) and may
/// corrupt a few tokens. Most inputs get past the parser, so the binder, the engine and the
/// emitters see them, not only the error recovery.
/// </summary>
public static class GrammarGenerator
{
    private static Gen<string> Pick(IEnumerable<string> words, double junk = 0.05)
    {
        var choices = words.ToArray();
        return Gen.Frequency(((int)((1 - junk) * 100), Gen.OneOf(choices)), ((int)(junk * 100), Gen.OneOf(Fragments.VocabularyWords.Concat(Fragments.Names).ToArray())));
    }

    private static readonly Gen<string> Name = Pick(Fragments.Names, junk: 0.02);
    private static readonly Gen<string> BlockKind = Pick(Words.BlockKinds.Texts);
    private static readonly Gen<string> EndpointKind = Pick(Words.EndpointKinds.Texts);
    private static readonly Gen<string> Error = Pick(Words.Errors.Texts);
    private static readonly Gen<string> FilterWord = Pick(Words.Accesses.Texts.Concat(Words.MemoryTypes.Texts));
    private static readonly Gen<string> Outcome = Pick(Words.Outcomes.Texts);
    private static readonly Gen<string> OutcomeArgument = Pick(Words.SErrorSeverities.Texts.Concat(Words.IrqKinds.Texts));
    private static readonly Gen<string> Feature = Pick(Words.Features.Texts);
    private static readonly Gen<string> Driver = Pick(Words.Drivers.Texts);
    private static readonly Gen<string> Stage2 = Pick(Words.Stage2Attributes.Texts);
    private static readonly Gen<string> Action = Pick(Words.HypervisorActions.Texts);
    private static readonly Gen<string> Space = Pick(Words.RegionSpaces.Texts);
    private static readonly Gen<string> RegionAttribute = Pick(Words.RegionAttributes.Texts);
    private static readonly Gen<string> Number = Gen.OneOf(Fragments.Numbers);
    private static readonly Gen<string> Text = Gen.OneOf(Fragments.Strings);

    private static Gen<string> List(Gen<string> item, int max) => item.Array[1, max].Select(items => string.Join(" , ", items));

    private static Gen<string> Optional(Gen<string> gen, string prefix = "", string suffix = "") =>
        Gen.Frequency((1, Gen.Const("")), (1, gen.Select(g => prefix + g + suffix)));

    private static readonly Gen<string> Doc = Text.Select(t => $"doc {t} ;");

    private static readonly Gen<string> RuleOutcome =
        Gen.Select(Outcome, Optional(List(OutcomeArgument, 2), "( ", " )"), (outcome, arguments) => $"{outcome} {arguments}");

    // One effect mostly; sometimes a response and signals (`all_ones , irq ( aer )`).
    private static readonly Gen<string> Rule =
        Gen.Select(Error, Optional(List(FilterWord, 3), "( ", " )"), Gen.Frequency((4, RuleOutcome.Array[1, 1]), (1, RuleOutcome.Array[2, 3])),
            (error, filter, outcomes) => $"on {error} {filter} -> {string.Join(" , ", outcomes)} ;");

    private static readonly Gen<string> Claim =
        Gen.Select(Gen.Frequency((9, Gen.Const("serror_in_guest")), (1, Name)), Optional(List(FilterWord, 3), "( ", " )"),
            (name, filter) => $"claim {name} {filter} ;");

    private static readonly Gen<string> Block =
        Gen.Select(Name, BlockKind, Optional(Name, "extends "), Gen.Frequency((6, Rule), (1, Claim), (1, Doc)).Array[0, 6],
            (name, kind, extends, members) => $"block {name} : {kind} {extends} {{ {string.Join(' ', members)} }}");

    private static readonly Gen<string> Region =
        Gen.Select(Name, Space, Optional(Number, "size "), Optional(Number, "at "), RegionAttribute.Array[0, 2], Optional(Text, "doc "),
            (name, space, size, at, attributes, doc) => $"region {name} {space} {size} {at} {string.Join(' ', attributes)} {doc} ;");

    private static readonly Gen<string> Endpoint =
        Gen.Select(Name, EndpointKind, Name, Gen.Frequency((3, Region), (2, List(Error, 5).Select(e => $"faults {e} ;")), (1, Doc)).Array[0, 4],
            (name, kind, parent, members) => $"endpoint {name} : {kind} under {parent} {{ {string.Join(' ', members)} }}");

    private static readonly Gen<string> Hypervisor =
        Gen.Select(Name,
            Gen.Frequency(
                (2, Gen.Select(Driver, Optional(List(Feature, 2), "when "), Stage2, (d, w, s) => $"stage2 {d} {w} -> {s} ;")),
                (3, Gen.Select(Outcome, Optional(List(OutcomeArgument, 2), "( ", " )"), Optional(List(Feature, 2), "when "), Action,
                    (o, a, w, action) => $"on {o} {a} {w} -> {action} ;")),
                (1, Doc)).Array[0, 6],
            (name, members) => $"hypervisor {name} {{ {string.Join(' ', members)} }}");

    private static readonly Gen<string> Declaration = Gen.Frequency(
        (1, Gen.OneOf(Fragments.Strings).Select(s => $"import {s} ;")),
        (1, Gen.Select(Name, Gen.Frequency((2, List(Feature, 4).Select(f => $"features {f} ;")), (1, Doc)).Array[0, 3],
            (name, members) => $"platform {name} {{ {string.Join(' ', members)} }}")),
        (5, Block),
        (3, Endpoint),
        (2, Name.Array[2, 5].Select(names => "route " + string.Join(" -> ", names) + " ;")),
        (2, Gen.Select(Name, Name, Name, Driver, (e, r, t, d) => $"assign {e} . {r} to {t} via {d} ;")),
        (1, Hypervisor),
        (2, Gen.Select(Name, Name, Gen.Bool, (p, h, doc) => $"profile {p} {{ {(doc ? "doc \"d\" ;" : "")} hypervisor {h} ; }}")));

    /// <summary>Changes to the token stream: drop, duplicate or replace a token; mostly none.</summary>
    public readonly record struct Corruption(int Kind, int Token, int Pick);

    public static Gen<FuzzInput> Inputs(string relativePath) =>
        Gen.Select(
            Gen.Frequency((1, Gen.Const("import \"std/kvm.rasdl\" ;")), (1, Gen.Const(""))),
            Declaration.Array[0, 14],
            Gen.Int[0, 1 << 20],
            Gen.Frequency(
                (4, Gen.Const(Array.Empty<Corruption>())),
                (1, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 1 << 16], Gen.Int[0, 1 << 16], (k, t, p) => new Corruption(k, t, p)).Array[1, 3])),
            (prelude, declarations, layout, corruptions) => new FuzzInput(relativePath, Layout(prelude, declarations, layout, corruptions)));

    private static string Layout(string prelude, string[] declarations, int layout, Corruption[] corruptions)
    {
        var tokens = (prelude + " " + string.Join(' ', declarations)).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var corruption in corruptions)
        {
            if (tokens.Count == 0)
            {
                break;
            }

            var index = corruption.Token % tokens.Count;
            switch (corruption.Kind)
            {
                case 0:
                    tokens.RemoveAt(index);
                    break;
                case 1:
                    tokens.Insert(index, tokens[index]);
                    break;
                default:
                    tokens[index] = Fragments.All[corruption.Pick % Fragments.All.Length];
                    break;
            }
        }

        // layout 0 is the plainest: one space between tokens, a newline after ';' '{' '}'.
        var random = new Random(layout);
        var text = new System.Text.StringBuilder();
        foreach (var token in tokens)
        {
            text.Append(token);
            text.Append(layout != 0 && random.Next(8) == 0 ? Fragments.Trivia[random.Next(Fragments.Trivia.Length)] : token is ";" or "{" or "}" ? "\n" : " ");
        }

        return text.ToString();
    }
}
