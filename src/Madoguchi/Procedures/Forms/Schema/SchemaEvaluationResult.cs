namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>The outcome of evaluating one instance: valid, or invalid with every error found.</summary>
public sealed record SchemaEvaluationResult(bool IsValid, IReadOnlyList<SchemaError> Errors);
