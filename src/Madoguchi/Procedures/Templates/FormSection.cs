namespace Madoguchi.Procedures.Templates;

public sealed record FormSection(string Title, string? TitleEn, string? Help, IReadOnlyList<FormField> Fields);
