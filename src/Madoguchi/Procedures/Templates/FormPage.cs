namespace Madoguchi.Procedures.Templates;

public sealed record FormPage(string Title, string? TitleEn, IReadOnlyList<FormSection> Sections);
