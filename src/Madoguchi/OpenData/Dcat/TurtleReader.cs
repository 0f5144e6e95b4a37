using System.Globalization;
using System.Text;

namespace Madoguchi.OpenData.Dcat;

/// <summary>
/// Reads the Turtle this module writes and the SHACL shapes file: @prefix/PREFIX, IRIs, prefixed
/// names, 'a', blank node labels and [ … ] property lists, ( … ) collections, ';' and ',', strings
/// ("…", """…""") with @lang or ^^datatype, numbers and booleans, # comments. Not a full Turtle
/// parser (no @base, no relative IRIs, no '…' strings); anything else is a <see cref="FormatException"/>.
/// </summary>
public sealed class TurtleReader
{
    private readonly string text;
    private readonly Dictionary<string, string> prefixes = [];
    private readonly Graph graph = new();
    private int at;
    private int blanks;

    private TurtleReader(string text) => this.text = text;

    public static Graph Read(string text)
    {
        var reader = new TurtleReader(text);
        reader.Document();
        return reader.graph;
    }

    private void Document()
    {
        while (true)
        {
            Skip();
            if (at >= text.Length)
            {
                return;
            }

            if (Peek("@prefix") || Peek("PREFIX"))
            {
                var sparql = text[at] == 'P';
                at += sparql ? 6 : 7;
                Skip();
                var colon = text.IndexOf(':', at);
                var prefix = text[at..colon].Trim();
                at = colon + 1;
                Skip();
                prefixes[prefix] = IriRef();
                if (!sparql)
                {
                    Expect('.');
                }

                continue;
            }

            Term subject;
            if (text[at] == '[')
            {
                subject = BlankPropertyList();
                Skip();
                if (text[at] == '.')
                {
                    at++;
                    continue;
                }
            }
            else
            {
                subject = Resource();
            }

            PredicateObjectList(subject);
            Expect('.');
        }
    }

    private void PredicateObjectList(Term subject)
    {
        while (true)
        {
            Skip();
            var predicate = Verb();
            while (true)
            {
                graph.Add(new Triple(subject, predicate, Object()));
                Skip();
                if (text[at] != ',')
                {
                    break;
                }

                at++;
            }

            Skip();
            if (text[at] != ';')
            {
                return;
            }

            // ';' may repeat and may end the list.
            while (at < text.Length && text[at] == ';')
            {
                at++;
                Skip();
            }

            if (text[at] is '.' or ']')
            {
                return;
            }
        }
    }

    private Term Verb()
    {
        if (text[at] == 'a' && at + 1 < text.Length && (char.IsWhiteSpace(text[at + 1]) || text[at + 1] == '<'))
        {
            at++;
            return Term.Iri(Ns.Type);
        }

        return Resource();
    }

    private Term Object()
    {
        Skip();
        var c = text[at];
        if (c == '"')
        {
            return Literal();
        }

        if (c == '[')
        {
            return BlankPropertyList();
        }

        if (c == '(')
        {
            return Collection();
        }

        if (char.IsDigit(c) || c is '+' or '-' || (c == '.' && at + 1 < text.Length && char.IsDigit(text[at + 1])))
        {
            var start = at;
            while (at < text.Length && (char.IsDigit(text[at]) || text[at] is '+' or '-' or '.' or 'e' or 'E'))
            {
                at++;
            }

            // A final '.' ends the statement, not the number.
            if (text[at - 1] == '.')
            {
                at--;
            }

            var number = text[start..at];
            var type = number.Contains('e') || number.Contains('E') ? "double" : number.Contains('.') ? "decimal" : "integer";
            return Term.Typed(number, Ns.Xsd + type);
        }

        if (Peek("true") || Peek("false"))
        {
            var value = Peek("true") ? "true" : "false";
            at += value.Length;
            return Term.Typed(value, Ns.Xsd + "boolean");
        }

        return Resource();
    }

