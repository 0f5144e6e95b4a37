namespace Madoguchi.OpenData.Catalogue;

public enum Licence
{
    /// <summary>クリエイティブ・コモンズ 表示 4.0 国際.</summary>
    CcBy40 = 1,
    /// <summary>公共データ利用規約（第1.0版）: the government's standard terms, compatible with CC BY 4.0.</summary>
    Pdl10 = 2,
}

public enum UpdateFrequency
{
    Irregular = 1,
    Daily = 2,
    Weekly = 3,
    Monthly = 4,
    Quarterly = 5,
    Yearly = 6,
    Never = 7,
}

public enum ResourceFormat
{
    Csv = 1,
    Json = 2,
    GeoJson = 3,
    Xlsx = 4,
    Pdf = 5,
    Link = 6,
}

/// <summary>Names, identifiers and addresses of the controlled values, in one place for pages, API and DCAT.</summary>
public static class Vocabulary
{
    public static string Name(Licence licence) => licence switch
    {
        Licence.Pdl10 => "公共データ利用規約（第1.0版）",
        _ => "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）",
    };

    /// <summary>The CKAN license_id.</summary>
    public static string Id(Licence licence) => licence == Licence.Pdl10 ? "PDL-1.0" : "CC-BY-4.0";

    public static Licence? LicenceOf(string? id) => id switch
    {
        "CC-BY-4.0" or "cc-by-4.0" or "cc-by" => Licence.CcBy40,
        "PDL-1.0" or "pdl-1.0" => Licence.Pdl10,
        _ => null,
    };

    public static string Url(Licence licence) => licence == Licence.Pdl10
        ? "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0"
        : "https://creativecommons.org/licenses/by/4.0/deed.ja";

    public static string Name(UpdateFrequency frequency) => frequency switch
    {
        UpdateFrequency.Daily => "毎日",
        UpdateFrequency.Weekly => "毎週",
        UpdateFrequency.Monthly => "毎月",
        UpdateFrequency.Quarterly => "四半期ごと",
        UpdateFrequency.Yearly => "毎年",
        UpdateFrequency.Never => "更新しない",
        _ => "不定期",
    };

    /// <summary>The format as CKAN and people write it.</summary>
    public static string Label(ResourceFormat format) => format switch
    {
        ResourceFormat.Csv => "CSV",
        ResourceFormat.Json => "JSON",
        ResourceFormat.GeoJson => "GeoJSON",
        ResourceFormat.Xlsx => "XLSX",
        ResourceFormat.Pdf => "PDF",
        _ => "URL",
    };

    public static ResourceFormat? FormatOf(string? label) =>
        Enum.GetValues<ResourceFormat>().Cast<ResourceFormat?>().FirstOrDefault(f => string.Equals(Label(f!.Value), label?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string ContentType(ResourceFormat format) => format switch
    {
        ResourceFormat.Csv => "text/csv",
        ResourceFormat.Json => "application/json",
        ResourceFormat.GeoJson => "application/geo+json",
        ResourceFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ResourceFormat.Pdf => "application/pdf",
        _ => "application/octet-stream",
    };
}
