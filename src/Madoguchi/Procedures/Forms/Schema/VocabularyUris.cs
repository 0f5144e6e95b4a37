namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>Maps the vocabulary URIs a meta-schema lists under <c>$vocabulary</c> to what we implement.</summary>
internal static class VocabularyUris
{
    public const string StandardMetaSchema = "https://json-schema.org/draft/2020-12/schema";

    private static readonly Dictionary<string, SchemaVocabularies> Known = new(StringComparer.Ordinal)
    {
        ["https://json-schema.org/draft/2020-12/vocab/core"] = SchemaVocabularies.Core,
        ["https://json-schema.org/draft/2020-12/vocab/applicator"] = SchemaVocabularies.Applicator,
        ["https://json-schema.org/draft/2020-12/vocab/unevaluated"] = SchemaVocabularies.Unevaluated,
        ["https://json-schema.org/draft/2020-12/vocab/validation"] = SchemaVocabularies.Validation,
        ["https://json-schema.org/draft/2020-12/vocab/meta-data"] = SchemaVocabularies.MetaData,
        ["https://json-schema.org/draft/2020-12/vocab/format-annotation"] = SchemaVocabularies.FormatAnnotation,
        ["https://json-schema.org/draft/2020-12/vocab/format-assertion"] = SchemaVocabularies.FormatAssertion,
        ["https://json-schema.org/draft/2020-12/vocab/content"] = SchemaVocabularies.Content,
    };

    public static bool TryGet(string uri, out SchemaVocabularies vocabulary) => Known.TryGetValue(uri, out vocabulary);
}
