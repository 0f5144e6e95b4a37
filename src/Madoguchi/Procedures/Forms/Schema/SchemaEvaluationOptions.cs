namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>How an instance is evaluated.</summary>
public sealed record SchemaEvaluationOptions
{
    public static SchemaEvaluationOptions Default { get; } = new();

    /// <summary>
    /// Draft 2020-12 treats <c>format</c> as an annotation unless asked otherwise; forms need it
    /// asserted (a birth date must be a real date), so they turn this on.
    /// </summary>
    public bool AssertFormats { get; init; }
}
