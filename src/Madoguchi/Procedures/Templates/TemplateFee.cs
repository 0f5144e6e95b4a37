namespace Madoguchi.Procedures.Templates;

/// <summary>The fee in yen (0 when free) and, where it depends on something, why.</summary>
public sealed record TemplateFee(long AmountYen, string? Note);
