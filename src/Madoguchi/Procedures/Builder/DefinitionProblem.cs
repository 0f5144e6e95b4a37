using System.Globalization;

namespace Madoguchi.Procedures.Builder;

/// <summary>One reason a definition cannot be published: <see cref="Message"/> is the Japanese text
/// (the key of the English table) with {0}-style places for <see cref="Arguments"/>.</summary>
public sealed record DefinitionProblem(string Message, params object[] Arguments)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Message, Arguments);
}
