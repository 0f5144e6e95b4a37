using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Builder;

/// <summary>What the builder's field row partial shows of one field.</summary>
public sealed record FieldRow(FormField Field, FieldAddress At, bool Required, string EditUrl, int DraftVersion,
    Func<FieldAddress, bool> RequiredOf, Func<FieldAddress, string> EditUrlOf);

/// <summary>The add-field form of a section, or of a repeating group (<see cref="Group"/> is its address).</summary>
public sealed record AddFieldForm(int Page, int Section, string? Group, int DraftVersion, string Into);
