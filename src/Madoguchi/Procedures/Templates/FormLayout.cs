namespace Madoguchi.Procedures.Templates;

/// <summary>The pages of a form, shown one after another.</summary>
public sealed record FormLayout(IReadOnlyList<FormPage> Pages);
