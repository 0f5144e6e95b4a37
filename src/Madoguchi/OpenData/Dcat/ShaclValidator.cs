using System.Globalization;
using System.Text.RegularExpressions;

namespace Madoguchi.OpenData.Dcat;

/// <summary>One result of a SHACL check: which node broke which constraint of which shape, on which path.</summary>
public sealed record ShaclViolation(Term Focus, string? Path, string Component, Term Shape, Term? Value, string Message)
{
    public override string ToString() => $"{Focus} {Path ?? "(node)"}: {Component} ({Message})";
}

/// <summary>
/// A SHACL Core checker for the constraint components the DCAT-AP 2.1.1 shapes use: targets by
/// sh:targetClass; sh:property with a predicate sh:path; sh:minCount, sh:maxCount, sh:class
/// (with rdfs:subClassOf in the data), sh:datatype (and a well-formed lexical form for the XSD
/// types the shapes name), sh:nodeKind, sh:hasValue, sh:node and sh:or. A shape using anything
/// else is refused when the checker is built, so a constraint is never silently ignored.
/// </summary>
public sealed partial class ShaclValidator
{
    private static readonly HashSet<string> Understood =
    [
        "targetClass", "property", "path", "minCount", "maxCount", "class", "datatype", "nodeKind", "hasValue", "node", "or",
        "severity", "message", "name", "description",
    ];

    private readonly Graph shapes;

    public ShaclValidator(Graph shapes)
    {
        var unknown = shapes.Triples.Select(t => t.Predicate.Value).Where(p => p.StartsWith(Ns.Sh, StringComparison.Ordinal) && !Understood.Contains(p[Ns.Sh.Length..])).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new NotSupportedException("SHACL constraints not implemented: " + string.Join(", ", unknown));
        }

