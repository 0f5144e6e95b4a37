namespace Madoguchi.Disaster.Shelters;

/// <summary>
/// A handful of shelters for each demo municipality: schools, gymnasiums and community centres
/// near the city hall, so the public map has something to show after ./run. Names are of the
/// kind every municipality designates; positions are approximate, inside the municipality, and
/// are demo data only (a real deployment imports its 指定緊急避難場所・指定避難所 CSV). All start
/// closed, as they are outside a disaster; staff open them on the shelter status page.
/// </summary>
internal static class DemoShelters
{
    public sealed record Place(string Code, string Name, string NameEn, string Address, double Latitude, double Longitude, int Capacity, string Hazards);

    public static readonly IReadOnlyDictionary<string, Place[]> ByMunicipality = new Dictionary<string, Place[]>
    {
        ["042030"] =
        [
            new("DEMO-042030-01", "塩竈市立第一小学校", "Shiogama Daiichi Elementary School", "宮城県塩竈市錦町", 38.3177, 141.0189, 400, "地震;津波;大規模な火事"),
            new("DEMO-042030-02", "塩竈市体育館", "Shiogama City Gymnasium", "宮城県塩竈市伊保石", 38.3230, 141.0067, 600, "地震;洪水;津波"),
            new("DEMO-042030-03", "塩竈市立杉の入小学校", "Suginoiri Elementary School", "宮城県塩竈市杉の入", 38.3105, 141.0105, 350, "地震;津波"),
            new("DEMO-042030-04", "塩竈市公民館", "Shiogama Community Centre", "宮城県塩竈市東玉川町", 38.3158, 141.0262, 200, "地震;大規模な火事"),
        ],
        ["042153"] =
        [
            new("DEMO-042153-01", "大崎市立古川第一小学校", "Furukawa Daiichi Elementary School", "宮城県大崎市古川", 38.5745, 140.9510, 450, "地震;洪水"),
            new("DEMO-042153-02", "大崎市古川総合体育館", "Furukawa Gymnasium", "宮城県大崎市古川", 38.5800, 140.9430, 700, "地震;洪水;内水氾濫"),
            new("DEMO-042153-03", "大崎市立古川第三小学校", "Furukawa Daisan Elementary School", "宮城県大崎市古川", 38.5695, 140.9630, 380, "地震"),
            new("DEMO-042153-04", "大崎市中央公民館", "Osaki Central Community Centre", "宮城県大崎市古川", 38.5760, 140.9590, 250, "地震;洪水"),
        ],
        ["042137"] =
        [
            new("DEMO-042137-01", "栗原市立築館小学校", "Tsukidate Elementary School", "宮城県栗原市築館", 38.7335, 141.0190, 400, "地震;土砂災害"),
            new("DEMO-042137-02", "栗原市築館体育館", "Tsukidate Gymnasium", "宮城県栗原市築館", 38.7270, 141.0260, 550, "地震;洪水"),
            new("DEMO-042137-03", "栗原市若柳公民館", "Wakayanagi Community Centre", "宮城県栗原市若柳", 38.7680, 141.1230, 220, "地震;洪水"),
            new("DEMO-042137-04", "栗原市立栗駒小学校", "Kurikoma Elementary School", "宮城県栗原市栗駒", 38.8050, 140.9700, 300, "地震;土砂災害;火山現象"),
        ],
        ["042021"] =
        [
            new("DEMO-042021-01", "石巻市立石巻小学校", "Ishinomaki Elementary School", "宮城県石巻市日和が丘", 38.4270, 141.3060, 420, "地震;津波"),
            new("DEMO-042021-02", "石巻市総合体育館", "Ishinomaki General Gymnasium", "宮城県石巻市南境", 38.4405, 141.2860, 800, "地震;津波;洪水"),
            new("DEMO-042021-03", "石巻市立門脇中学校", "Kadonowaki Junior High School", "宮城県石巻市門脇町", 38.4230, 141.2930, 360, "地震;津波"),
            new("DEMO-042021-04", "石巻市河北総合センター", "Kahoku General Centre", "宮城県石巻市相野谷", 38.5155, 141.3195, 300, "地震;洪水"),
        ],
        ["222232"] =
        [
            new("DEMO-222232-01", "御前崎市立浜岡北小学校", "Hamaoka-kita Elementary School", "静岡県御前崎市池新田", 34.6450, 138.1240, 400, "地震;津波"),
            new("DEMO-222232-02", "御前崎市民会館", "Omaezaki Civic Hall", "静岡県御前崎市池新田", 34.6390, 138.1300, 500, "地震;津波;大規模な火事"),
            new("DEMO-222232-03", "御前崎市立御前崎小学校", "Omaezaki Elementary School", "静岡県御前崎市御前崎", 34.6000, 138.2170, 320, "地震;津波"),
            new("DEMO-222232-04", "御前崎市浜岡体育館", "Hamaoka Gymnasium", "静岡県御前崎市池新田", 34.6340, 138.1200, 600, "地震;津波;高潮"),
        ],
    };
}
