using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Builder;

/// <summary>What residents read about a procedure before they apply; edited on the builder's 基本情報 form (the fee has its own form).</summary>
public sealed record DraftMetadata(
    string Title,
    string? TitleEn,
    string Description,
    string? DescriptionEn,
    string Department,
    string Category,
    IReadOnlyList<string> LifeEvents,
    IReadOnlyList<string> Keywords,
    RequiredAssurance Assurance,
    int? StandardProcessingDays,
    SignatureRequirement Signature = SignatureRequirement.NotAsked);

/// <summary>The settings of one field on the builder's field page.</summary>
public sealed record FieldSettings(
    string Label,
    string? LabelEn,
    string? Help,
    bool Required,
    IReadOnlyList<string> Choices,
    int? Min,
    int? Max,
    string? ItemLabel,
    string? ShowIfPointer,
    System.Text.Json.Nodes.JsonNode? ShowIfValue);
