namespace Madoguchi.OpenData.Dcat;

public enum TermKind
{
    Iri,
    BlankNode,
    Literal,
}

/// <summary>
/// An RDF term: an IRI, a blank node (by label) or a literal (with a datatype IRI, or a language
/// tag for rdf:langString). A record so two graphs can be compared triple by triple.
/// </summary>
public sealed record Term(TermKind Kind, string Value, string? Datatype = null, string? Language = null)
{
    public static Term Iri(string iri) => new(TermKind.Iri, iri);

    public static Term Blank(string label) => new(TermKind.BlankNode, label);

    public static Term Text(string value) => new(TermKind.Literal, value, Ns.Xsd + "string");

    public static Term Ja(string value) => new(TermKind.Literal, value, Ns.Rdf + "langString", "ja");

    public static Term En(string value) => new(TermKind.Literal, value, Ns.Rdf + "langString", "en");

    public static Term Typed(string value, string datatype) => new(TermKind.Literal, value, datatype);

    public bool IsLiteral => Kind == TermKind.Literal;

    public override string ToString() => Kind switch
    {
        TermKind.Iri => $"<{Value}>",
        TermKind.BlankNode => $"_:{Value}",
        _ => Language is null ? $"\"{Value}\"^^<{Datatype}>" : $"\"{Value}\"@{Language}",
    };
}

public sealed record Triple(Term Subject, Term Predicate, Term Object)
{
    public override string ToString() => $"{Subject} {Predicate} {Object} .";
}

/// <summary>A set of triples in the order they were added (so the Turtle and JSON-LD read naturally), without duplicates.</summary>
public sealed class Graph
{
    private readonly List<Triple> triples = [];
    private readonly HashSet<Triple> seen = [];
    private int blankNodes;

    public IReadOnlyList<Triple> Triples => triples;

    public void Add(Term subject, string predicate, Term @object) => Add(new Triple(subject, Term.Iri(predicate), @object));

    public void Add(Triple triple)
    {
        if (seen.Add(triple))
        {
            triples.Add(triple);
        }
    }

    public void AddAll(Graph other)
    {
        foreach (var t in other.Triples)
        {
            Add(t);
        }
    }

    public Term NewBlank() => Term.Blank("b" + ++blankNodes);

    public IEnumerable<Term> Objects(Term subject, string predicate) =>
        triples.Where(t => t.Subject == subject && t.Predicate.Value == predicate).Select(t => t.Object);

    public Term? Object(Term subject, string predicate) => Objects(subject, predicate).FirstOrDefault();

    public IEnumerable<Term> Subjects(string predicate, Term @object) =>
        triples.Where(t => t.Predicate.Value == predicate && t.Object == @object).Select(t => t.Subject).Distinct();

    public bool Contains(Triple triple) => seen.Contains(triple);

    /// <summary>Same triples, whatever the order (blank node labels compared as they are).</summary>
    public bool SameAs(Graph other) => seen.SetEquals(other.seen);
}

/// <summary>The vocabularies DCAT-AP uses.</summary>
public static class Ns
{
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Rdfs = "http://www.w3.org/2000/01/rdf-schema#";
    public const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    public const string Dcat = "http://www.w3.org/ns/dcat#";
    public const string Dct = "http://purl.org/dc/terms/";
    public const string Foaf = "http://xmlns.com/foaf/0.1/";
    public const string Vcard = "http://www.w3.org/2006/vcard/ns#";
    public const string Skos = "http://www.w3.org/2004/02/skos/core#";
    public const string Hydra = "http://www.w3.org/ns/hydra/core#";
    public const string Locn = "http://www.w3.org/ns/locn#";
    public const string Sh = "http://www.w3.org/ns/shacl#";
    public const string Spdx = "http://spdx.org/rdf/terms#";
    public const string Adms = "http://www.w3.org/ns/adms#";
    public const string Owl = "http://www.w3.org/2002/07/owl#";

    public const string Type = Rdf + "type";

    /// <summary>Prefixes written in Turtle and in the JSON-LD @context.</summary>
    public static readonly IReadOnlyList<(string Prefix, string Iri)> Prefixes =
    [
        ("rdf", Rdf), ("rdfs", Rdfs), ("xsd", Xsd), ("dcat", Dcat), ("dct", Dct), ("foaf", Foaf), ("vcard", Vcard),
        ("skos", Skos), ("hydra", Hydra), ("locn", Locn), ("spdx", Spdx), ("adms", Adms), ("owl", Owl),
    ];
}
