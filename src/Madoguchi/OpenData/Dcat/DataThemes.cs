namespace Madoguchi.OpenData.Dcat;

/// <summary>
/// dcat:theme from the EU Data Theme vocabulary (the authority table harvesters such as
/// data.europa.eu facet on). A dataset has no category of its own, so its theme follows the
/// 自治体標準オープンデータセット it is declared as; a dataset declared as none has no theme
/// (dcat:theme is recommended, not mandatory, in DCAT-AP 2.1.1). The table is in docs/opendata.md.
/// </summary>
public static class DataThemes
{
    public const string Scheme = "http://publications.europa.eu/resource/authority/data-theme";

    /// <summary>The code and the vocabulary's own English label (written as skos:prefLabel, which the shapes require of a skos:Concept).</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["AGRI"] = "Agriculture, fisheries, forestry and food",
        ["ECON"] = "Economy and finance",
        ["EDUC"] = "Education, culture and sport",
        ["ENER"] = "Energy",
        ["ENVI"] = "Environment",
        ["GOVE"] = "Government and public sector",
        ["HEAL"] = "Health",
        ["INTR"] = "International issues",
        ["JUST"] = "Justice, legal system and public safety",
        ["REGI"] = "Regions and cities",
        ["SOCI"] = "Population and society",
        ["TECH"] = "Science and technology",
        ["TRAN"] = "Transport",
    };

    /// <summary>Themes per standard dataset code (StandardDatasets), the first being the main one.</summary>
    private static readonly Dictionary<string, string[]> ByStandard = new(StringComparer.Ordinal)
    {
        ["public_facility"] = ["REGI", "GOVE"],
        ["cultural_property"] = ["EDUC"],
        // Designated emergency evacuation sites: a service of the municipality to its residents.
        ["evacuation_space"] = ["GOVE", "SOCI"],
        ["population"] = ["SOCI"],
        ["preschool"] = ["SOCI", "EDUC"],
        ["open_data_list"] = ["GOVE"],
        ["public_wireless_lan"] = ["TECH"],
        ["aed"] = ["HEAL"],
        ["care_service"] = ["SOCI", "HEAL"],
        ["hospital"] = ["HEAL"],
        ["tourism"] = ["ECON"],
        ["event"] = ["EDUC", "SOCI"],
        ["public_toilet"] = ["REGI"],
        // Fire-fighting water supplies: the municipality's fire service.
        ["fire_hydrant"] = ["GOVE"],
    };

    public static string Iri(string code) => Scheme + "/" + code;

    public static string Label(string code) => Labels[code];

    /// <summary>The theme codes of a dataset declared as the standard dataset (none when it is declared as none).</summary>
    public static IReadOnlyList<string> Of(string? standardCode) =>
        standardCode is not null && ByStandard.TryGetValue(standardCode, out var themes) ? themes : [];
}
