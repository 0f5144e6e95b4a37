using System.Globalization;

namespace Madoguchi.Procedures.Builder;

/// <summary>Where a field sits in the layout: page, section and field index, and for a field of a
/// repeating group its index among the group's fields. Written "0.1.2" or "0.1.2.0" in URLs and forms.</summary>
public sealed record FieldAddress(int Page, int Section, int Field, int? Child = null)
{
    public static FieldAddress? Parse(string? text)
    {
        var parts = (text ?? "").Split('.');
        if (parts.Length is < 3 or > 4 || parts.Any(p => !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        var n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new FieldAddress(n[0], n[1], n[2], n.Length == 4 ? n[3] : null);
    }

    /// <summary>The repeating group this field belongs to, or null for a field of a section.</summary>
    public FieldAddress? Group => Child is null ? null : this with { Child = null };

    public FieldAddress ChildAt(int index) => this with { Child = index };

    public override string ToString() =>
        string.Join('.', new[] { Page, Section, Field }.Concat(Child is { } c ? [c] : Array.Empty<int>()).Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
