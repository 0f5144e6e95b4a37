using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Dcat;
using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>The municipality's open data catalogue: search (Japanese, two-character words too) with facets.</summary>
public sealed class CatalogueListModel(MadoguchiDb db, CatalogueSearch search) : PageModel
{
    public const int PageSize = 20;

    public sealed record Row(string Name, string Title, string Summary, string Department, IReadOnlyList<string> Formats, DateTime UpdatedAt);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Organisation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public ResourceFormat? Format { get; set; }
    [BindProperty(SupportsGet = true)] public Licence? Licence { get; set; }
    [BindProperty(SupportsGet = true)] public string? Standard { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public CatalogueSearch.Facets Facets { get; private set; } = new([], [], [], [], []);

    public async Task<IActionResult> OnGetAsync([FromServices] DcatCatalogue dcat, CancellationToken ct)
    {
        // The same address answers the DCAT-AP catalogue (?page=N) to a client that asks for Turtle or JSON-LD.
        if (DcatApi.Negotiate(Request) is { } format)
        {
            return new ResultActionResult(await DcatApi.CatalogueAsync(HttpContext, dcat, format, "/opendata", ct));
        }

        var matching = await search.FindAsync(new CatalogueSearch.Criteria(Q, Organisation, Tag, Format, Licence, Standard), CatalogueSearch.Order.ModifiedDesc, ct);
        PageNumber = Math.Max(1, PageNumber);
        Total = matching.Count;
        var page = matching.Skip((PageNumber - 1) * PageSize).Take(PageSize).Select(d => d.Dataset).ToList();
        var ids = page.Select(p => p.Id).ToList();
        var formats = await db.Set<DatasetResource>().Where(r => ids.Contains(r.DatasetId)).Select(r => new { r.DatasetId, r.Format }).ToListAsync(ct);
        var departments = await db.Departments.Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        Rows = page.Select(p => new Row(p.Name, p.Title, MarkdownHtml.Plain(p.Description), departments.GetValueOrDefault(p.DepartmentId, ""),
            formats.Where(f => f.DatasetId == p.Id).Select(f => Vocabulary.Label(f.Format)).Distinct().ToList(), p.LastPublishedAt ?? p.UpdatedAt)).ToList();
        Facets = await search.FacetsAsync(matching, ct);
        return Page();
    }

    /// <summary>The current search with one filter changed (null removes it).</summary>
    public string Link(string key, string? value, int page = 1)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Q, ["organisation"] = Organisation?.ToString(), ["tag"] = Tag, ["format"] = Format?.ToString(),
            ["licence"] = Licence?.ToString(), ["standard"] = Standard,
        };
        values[key] = value;
        if (page > 1)
        {
            values["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", values.Where(v => !string.IsNullOrEmpty(v.Value)));
        return query.Length == 0 ? "?" : query;
    }
}
