using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;

namespace Rasdl.Syntax;

/// <summary>
/// Every property of every node of a tree (spans, texts, values, which lists are default), every
/// token and every diagnostic, as text: two trees are the same exactly when their dumps are equal.
/// Tests and the fuzzer use it to hold the two parsers to one tree.
/// </summary>
internal static class SyntaxDump
{
    [RequiresUnreferencedCode("Reads every node's properties by reflection: for tests and the fuzzer, not for trimmed programs.")]
    public static string Of(SyntaxTree tree)
    {
        var output = new StringBuilder();
        Append(output, tree.Root);
        output.AppendLine();
        foreach (var token in tree.Tokens)
        {
            output.Append(token.Kind).Append(' ').Append(token.Span).Append(' ').Append(token.Text).AppendLine();
        }

        output.AppendLine(string.Join("\n", tree.Diagnostics.Select(d => d.ToString())));
        return output.ToString();
    }

    [RequiresUnreferencedCode("Reads every node's properties by reflection.")]
    private static void Append(StringBuilder output, object? value)
    {
        switch (value)
        {
            case null:
                output.Append("null");
                break;
            case SyntaxNode node:
                output.Append(node.GetType().Name).Append('{');
                foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (property.Name == "EqualityContract" || property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                    {
                        continue;
                    }

                    output.Append(property.Name).Append('=');
                    Append(output, property.GetValue(node));
                    output.Append(';');
                }

                output.Append('}');
                break;
            case ImmutableArray<IdentifierSyntax> { IsDefault: true }:
                output.Append("default");
                break;
            case IEnumerable list and not string:
                output.Append('[');
                foreach (var item in list)
                {
                    Append(output, item);
                    output.Append(',');
                }

                output.Append(']');
                break;
            default:
                output.Append(value);
                break;
        }
    }
}
