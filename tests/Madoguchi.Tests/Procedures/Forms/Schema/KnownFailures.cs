namespace Madoguchi.Tests.Procedures.Forms.Schema;

/// <summary>
/// Reads conformance-known-failures.txt: one line per required case we knowingly fail,
/// <c>file :: group :: test  # reason</c>.
/// </summary>
internal static class KnownFailures
{
    private static readonly Lazy<ILookup<string, string>> ByFile = new(Load);

    public static IReadOnlyList<string> For(string fileName) => ByFile.Value[fileName].ToList();

    public static string Key(string fileName, string group, string test) => $"{fileName} :: {group} :: {test}";

    private static ILookup<string, string> Load()
    {
        return File.ReadAllLines(ConformanceSuite.KnownFailuresFile)
            .Select(line => line.Split('#', 2)[0].Trim())
            .Where(line => line.Length > 0)
            .ToLookup(line => line.Split(" :: ", 2)[0], StringComparer.Ordinal);
    }
}
