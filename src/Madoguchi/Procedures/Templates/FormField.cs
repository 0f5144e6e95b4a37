namespace Madoguchi.Procedures.Templates;

/// <summary>
/// One input. <see cref="Pointer"/> is a JSON Pointer into the form data (relative to the array item
/// inside a repeat). A <see cref="FieldWidget.File"/> field has no pointer: it names one of the
/// template's attachments instead, because uploads are stored apart from the form data.
/// </summary>
public sealed record FormField(
    string? Pointer,
    FieldWidget Widget,
    string Label,
    string? LabelEn,
    string? Help = null,
    ShowIfCondition? ShowIf = null,
    string? ItemLabel = null,
    IReadOnlyList<FormField>? Fields = null,
    string? Attachment = null);