    private Term BlankPropertyList()
    {
        Expect('[');
        var node = Term.Blank("r" + ++blanks);
        Skip();
        if (text[at] != ']')
        {
            PredicateObjectList(node);
        }

        Expect(']');
        return node;
    }

    private Term Collection()
    {
        Expect('(');
        var items = new List<Term>();
        while (true)
        {
            Skip();
            if (text[at] == ')')
            {
                at++;
                break;
            }

            items.Add(Object());
        }

        var list = Term.Iri(Ns.Rdf + "nil");
        for (var i = items.Count - 1; i >= 0; i--)
        {
            var cell = Term.Blank("r" + ++blanks);
            graph.Add(new Triple(cell, Term.Iri(Ns.Rdf + "first"), items[i]));
            graph.Add(new Triple(cell, Term.Iri(Ns.Rdf + "rest"), list));
            list = cell;
        }

        return list;
    }

    private Term Resource()
    {
        Skip();
        if (text[at] == '<')
        {
            return Term.Iri(IriRef());
        }

        if (Peek("_:"))
        {
            at += 2;
            return Term.Blank(Name());
        }

        var colon = at;
        while (colon < text.Length && text[colon] != ':' && !char.IsWhiteSpace(text[colon]))
        {
            colon++;
        }

        if (colon >= text.Length || text[colon] != ':')
        {
            throw Error("a prefixed name");
        }

        var prefix = text[at..colon];
        if (!prefixes.TryGetValue(prefix, out var ns))
        {
            throw Error($"a declared prefix (not '{prefix}:')");
        }

        at = colon + 1;
        return Term.Iri(ns + Name());
    }

    private string Name()
    {
        var start = at;
        while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] is '_' or '-' or '.' or '%'))
        {
            at++;
        }

        // A name never ends with '.': that is the end of the statement.
        while (at > start && text[at - 1] == '.')
        {
            at--;
        }

        return text[start..at];
    }

    private string IriRef()
    {
        Expect('<');
        var end = text.IndexOf('>', at);
        if (end < 0)
        {
            throw Error("'>'");
        }

        var iri = text[at..end];
        at = end + 1;
        return iri;
    }

    private Term Literal()
    {
        var value = new StringBuilder();
        var isLong = Peek("\"\"\"");
        at += isLong ? 3 : 1;
        while (true)
        {
            if (at >= text.Length)
            {
                throw Error("the end of a string");
            }

            if (isLong ? Peek("\"\"\"") : text[at] == '"')
            {
                at += isLong ? 3 : 1;
                break;
            }

            var c = text[at++];
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            var escaped = text[at++];
            switch (escaped)
            {
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'u':
                    value.Append((char)int.Parse(text.AsSpan(at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    at += 4;
                    break;
                case 'U':
                    value.Append(char.ConvertFromUtf32(int.Parse(text.AsSpan(at, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    at += 8;
                    break;
                default: value.Append(escaped); break;
            }
        }

        if (at < text.Length && text[at] == '@')
        {
            at++;
            var start = at;
            while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '-'))
            {
                at++;
            }

            return new Term(TermKind.Literal, value.ToString(), Ns.Rdf + "langString", text[start..at]);
        }

        if (Peek("^^"))
        {
            at += 2;
            return Term.Typed(value.ToString(), Resource().Value);
        }

        return Term.Text(value.ToString());
    }

    private void Skip()
    {
        while (at < text.Length)
        {
            if (char.IsWhiteSpace(text[at]))
            {
                at++;
            }
            else if (text[at] == '#')
            {
                while (at < text.Length && text[at] != '\n')
                {
                    at++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private bool Peek(string token) => string.CompareOrdinal(text, at, token, 0, token.Length) == 0;

    private void Expect(char c)
    {
        Skip();
        if (at >= text.Length || text[at] != c)
        {
            throw Error($"'{c}'");
        }

        at++;
    }

    private FormatException Error(string expected)
    {
        var line = text.AsSpan(0, Math.Min(at, text.Length)).Count('\n') + 1;
        return new FormatException($"Turtle line {line}: expected {expected}");
    }
}
