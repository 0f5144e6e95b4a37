namespace Madoguchi.Procedures.Templates;

/// <summary>A document the resident uploads. <see cref="Required"/> is false for documents needed only
/// in some situations; the help text says which.</summary>
public sealed record TemplateAttachment(
    string Key,
    string Label,
    string? LabelEn,
    string? Help,
    bool Required,
    IReadOnlyList<string> Accept);
