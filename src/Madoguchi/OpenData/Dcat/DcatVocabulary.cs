using System.Globalization;
using Madoguchi.OpenData.Catalogue;

namespace Madoguchi.OpenData.Dcat;

/// <summary>The controlled vocabularies DCAT-AP asks for: EU file types and frequencies, IANA media types, licences.</summary>
public static class DcatVocabulary
{
    private const string FileType = "http://publications.europa.eu/resource/authority/file-type/";
    private const string Frequency = "http://publications.europa.eu/resource/authority/frequency/";

    public const string Japanese = "http://publications.europa.eu/resource/authority/language/JPN";

    /// <summary>The Digital Agency's page of the 自治体標準オープンデータセット; each standard is a fragment of it.</summary>
    public const string StandardsPage = "https://www.digital.go.jp/resources/open_data/municipal-standard-data-set-test";

    public static string? FileTypeOf(ResourceFormat format) => format switch
    {
        ResourceFormat.Csv => FileType + "CSV",
        ResourceFormat.Json => FileType + "JSON",
        ResourceFormat.GeoJson => FileType + "GEOJSON",
        ResourceFormat.Xlsx => FileType + "XLSX",
        ResourceFormat.Pdf => FileType + "PDF",
        _ => null,
    };

    /// <summary>The IANA media type register's address for the format (dcat:mediaType must be an IANA type).</summary>
    public static string? MediaTypeOf(ResourceFormat format) =>
        format == ResourceFormat.Link ? null : "https://www.iana.org/assignments/media-types/" + Vocabulary.ContentType(format);

    public static string FrequencyOf(UpdateFrequency frequency) => Frequency + frequency switch
    {
        UpdateFrequency.Daily => "DAILY",
        UpdateFrequency.Weekly => "WEEKLY",
        UpdateFrequency.Monthly => "MONTHLY",
        UpdateFrequency.Quarterly => "QUARTERLY",
        UpdateFrequency.Yearly => "ANNUAL",
        UpdateFrequency.Never => "NEVER",
        _ => "IRREG",
    };

    /// <summary>The licence's own address (not the Japanese deed page), as harvesters match it.</summary>
    public static string LicenceOf(Licence licence) => licence == Licence.Pdl10
        ? "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0"
        : "https://creativecommons.org/licenses/by/4.0/";

    public static Term DateTime(DateTime utc) =>
        Term.Typed(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), Ns.Xsd + "dateTime");

    public static Term Date(DateOnly date) => Term.Typed(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Ns.Xsd + "date");
}
