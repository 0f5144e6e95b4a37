namespace Madoguchi.OpenData.Standards;

/// <summary>One standard dataset: its file slug (e.g. evacuation_space), number, name and columns.</summary>
public sealed class StandardDataset(string code, string number, string name, IEnumerable<string> columns)
{
    public string Code { get; } = code;
    public string Number { get; } = number;
    public string Name { get; } = name;
    public IReadOnlyList<StandardColumn> Columns { get; } = columns.Select(StandardColumn.Parse).ToList();

    /// <summary>The file name the rule asks for: {全国地方公共団体コード}_{slug}.csv.</summary>
    public string FileName(string municipalityCode) => $"{municipalityCode}_{Code}.csv";
}
