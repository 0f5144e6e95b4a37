using Madoguchi.OpenData.Ingest;

namespace Madoguchi.OpenData.Standards;

/// <summary>
/// Checks a table declared as a standard dataset: the header against the template (missing
/// columns, unknown ones), then each row (required cells, value rules, 緯度 and 経度 together).
/// </summary>
public sealed class StandardCheck
{
    private readonly StandardColumn?[] _byIndex;
    private readonly int _latitude;
    private readonly int _longitude;

    private StandardCheck(StandardColumn?[] byIndex, int latitude, int longitude) =>
        (_byIndex, _latitude, _longitude) = (byIndex, latitude, longitude);

    public static StandardCheck Start(StandardDataset standard, IReadOnlyList<string> header, IngestReport report)
    {
        var byName = standard.Columns.ToDictionary(c => c.Name);
        foreach (var missing in standard.Columns.Where(c => !header.Contains(c.Name)))
        {
            if (missing.Required)
            {
                report.Error(1, missing.Name, $"必須の列「{missing.Name}」がありません（{standard.Name}）。");
            }
            else
            {
                report.Warning(1, missing.Name, $"列「{missing.Name}」がありません。標準の列はすべて含めることが推奨されます。");
            }
        }

        foreach (var extra in header.Where(h => !byName.ContainsKey(h)))
        {
            report.Warning(1, extra, $"列「{extra}」は{standard.Name}の標準の列ではありません。列名の表記（全角・半角、括弧）を確かめてください。");
        }

        var byIndex = header.Select(h => byName.GetValueOrDefault(h)).ToArray();
        return new StandardCheck(byIndex, IndexOf(header, "緯度"), IndexOf(header, "経度"));
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    public void Row(int row, string[] values, IngestReport report)
    {
        for (var i = 0; i < _byIndex.Length && i < values.Length; i++)
        {
            if (_byIndex[i] is not { } column)
            {
                continue;
            }

            var value = values[i];
            if (value.Length == 0)
            {
                if (column.Required)
                {
                    report.Error(row, column.Name, $"「{column.Name}」は必須です。値を入力してください。");
                }

                continue;
            }

            if (CellRules.Check(column, value) is { } message)
            {
                report.Error(row, column.Name, message);
            }
        }

        if (_latitude >= 0 && _longitude >= 0 && _latitude < values.Length && _longitude < values.Length
            && (values[_latitude].Length == 0) != (values[_longitude].Length == 0))
        {
            report.Error(row, values[_latitude].Length == 0 ? "緯度" : "経度", "緯度と経度は両方とも入力するか、両方とも空欄にしてください。");
        }
    }
}
