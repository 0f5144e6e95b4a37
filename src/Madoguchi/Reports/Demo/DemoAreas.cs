namespace Madoguchi.Reports.Demo;

/// <summary>
/// Coarse outlines of the demo municipalities (a handful of points around each city, GeoJSON
/// [longitude, latitude]) and a few public facilities in each. Enough to refuse a point in another
/// prefecture; a real installation loads the city's boundary from 国土数値情報 行政区域.
/// </summary>
internal static class DemoAreas
{
    public sealed record Facility(string Name, string Address, double Latitude, double Longitude);

    public sealed record Area(string Code, double[][] Outline, Facility[] Facilities);

    public static readonly Area[] All =
    [
        new("042030", [[140.99, 38.29], [141.06, 38.28], [141.13, 38.31], [141.10, 38.35], [141.00, 38.34]],
            [new("塩竈市役所", "塩竈市旭町1-1", 38.3144, 141.0220), new("本塩釜駅", "塩竈市海岸通", 38.3136, 141.0247),
             new("塩竈市民図書館", "塩竈市本町", 38.3170, 141.0200)]),
        new("042153", [[140.52, 38.62], [140.70, 38.86], [140.95, 38.80], [141.13, 38.63], [141.10, 38.48], [140.85, 38.46], [140.62, 38.52]],
            [new("大崎市役所", "大崎市古川七日町1-1", 38.5770, 140.9556), new("古川駅", "大崎市古川駅前大通", 38.5713, 140.9670),
             new("大崎市図書館", "大崎市古川駅南", 38.5690, 140.9700), new("鳴子総合支所", "大崎市鳴子温泉", 38.7400, 140.7270),
             new("三本木総合支所", "大崎市三本木", 38.5480, 140.9270)]),
        new("042137", [[140.73, 38.75], [140.85, 38.98], [141.10, 38.93], [141.20, 38.75], [141.00, 38.62], [140.80, 38.65]],
            [new("栗原市役所", "栗原市築館薬師1-7-1", 38.7290, 141.0200), new("くりこま高原駅", "栗原市志波姫", 38.7480, 141.0720)]),
        new("042021", [[141.15, 38.38], [141.25, 38.60], [141.50, 38.62], [141.58, 38.40], [141.55, 38.25], [141.30, 38.33]],
            [new("石巻市役所", "石巻市穀町14-1", 38.4340, 141.3030), new("石巻駅", "石巻市鋳銭場", 38.4355, 141.3030),
             new("石巻市中央公民館", "石巻市日和が丘", 38.4250, 141.3050)]),
        new("222232", [[138.08, 34.63], [138.13, 34.71], [138.24, 34.68], [138.26, 34.60], [138.18, 34.58]],
            [new("御前崎市役所", "御前崎市池新田5585", 34.6380, 138.1280), new("御前崎灯台", "御前崎市御前崎", 34.5950, 138.2260)]),
    ];

    public static string GeoJson(double[][] outline)
    {
        var ring = outline.Append(outline[0]).Select(p => $"[{p[0].ToString(System.Globalization.CultureInfo.InvariantCulture)},{p[1].ToString(System.Globalization.CultureInfo.InvariantCulture)}]");
        return "{\"type\":\"Polygon\",\"coordinates\":[[" + string.Join(",", ring) + "]]}";
    }
}
