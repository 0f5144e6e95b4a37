using System.Text.Json;
using System.Text.Json.Nodes;

namespace Madoguchi.OpenData.Dcat;

/// <summary>
/// Writes a graph as flattened JSON-LD: an @context of the prefixes and an @graph with one node
/// object per subject. Values are explicit (@id, or @value with @language / @type), so any JSON-LD
/// processor expands it to exactly the triples of the Turtle.
/// </summary>
public static class JsonLdWriter
{
    public static string Write(Graph graph)
    {
        var context = new JsonObject();
        foreach (var (prefix, iri) in Ns.Prefixes)
        {
            context[prefix] = iri;
        }

        var nodes = new JsonArray();
        foreach (var subject in graph.Triples.GroupBy(t => t.Subject))
        {
            var node = new JsonObject { ["@id"] = Id(subject.Key) };
            foreach (var predicate in subject.GroupBy(t => t.Predicate.Value))
            {
                if (predicate.Key == Ns.Type)
                {
                    node["@type"] = new JsonArray(predicate.Select(t => (JsonNode)JsonValue.Create(Compact(t.Object.Value))).ToArray());
                    continue;
                }

                node[Compact(predicate.Key)] = new JsonArray(predicate.Select(t => Value(t.Object)).ToArray());
            }

            nodes.Add(node);
        }

        var document = new JsonObject { ["@context"] = context, ["@graph"] = nodes };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Id(Term term) => term.Kind == TermKind.BlankNode ? "_:" + term.Value : term.Value;

    private static JsonNode Value(Term term)
    {
        if (!term.IsLiteral)
        {
            return new JsonObject { ["@id"] = Id(term) };
        }

        var value = new JsonObject { ["@value"] = term.Value };
        if (term.Language is { } language)
        {
            value["@language"] = language;
        }
        else if (term.Datatype is { } datatype && datatype != Ns.Xsd + "string")
        {
            value["@type"] = Compact(datatype);
        }

        return value;
    }

    /// <summary>prefix:local for the known vocabularies; a compact IRI expands through the @context.</summary>
    public static string Compact(string iri)
    {
        foreach (var (prefix, ns) in Ns.Prefixes)
        {
            if (iri.StartsWith(ns, StringComparison.Ordinal) && iri.Length > ns.Length && !iri[ns.Length..].Contains('/') && !iri[ns.Length..].Contains('#'))
            {
                return prefix + ":" + iri[ns.Length..];
            }
        }

        return iri;
    }
}
