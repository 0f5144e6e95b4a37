namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>One reason an instance failed its schema.</summary>
/// <param name="InstanceLocation">JSON Pointer into the submitted data, e.g. <c>/children/1/birthDate</c>;
/// the form shows the message next to the field at this location.</param>
/// <param name="Keyword">The schema keyword that failed, e.g. <c>required</c>.</param>
/// <param name="SchemaLocation">Absolute URI of the failing keyword inside the schema.</param>
/// <param name="Message">A message in Japanese that a resident can act on.</param>
public sealed record SchemaError(string InstanceLocation, string Keyword, string SchemaLocation, string Message);
