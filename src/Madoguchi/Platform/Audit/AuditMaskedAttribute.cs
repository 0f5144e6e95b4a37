using System.Collections.Concurrent;
using System.Reflection;

namespace Madoguchi.Platform.Audit;

/// <summary>How much of a personal value the audit trail may show.</summary>
public enum AuditMask
{
    /// <summary>Only that it changed: "***".</summary>
    Hidden,
    /// <summary>The first character of a name, the rest as ＊: enough to tell two entries apart, not to identify anyone.</summary>
    Initial,
    /// <summary>The prefecture of an address (up to 都/道/府/県), the rest as ＊.</summary>
    Prefecture,
}

/// <summary>
/// A property holding personal data that the audit trail records masked: the entity keeps it in
/// clear for the people who work with it; the audit trail, read by administrators and kept for
/// years, says that it was written and not what it is.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditMaskedAttribute(AuditMask mask = AuditMask.Hidden) : Attribute
{
    public AuditMask Mask { get; } = mask;

    private static readonly ConcurrentDictionary<PropertyInfo, AuditMaskedAttribute?> Known = new();

    /// <summary>The attribute of a mapped property, read once per property.</summary>
    public static AuditMaskedAttribute? Of(PropertyInfo? property) =>
        property is null ? null : Known.GetOrAdd(property, p => p.GetCustomAttribute<AuditMaskedAttribute>());

    public object? Apply(object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Mask == AuditMask.Hidden || value is not string text || text.Length == 0)
        {
            return "***";
        }

        var keep = Mask == AuditMask.Initial ? 1 : PrefectureLength(text);
        return string.Concat(text.AsSpan(0, keep), new string('＊', Math.Max(1, text.Length - keep)));
    }

    private static int PrefectureLength(string address)
    {
        var end = address.AsSpan(0, Math.Min(4, address.Length)).IndexOfAny("都道府県");
        return end < 0 ? 0 : end + 1;
    }
}