        this.shapes = shapes;
    }

    /// <summary>The DCAT-AP 2.1.1 shapes kept with the module (dcat-ap-2.1.1-shapes.ttl).</summary>
    public static ShaclValidator DcatAp { get; } = new(LoadShapes());

    private static Graph LoadShapes()
    {
        using var stream = typeof(ShaclValidator).Assembly.GetManifestResourceStream("Madoguchi.OpenData.Dcat.dcat-ap-2.1.1-shapes.ttl")
            ?? throw new InvalidOperationException("The DCAT-AP shapes are not embedded.");
        using var reader = new StreamReader(stream);
        return TurtleReader.Read(reader.ReadToEnd());
    }

    public IReadOnlyList<ShaclViolation> Validate(Graph data)
    {
        var violations = new List<ShaclViolation>();
        foreach (var shape in shapes.Subjects(Ns.Rdf + "type", Term.Iri(Ns.Sh + "NodeShape")))
        {
            foreach (var targetClass in shapes.Objects(shape, Ns.Sh + "targetClass"))
            {
                foreach (var focus in Instances(data, targetClass).ToList())
                {
                    violations.AddRange(NodeViolations(data, shape, focus));
                }
            }
        }

        return violations;
    }

    private static IEnumerable<Term> Instances(Graph data, Term type) =>
        data.Triples.Where(t => t.Predicate.Value == Ns.Type && IsSubClass(data, t.Object, type, 0)).Select(t => t.Subject).Distinct();

    private static bool IsSubClass(Graph data, Term type, Term of, int depth) =>
        type == of || (depth < 20 && data.Objects(type, Ns.Rdfs + "subClassOf").Any(super => IsSubClass(data, super, of, depth + 1)));

    /// <summary>The violations of a node against a node shape: its own constraints, then each property shape.</summary>
    private List<ShaclViolation> NodeViolations(Graph data, Term shape, Term focus)
    {
        var violations = ValueViolations(data, shape, focus, focus, null);
        foreach (var property in shapes.Objects(shape, Ns.Sh + "property"))
        {
            var path = shapes.Object(property, Ns.Sh + "path")?.Value ?? throw new NotSupportedException("A property shape without a predicate sh:path.");
            var values = data.Objects(focus, path).ToList();
            if (shapes.Object(property, Ns.Sh + "minCount") is { } min && values.Count < int.Parse(min.Value, CultureInfo.InvariantCulture))
            {
                violations.Add(new(focus, path, "sh:MinCountConstraintComponent", property, null, $"at least {min.Value} value(s), found {values.Count}"));
            }

            if (shapes.Object(property, Ns.Sh + "maxCount") is { } max && values.Count > int.Parse(max.Value, CultureInfo.InvariantCulture))
            {
                violations.Add(new(focus, path, "sh:MaxCountConstraintComponent", property, null, $"at most {max.Value} value(s), found {values.Count}"));
            }

            if (shapes.Object(property, Ns.Sh + "hasValue") is { } required && !values.Contains(required))
            {
                violations.Add(new(focus, path, "sh:HasValueConstraintComponent", property, null, $"must have the value {required}"));
            }

            foreach (var value in values)
            {
                violations.AddRange(ValueViolations(data, property, focus, value, path));
            }
        }

        return violations;
    }

    /// <summary>The value-level constraints of a shape (class, datatype, node kind, node, or) applied to one value.</summary>
    private List<ShaclViolation> ValueViolations(Graph data, Term shape, Term focus, Term value, string? path)
    {
        var violations = new List<ShaclViolation>();
        foreach (var type in shapes.Objects(shape, Ns.Sh + "class"))
        {
            if (value.IsLiteral || !data.Objects(value, Ns.Type).Any(t => IsSubClass(data, t, type, 0)))
            {
                violations.Add(new(focus, path, "sh:ClassConstraintComponent", shape, value, $"{value} must be an instance of {type}"));
            }
        }

        foreach (var datatype in shapes.Objects(shape, Ns.Sh + "datatype"))
        {
            if (!value.IsLiteral || value.Datatype != datatype.Value || !WellFormed(value))
            {
                violations.Add(new(focus, path, "sh:DatatypeConstraintComponent", shape, value, $"{value} must be a well-formed {datatype}"));
            }
        }

        foreach (var kind in shapes.Objects(shape, Ns.Sh + "nodeKind"))
        {
            if (!HasKind(value, kind.Value[Ns.Sh.Length..]))
            {
                violations.Add(new(focus, path, "sh:NodeKindConstraintComponent", shape, value, $"{value} must be {kind}"));
            }
        }

        foreach (var node in shapes.Objects(shape, Ns.Sh + "node"))
        {
            if (NodeViolations(data, node, value).Count > 0)
            {
                violations.Add(new(focus, path, "sh:NodeConstraintComponent", shape, value, $"{value} does not conform to {node}"));
            }
        }

        foreach (var list in shapes.Objects(shape, Ns.Sh + "or"))
        {
            if (!Members(list).Any(alternative => NodeViolations(data, alternative, value).Count == 0))
            {
                violations.Add(new(focus, path, "sh:OrConstraintComponent", shape, value, shapes.Object(shape, Ns.Sh + "message")?.Value ?? $"{value} matches none of the alternatives"));
            }
        }

        return violations;
    }

    private IEnumerable<Term> Members(Term list)
    {
        while (list.Value != Ns.Rdf + "nil")
        {
            yield return shapes.Object(list, Ns.Rdf + "first") ?? throw new NotSupportedException("A broken RDF list in the shapes.");
            list = shapes.Object(list, Ns.Rdf + "rest") ?? throw new NotSupportedException("A broken RDF list in the shapes.");
        }
    }

    private static bool HasKind(Term value, string kind) => kind switch
    {
        "IRI" => value.Kind == TermKind.Iri,
        "Literal" => value.Kind == TermKind.Literal,
        "BlankNode" => value.Kind == TermKind.BlankNode,
        "BlankNodeOrIRI" => value.Kind != TermKind.Literal,
        "BlankNodeOrLiteral" => value.Kind != TermKind.Iri,
        "IRIOrLiteral" => value.Kind != TermKind.BlankNode,
        _ => throw new NotSupportedException("Unknown sh:nodeKind " + kind),
    };

    /// <summary>An ill-typed literal (e.g. "yesterday"^^xsd:date) fails sh:datatype, as SHACL asks.</summary>
    private static bool WellFormed(Term literal) => literal.Datatype![Ns.Xsd.Length..] switch
    {
        "date" => DateOnly.TryParseExact(literal.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "dateTime" => DateTimeLexical().IsMatch(literal.Value) && DateTime.TryParse(literal.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        "gYear" => GYear().IsMatch(literal.Value),
        "gYearMonth" => GYearMonth().IsMatch(literal.Value),
        "decimal" => DecimalLexical().IsMatch(literal.Value),
        "hexBinary" => literal.Value.Length % 2 == 0 && literal.Value.All(char.IsAsciiHexDigit),
        "duration" => DurationLexical().IsMatch(literal.Value) && literal.Value is not ("P" or "-P") && !literal.Value.EndsWith('T'),
        _ => true,
    };

    [GeneratedRegex(@"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex DateTimeLexical();

    [GeneratedRegex(@"^-?\d{4,}(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex GYear();

    [GeneratedRegex(@"^-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex GYearMonth();

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)$")]
    private static partial Regex DecimalLexical();

    [GeneratedRegex(@"^-?P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")]
    private static partial Regex DurationLexical();
}
