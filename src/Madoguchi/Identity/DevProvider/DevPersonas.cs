namespace Madoguchi.Identity.DevProvider;

/// <summary>A test resident of the development provider, with the four basic facts (基本4情報) of a card.</summary>
/// <param name="BirthDate">As the national app sends it; both YYYYMMDD and YYYY-MM-DD appear on purpose.</param>
/// <param name="Gender">ISO/IEC 5218 code as the national app sends it: "1" male, "2" female.</param>
internal sealed record DevPersona(string Key, string Subject, string Name, string Address, string BirthDate, string Gender, bool HasCard)
{
    /// <summary>acr of the id_token: AAL3 for the card, AAL1 for anything weaker.</summary>
    public string Acr => HasCard ? "aal3" : "aal1";
}

internal static class DevPersonas
{
    public static readonly IReadOnlyList<DevPersona> All =
    [
        new("yamada", "dev-ppid-7f3a9c1e5b2d", "山田 太郎", "宮城県塩竈市旭町1番1号", "19800401", "1", HasCard: true),
        new("sato", "dev-ppid-2c8e4a6f0d1b", "佐藤 花子", "宮城県大崎市古川七日町1番1号", "1992-07-15", "2", HasCard: true),
        new("suzuki", "dev-ppid-9b5d3f7a1e4c", "鈴木 一郎", "宮城県石巻市穀町14番1号", "19751103", "1", HasCard: false),
    ];

    public static DevPersona? ByKey(string? key) => All.FirstOrDefault(p => p.Key == key);

    public static DevPersona? BySubject(string? subject) => All.FirstOrDefault(p => p.Subject == subject);
}
