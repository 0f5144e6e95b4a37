namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>A schema document that cannot be compiled; the message names the location and the problem.</summary>
public sealed class InvalidSchemaException(string message) : Exception(message)
{
}
