using Madoguchi.Procedures.Forms.Schema;

namespace Madoguchi.Procedures.Forms;

/// <summary>A problem with one field: <see cref="Pointer"/> is the JSON Pointer of the value (the same
/// string the field posts under), <see cref="Message"/> is Japanese, written for residents.</summary>
public sealed record FormError(string Pointer, string Message)
{
    public static FormError From(SchemaError error) => new(error.InstanceLocation, error.Message);
}
