using System.Text.Json;
using Madoguchi.OpenData.Dcat;

namespace Madoguchi.Tests.OpenData;

/// <summary>
/// Expands the flattened JSON-LD the catalogue writes (@context of prefixes, @graph of node
/// objects with explicit @id / @value values) into triples, following the JSON-LD expansion rules
/// for those constructs, so the test can compare it with the Turtle of the same address.
/// </summary>
public static class JsonLdReader
{
    public static Graph Read(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        var context = root.GetProperty("@context").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        string Expand(string value)
        {
            var colon = value.IndexOf(':');
            return colon > 0 && context.TryGetValue(value[..colon], out var ns) && !value[(colon + 1)..].StartsWith("//", StringComparison.Ordinal) ? ns + value[(colon + 1)..] : value;
        }

        Term Node(string id) => id.StartsWith("_:", StringComparison.Ordinal) ? Term.Blank(id[2..]) : Term.Iri(Expand(id));

        var graph = new Graph();
        foreach (var node in root.GetProperty("@graph").EnumerateArray())
        {
            var subject = Node(node.GetProperty("@id").GetString()!);
            foreach (var property in node.EnumerateObject().Where(p => p.Name != "@id"))
            {
                if (property.Name == "@type")
                {
                    foreach (var type in property.Value.EnumerateArray())
                    {
                        graph.Add(new Triple(subject, Term.Iri(Ns.Type), Term.Iri(Expand(type.GetString()!))));
                    }

                    continue;
                }

                foreach (var value in property.Value.EnumerateArray())
                {
                    Term term;
                    if (value.TryGetProperty("@id", out var id))
                    {
                        term = Node(id.GetString()!);
                    }
                    else if (value.TryGetProperty("@language", out var language))
                    {
                        term = new Term(TermKind.Literal, value.GetProperty("@value").GetString()!, Ns.Rdf + "langString", language.GetString());
                    }
                    else
                    {
                        term = Term.Typed(value.GetProperty("@value").GetString()!, value.TryGetProperty("@type", out var type) ? Expand(type.GetString()!) : Ns.Xsd + "string");
                    }

                    graph.Add(new Triple(subject, Term.Iri(Expand(property.Name)), term));
                }
            }
        }

        return graph;
    }
}
