using Madoguchi.Reports.Geography;
using Madoguchi.Reports.Reporting;

namespace Madoguchi.Tests.Reports;

public sealed class GeographyTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[140.9,38.5],[141.0,38.5],[141.0,38.6],[140.9,38.6],[140.9,38.5]],[[140.94,38.54],[140.96,38.54],[140.96,38.56],[140.94,38.56],[140.94,38.54]]]}""";

    [Fact]
    public void Point_in_polygon_respects_outline_and_holes()
    {
        var area = AreaPolygon.TryParse(Square)!;
        Assert.True(area.Contains(38.52, 140.91));
        Assert.False(area.Contains(38.55, 140.95)); // in the hole
        Assert.False(area.Contains(35.68, 139.76)); // Tokyo
        Assert.Null(AreaPolygon.TryParse("""{"type":"Point","coordinates":[1,2]}"""));
        Assert.Null(AreaPolygon.TryParse("not json"));
    }

    [Fact]
    public void Feature_and_multipolygon_are_read()
    {
        var multi = AreaPolygon.TryParse("""{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,6],[5,5]]]]}}""")!;
        Assert.True(multi.Contains(5.5, 5.5));
        Assert.False(multi.Contains(3, 3));
    }

    [Fact]
    public void Haversine_distance_matches_known_distance()
    {
        // 古川駅 to 大崎市役所, about 1.1 km; one degree of latitude about 111 km.
        Assert.InRange(Distance.Meters(38.5713, 140.9670, 38.5770, 140.9556), 1000, 1250);
        Assert.InRange(Distance.Meters(38, 140, 39, 140), 110_000, 112_500);
    }

    [Fact]
    public void Bigram_similarity_finds_the_same_problem_in_other_words()
    {
        var same = TextSimilarity.Of("歩道に大きな穴があいている", "歩道に穴があいています");
        var other = TextSimilarity.Of("歩道に大きな穴があいている", "街灯が夜になっても点かない");
        Assert.True(same >= DuplicateFinder.SimilarText, $"same: {same}");
        Assert.True(other < DuplicateFinder.SimilarText, $"other: {other}");
        Assert.Equal(0, TextSimilarity.Of("", "穴"));
    }
}
