namespace Madoguchi.Procedures.Workflow;

/// <summary>A labelled text area on a case page; its error comes from ModelState under <see cref="Name"/>.</summary>
public sealed record TextAreaField(string Name, string Label, bool Required, string? Hint = null);
