using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>A published table, a page at a time: sort by a column, filter by a column's value, search — all links and forms, no script.</summary>
public sealed class TablePreviewModel(MadoguchiDb db, TableQuery tables) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Column { get; set; }
    [BindProperty(SupportsGet = true)] public string? Value { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public string DatasetName { get; private set; } = "";
    public string DatasetTitle { get; private set; } = "";
    public string ResourceName { get; private set; } = "";
    public TableQuery.Result Result { get; private set; } = new([], [], 0, null);

    public async Task<IActionResult> OnGetAsync(string name, Guid id, CancellationToken ct)
    {
        var resource = await db.Set<DatasetResource>().Where(r => r.Id == id)
            .Select(r => new { r.Name, Dataset = db.Set<Dataset>().Where(d => d.Id == r.DatasetId && d.Name == name && d.PublishedAt != null).Select(d => d.Title).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        var table = resource?.Dataset is null ? null : await tables.PublishedTableAsync(id, ct);
        if (table is null)
        {
            return NotFound();
        }

        (DatasetName, DatasetTitle, ResourceName) = (name, resource!.Dataset!, resource.Name);
        PageNumber = Math.Max(1, PageNumber);
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        if (!string.IsNullOrEmpty(Column) && Value is not null)
        {
            filters[Column] = [Value];
        }

        Result = await tables.RunAsync(table, new TableQuery.Request(filters, Q, string.IsNullOrEmpty(Sort) ? null : Sort, Desc, (PageNumber - 1) * PageSize, PageSize), ct);
        return Page();
    }

    public string Link(string? sort, bool desc, int page = 1)
    {
        var values = new Dictionary<string, string?>
        {
            ["column"] = Column, ["value"] = Value, ["q"] = Q, ["sort"] = sort, ["desc"] = desc ? "true" : null,
            ["p"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", values.Where(v => !string.IsNullOrEmpty(v.Value)));
        return query.Length == 0 ? "?" : query;
    }
}
