using System.Text.Json;
using System.Text.RegularExpressions;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// One compiled (sub)schema: keyword values are parsed and checked once, so evaluation never has
/// to interpret raw JSON or deal with a malformed keyword.
/// </summary>
internal sealed class SchemaNode
{
    public required JsonElement Element { get; init; }

    /// <summary>Set for the boolean schemas <c>true</c> and <c>false</c>.</summary>
    public bool? BooleanValue { get; init; }

    /// <summary>The schema resource (absolute URI without fragment) this node belongs to.</summary>
    public required string ResourceUri { get; init; }

    /// <summary>Absolute location of this node, <c>resource#/pointer</c>, used in error reports.</summary>
    public required string Location { get; init; }

    public SchemaVocabularies Vocabularies { get; init; } = SchemaVocabularies.Standard;

    public JsonElement? ErrorMessage { get; set; }

    public string? DynamicAnchor { get; set; }

    public string? Ref { get; set; }

    public string? DynamicRef { get; set; }

    /// <summary>Resolution of <see cref="Ref"/>, cached after the first successful lookup.</summary>
    public SchemaNode? RefTarget { get; set; }

    public SchemaNode[]? AllOf { get; set; }

    public SchemaNode[]? AnyOf { get; set; }

    public SchemaNode[]? OneOf { get; set; }

    public SchemaNode? Not { get; set; }

    public SchemaNode? If { get; set; }

    public SchemaNode? Then { get; set; }

    public SchemaNode? Else { get; set; }

    public Dictionary<string, SchemaNode>? DependentSchemas { get; set; }

    public SchemaNode[]? PrefixItems { get; set; }

    public SchemaNode? Items { get; set; }

    public SchemaNode? Contains { get; set; }

    public Dictionary<string, SchemaNode>? Properties { get; set; }

    public List<(Regex Pattern, SchemaNode Schema)>? PatternProperties { get; set; }

    public SchemaNode? AdditionalProperties { get; set; }

    public SchemaNode? PropertyNames { get; set; }

    public SchemaNode? UnevaluatedItems { get; set; }

    public SchemaNode? UnevaluatedProperties { get; set; }

    public string[]? Types { get; set; }

    public JsonElement? Enum { get; set; }

    public JsonElement? Const { get; set; }

    public JsonElement? MultipleOf { get; set; }

    public JsonElement? Maximum { get; set; }

    public JsonElement? ExclusiveMaximum { get; set; }

    public JsonElement? Minimum { get; set; }

    public JsonElement? ExclusiveMinimum { get; set; }

    public long? MaxLength { get; set; }

    public long? MinLength { get; set; }

    public Regex? Pattern { get; set; }

    public long? MaxItems { get; set; }

    public long? MinItems { get; set; }

    public bool UniqueItems { get; set; }

    public long? MaxContains { get; set; }

    public long? MinContains { get; set; }

    public long? MaxProperties { get; set; }

    public long? MinProperties { get; set; }

    public string[]? Required { get; set; }

    public Dictionary<string, string[]>? DependentRequired { get; set; }

    public string? Format { get; set; }

    public string KeywordLocation(string keyword) => Location + "/" + keyword;
}
