namespace Madoguchi.Procedures.Forms;

/// <summary>
/// A Japanese era (元号) with its first and last Gregorian day. Eras change on the day of the
/// accession, not on 1 January, so 昭和64年 has only 7 days and 平成31年 ends on 30 April.
/// </summary>
public sealed record WarekiEra(string Name, DateOnly Start, DateOnly? End)
{
    /// <summary>The name shown when the resident types a Gregorian (西暦) year instead.</summary>
    public const string Gregorian = "西暦";

    /// <summary>Newest first, the order residents look for them in. 明治 starts on 1873-01-01 because
    /// before 明治6年 Japan used the lunisolar calendar, whose months do not map to Gregorian ones.</summary>
    public static IReadOnlyList<WarekiEra> All { get; } =
    [
        new("令和", new DateOnly(2019, 5, 1), null),
        new("平成", new DateOnly(1989, 1, 8), new DateOnly(2019, 4, 30)),
        new("昭和", new DateOnly(1926, 12, 25), new DateOnly(1989, 1, 7)),
        new("大正", new DateOnly(1912, 7, 30), new DateOnly(1926, 12, 24)),
        new("明治", new DateOnly(1873, 1, 1), new DateOnly(1912, 7, 29)),
    ];

    /// <summary>The Gregorian year of 元年 (year 1) minus one: 令和n年 = 2018 + n.</summary>
    public int YearOffset => Name == "明治" ? 1867 : Start.Year - 1;

    public bool Contains(DateOnly date) => date >= Start && (End is null || date <= End);

    public static WarekiEra? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    public static WarekiEra? Of(DateOnly date) => All.FirstOrDefault(e => e.Contains(date));
}
