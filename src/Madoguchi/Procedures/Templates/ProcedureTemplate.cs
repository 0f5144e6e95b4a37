using System.Text.Json;

namespace Madoguchi.Procedures.Templates;

/// <summary>
/// A ready-made definition of one municipal procedure: what it is, who may file it online, what it
/// costs, which documents go with it, the JSON Schema (2020-12) of its data and the layout that asks
/// for that data. A municipality starts from a template and adapts it; see docs/forms.md.
/// </summary>
public sealed record ProcedureTemplate(
    string Key,
    string Title,
    string TitleEn,
    string Description,
    string DescriptionEn,
    string Department,
    string Category,
    IReadOnlyList<string> LifeEvents,
    IReadOnlyList<string> Keywords,
    RequiredAssurance Assurance,
    int? StandardProcessingDays,
    TemplateFee Fee,
    IReadOnlyList<TemplateAttachment> Attachments,
    JsonElement Schema,
    FormLayout Layout,
    string Source)
{
    /// <summary>Whether the application is signed with the My Number card (JSON "signature"; absent: not asked).</summary>
    public SignatureRequirement Signature { get; init; } = SignatureRequirement.NotAsked;
}
