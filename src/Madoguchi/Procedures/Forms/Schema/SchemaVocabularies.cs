namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>The draft 2020-12 vocabularies a schema resource has switched on through its meta-schema.</summary>
[Flags]
internal enum SchemaVocabularies
{
    None = 0,
    Core = 1,
    Applicator = 2,
    Unevaluated = 4,
    Validation = 8,
    MetaData = 16,
    FormatAnnotation = 32,
    FormatAssertion = 64,
    Content = 128,
    Standard = Core | Applicator | Unevaluated | Validation | MetaData | FormatAnnotation | Content,
}
