using System.Globalization;
using System.Text.Json;

namespace Madoguchi.Reports.Geography;

/// <summary>
/// Reads a municipality's area from GeoJSON (RFC 7946) and says in Japanese what is wrong when it
/// cannot: a Polygon or MultiPolygon, a Feature of one, or a FeatureCollection of them (国土数値情報
/// 行政区域 is published as a FeatureCollection, one feature per island or exclave). Positions are
/// [longitude, latitude]; swapped coordinates are the commonest mistake, so they are named as such.
/// </summary>
public static class AreaGeoJson
{
    /// <summary>A message key and its arguments (localised by the page).</summary>
    public sealed record Problem(string Message, params object[] Arguments);

    public sealed record Result(AreaPolygon? Area, Problem? Problem, int Polygons = 0, int Points = 0);

    // Japan with its remote islands (沖ノ鳥島 20.4°N … 択捉島 45.6°N, 与那国島 122.9°E … 南鳥島 154.0°E).
    private const double MinLat = 20, MaxLat = 46, MinLon = 122, MaxLon = 154;

    /// <param name="requireJapan">An admin's upload must lie in Japan (catches swapped or projected coordinates); stored areas are read as they are.</param>
    public static Result Read(string text, bool requireJapan = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail("GeoJSON を貼り付けるか、ファイルを選んでください。");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return Fail("JSON として読み取れません（{0}行目付近）。GeoJSON のファイルか確かめてください。", (e.LineNumber ?? 0) + 1);
        }

        using (doc)
        {
            var polygons = new List<List<(double Lon, double Lat)[]>>();
            var problem = Collect(doc.RootElement, polygons, allowCollection: true, requireJapan);
            if (problem is not null)
            {
                return new Result(null, problem);
            }

            return polygons.Count == 0
                ? Fail("区域（Polygon）が含まれていません。")
                : new Result(new AreaPolygon(polygons), null, polygons.Count, polygons.Sum(p => p.Sum(r => r.Length)));
        }
    }

    private static Result Fail(string message, params object[] arguments) => new(null, new Problem(message, arguments));

    private static Problem? Collect(JsonElement element, List<List<(double Lon, double Lat)[]>> polygons, bool allowCollection, bool requireJapan)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return new Problem("GeoJSON の「type」がありません。");
        }

        var type = typeElement.GetString();
        switch (type)
        {
            case "FeatureCollection" when allowCollection:
                if (!element.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                {
                    return new Problem("FeatureCollection に「features」の配列がありません。");
                }

                foreach (var feature in features.EnumerateArray())
                {
                    if (Collect(feature, polygons, allowCollection: false, requireJapan) is { } p)
                    {
                        return p;
                    }
                }

                return null;
            case "Feature":
                return element.TryGetProperty("geometry", out var geometry) && geometry.ValueKind == JsonValueKind.Object
                    ? Collect(geometry, polygons, allowCollection: false, requireJapan)
                    : new Problem("Feature に「geometry」がありません。");
            case "Polygon" or "MultiPolygon":
                if (!element.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
                {
                    return new Problem("{0} に「coordinates」の配列がありません。", type);
                }

                if (type == "Polygon")
                {
                    return Polygon(coordinates, polygons, requireJapan);
                }

                foreach (var polygon in coordinates.EnumerateArray())
                {
                    if (Polygon(polygon, polygons, requireJapan) is { } p)
                    {
                        return p;
                    }
                }

                return null;
            default:
                return new Problem("「{0}」は区域として使えません。Polygon・MultiPolygon、その Feature または FeatureCollection にしてください。", type ?? "");
        }
    }

    private static Problem? Polygon(JsonElement rings, List<List<(double Lon, double Lat)[]>> polygons, bool requireJapan)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            return new Problem("区域の輪郭（座標の並び）がありません。");
        }

        var polygon = new List<(double Lon, double Lat)[]>();
        foreach (var ring in rings.EnumerateArray())
        {
            if (ring.ValueKind != JsonValueKind.Array)
            {
                return new Problem("座標の並びが GeoJSON の形（[[経度, 緯度], …]）になっていません。");
            }

            var points = new List<(double Lon, double Lat)>();
            foreach (var position in ring.EnumerateArray())
            {
                if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                    || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
                {
                    return new Problem("座標は [経度, 緯度] の数の組で書いてください。");
                }

                var (lon, lat) = (position[0].GetDouble(), position[1].GetDouble());
                if (requireJapan && !InJapan(lat, lon) && InJapan(lon, lat))
                {
                    return new Problem("緯度と経度が逆のようです（{0}, {1}）。GeoJSON の座標は [経度, 緯度] の順です。", Format(lon), Format(lat));
                }

                if (lon is < -180 or > 180 || lat is < -90 or > 90)
                {
                    return new Problem("経度・緯度として読めない座標があります（{0}, {1}）。座標系が世界測地系の経度・緯度（EPSG:4326）か確かめてください。", Format(lon), Format(lat));
                }

                if (requireJapan && !InJapan(lat, lon))
                {
                    return new Problem("日本の外の座標があります（経度 {0}、緯度 {1}）。座標系が世界測地系の経度・緯度（EPSG:4326）か確かめてください。", Format(lon), Format(lat));
                }

                points.Add((lon, lat));
            }

            if (points.Count < 4)
            {
                return new Problem("輪郭には4つ以上の点が必要です（最初と最後は同じ点）。");
            }

            if (points[0] != points[^1])
            {
                return new Problem("輪郭が閉じていません。最初と最後の点を同じにしてください。");
            }

            polygon.Add([.. points]);
        }

        polygons.Add(polygon);
        return null;
    }

    private static bool InJapan(double lat, double lon) => lat is >= MinLat and <= MaxLat && lon is >= MinLon and <= MaxLon;

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
