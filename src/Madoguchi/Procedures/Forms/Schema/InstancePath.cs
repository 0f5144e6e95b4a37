using System.Text;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// A location in the instance, built as a linked list so that descending costs one small object
/// and the JSON Pointer text is only produced when an error is reported.
/// </summary>
internal sealed class InstancePath
{
    public static InstancePath Root { get; } = new(null, "");

    private readonly InstancePath? parent;
    private readonly string segment;

    private InstancePath(InstancePath? parent, string segment)
    {
        this.parent = parent;
        this.segment = segment;
    }

    public InstancePath Property(string name) => new(this, name);

    public InstancePath Item(int index) => new(this, index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override string ToString()
    {
        if (parent is null)
        {
            return "";
        }
        var segments = new Stack<string>();
        for (var path = this; path.parent is not null; path = path.parent)
        {
            segments.Push(path.segment);
        }
        var builder = new StringBuilder();
        foreach (var name in segments)
        {
            builder.Append('/').Append(JsonPointer.Escape(name));
        }
        return builder.ToString();
    }
}
