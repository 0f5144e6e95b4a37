using System.Text;
using System.Text.RegularExpressions;

namespace Madoguchi.OpenData.Dcat;

/// <summary>
/// Writes a graph as Turtle: the prefixes, then each subject once with its predicates (';') and
/// objects (','). Blank nodes keep their labels (_:b1) so the JSON-LD of the same graph names them alike.
/// </summary>
public static partial class TurtleWriter
{
    public static string Write(Graph graph)
    {
        var text = new StringBuilder();
        foreach (var (prefix, iri) in Ns.Prefixes)
        {
            text.Append("@prefix ").Append(prefix).Append(": <").Append(iri).Append("> .\n");
        }

        foreach (var subject in graph.Triples.GroupBy(t => t.Subject))
        {
            text.Append('\n').Append(Node(subject.Key));
            var predicates = subject.GroupBy(t => t.Predicate).ToList();
            for (var i = 0; i < predicates.Count; i++)
            {
                var predicate = predicates[i].Key.Value == Ns.Type ? "a" : Node(predicates[i].Key);
                text.Append(i == 0 ? " " : " ;\n    ").Append(predicate).Append(' ');
                text.AppendJoin(" , ", predicates[i].Select(t => Node(t.Object)));
            }

            text.Append(" .\n");
        }

        return text.ToString();
    }

    public static string Node(Term term) => term.Kind switch
    {
        TermKind.Iri => Iri(term.Value),
        TermKind.BlankNode => "_:" + term.Value,
        _ => Literal(term),
    };

    private static string Literal(Term term)
    {
        var quoted = Quote(term.Value);
        if (term.Language is { } language)
        {
            return quoted + "@" + language;
        }

        return term.Datatype is null or Ns.Xsd + "string" ? quoted : quoted + "^^" + Iri(term.Datatype);
    }

    /// <summary>A prefixed name when the local part is plain, else the full IRI (characters Turtle forbids in IRIs are percent-encoded).</summary>
    public static string Iri(string iri)
    {
        foreach (var (prefix, ns) in Ns.Prefixes)
        {
            if (iri.StartsWith(ns, StringComparison.Ordinal) && PlainLocal().IsMatch(iri[ns.Length..]))
            {
                return prefix + ":" + iri[ns.Length..];
            }
        }

        return "<" + SafeIri(iri) + ">";
    }

    /// <summary>Percent-encodes what IRIREF does not allow (controls, space, &lt;&gt;"{}|^`\), so a pasted link never breaks the document.</summary>
    public static string SafeIri(string iri)
    {
        var safe = new StringBuilder(iri.Length);
        foreach (var c in iri)
        {
            if (c <= ' ' || "<>\"{}|^`\\".Contains(c))
            {
                safe.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }

    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex PlainLocal();
}
