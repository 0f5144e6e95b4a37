using System.Text.Json;
using Madoguchi.OpenData.Catalogue;

namespace Madoguchi.OpenData.Ingest;

/// <summary>Non-tabular uploads: the bytes must be what the format says (a PDF starts %PDF, JSON parses, GeoJSON has a type).</summary>
public static class FileCheck
{
    public static async Task CheckAsync(ResourceFormat format, string path, IngestReport report, CancellationToken ct)
    {
        var head = new byte[8];
        await using var file = File.OpenRead(path);
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        file.Position = 0;
        switch (format)
        {
            case ResourceFormat.Pdf when !head.AsSpan(0, read).StartsWith("%PDF"u8):
                report.Error(0, "", "PDFファイルではありません。");
                break;
            case ResourceFormat.Xlsx when !head.AsSpan(0, read).StartsWith("PK\u0003\u0004"u8):
                report.Error(0, "", "Excel（xlsx）ファイルではありません。");
                break;
            case ResourceFormat.Json or ResourceFormat.GeoJson:
                try
                {
                    using var json = await JsonDocument.ParseAsync(file, cancellationToken: ct);
                    if (format == ResourceFormat.GeoJson && (json.RootElement.ValueKind != JsonValueKind.Object
                        || !json.RootElement.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String))
                    {
                        report.Error(0, "", "GeoJSONではありません（\"type\" がありません）。");
                    }
                }
                catch (JsonException ex)
                {
                    report.Error((int)(ex.LineNumber ?? 0) + 1, "", "JSONとして読み取れません。書式を確かめてください。");
                }

                break;
        }
    }
}
