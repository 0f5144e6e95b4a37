using System.Text.Json;
using Madoguchi.OpenData.Public;

namespace Madoguchi.OpenData.Ckan;

/// <summary>
/// CKAN's datastore_search over a published table: resource_id, q, filters ({"列": "値"} or a list
/// of values), fields, sort ("列 desc"), limit, offset; answers fields, records (with _id), total
/// and the paging links, as CKAN does. Every value is text (the table keeps what the file said).
/// </summary>
public static class DatastoreSearch
{
    public static async Task<IResult> RunAsync(HttpContext http, string action, CkanArgs args, TableQuery tables, CancellationToken ct)
    {
        if ((args["resource_id"] ?? args["id"]) is not { } resourceText)
        {
            return CkanResults.Validation(http, action, "resource_id", "Missing value");
        }

        var table = Guid.TryParse(resourceText, out var resourceId) ? await tables.PublishedTableAsync(resourceId, ct) : null;
        if (table is null)
        {
            return CkanResults.NotFound(http, action, $"Resource \"{resourceText}\" was not found.");
        }

        if (args.Int("limit", 100, 0, 32000) is not { } limit)
        {
            return CkanResults.Validation(http, action, "limit", "Must be an integer between 0 and 32000");
        }

        if (args.Int("offset", 0, 0, int.MaxValue) is not { } offset)
        {
            return CkanResults.Validation(http, action, "offset", "Must be a natural number");
        }

        var filters = new Dictionary<string, IReadOnlyList<string>>();
        if (args["filters"] is { } filterJson)
        {
            try
            {
                using var doc = JsonDocument.Parse(filterJson);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return CkanResults.Validation(http, action, "filters", "Must be a JSON object");
                }

                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    filters[p.Name] = p.Value.ValueKind == JsonValueKind.Array
                        ? p.Value.EnumerateArray().Select(Text).ToList()
                        : [Text(p.Value)];
                }
            }
            catch (JsonException)
            {
                return CkanResults.Validation(http, action, "filters", "Must be a JSON object");
            }
        }

        string? sortColumn = null;
        var descending = false;
        if (args["sort"] is { } sort)
        {
            var first = sort.Split(',')[0].Trim();
            descending = first.EndsWith(" desc", StringComparison.OrdinalIgnoreCase);
            sortColumn = descending || first.EndsWith(" asc", StringComparison.OrdinalIgnoreCase) ? first[..first.LastIndexOf(' ')].Trim().Trim('"') : first.Trim('"');
            if (sortColumn == "_id")
            {
                sortColumn = null;
            }
        }

        var result = await tables.RunAsync(table, new TableQuery.Request(filters, args["q"], sortColumn, descending, offset, limit), ct);
        if (result.Error is { } problem)
        {
            return CkanResults.Validation(http, action, sortColumn is not null && problem.Contains(sortColumn, StringComparison.Ordinal) && !filters.ContainsKey(sortColumn) ? "sort" : "filters", problem);
        }

        var columns = result.Columns.ToList();
        var wanted = args["fields"] is { } fields
            ? fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList()
            : ["_id", .. columns];
        if (wanted.FirstOrDefault(f => f != "_id" && !columns.Contains(f)) is { } unknown)
        {
            return CkanResults.Validation(http, action, "fields", $"field \"{unknown}\" not in resource");
        }

        var records = result.Rows.Select(row =>
        {
            var record = new Dictionary<string, object?>();
            foreach (var f in wanted)
            {
                record[f] = f == "_id" ? row.Id : row.Values.ElementAtOrDefault(columns.IndexOf(f)) ?? "";
            }

            return record;
        }).ToList();
        var path = $"/{http.Request.RouteValues["tenant"]}/api/3/action/datastore_search?resource_id={resourceId}";
        return CkanResults.Ok(http, action, new Dictionary<string, object?>
        {
            ["resource_id"] = resourceId.ToString(),
            ["fields"] = wanted.Select(f => new Dictionary<string, object?> { ["id"] = f, ["type"] = f == "_id" ? "int" : "text" }).ToList(),
            ["records"] = records,
            ["total"] = result.Total,
            ["limit"] = limit,
            ["offset"] = offset,
            ["_links"] = new Dictionary<string, object?> { ["start"] = path, ["next"] = $"{path}&offset={offset + limit}" },
        });
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
