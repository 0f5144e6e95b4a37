using Madoguchi.Platform.Data;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Public;

/// <summary>Everyone's reports with their status, newest first; who reported is never part of it.</summary>
public sealed class ReportListModel(MadoguchiDb db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Category, string Address, ReportStatus Status, DateTime CreatedAt, DateTime UpdatedAt);
    public sealed record CategoryOption(Guid Id, string Name);

    [BindProperty(SupportsGet = true)]
    public ReportStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];
    public (double Latitude, double Longitude)? MapCentre { get; private set; }

    /// <summary>The map's GeoJSON, with the same filters as the list.</summary>
    public string MapSource => $"/{RouteData.Values["tenant"]}/reports/map.geojson" + QueryString.Create(
        new Dictionary<string, string?> { ["status"] = Status?.ToString(), ["category"] = Category?.ToString() }.Where(p => p.Value is not null));

    public async Task OnGetAsync(CancellationToken ct)
    {
        MapCentre = await ReportMapPoints.CentreAsync(db, ct);
        Categories = await db.Set<ReportCategory>().OrderBy(c => c.SortOrder).Select(c => new CategoryOption(c.Id, c.Name)).ToListAsync(ct);
        var query = db.Set<Report>().Where(r => r.Status != ReportStatus.Merged);
        if (Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (Category is { } category)
        {
            query = query.Where(r => r.CategoryId == category);
        }

        PageNumber = Math.Max(1, PageNumber);
        Total = await query.CountAsync(ct);
        Rows = await query.OrderByDescending(r => r.CreatedAt).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r.Id, db.Set<ReportCategory>().Where(c => c.Id == r.CategoryId).Select(c => c.Name).First(), r.Address, r.Status, r.CreatedAt, r.UpdatedAt))
            .ToListAsync(ct);
    }

    public string PageLink(int page) => $"?status={Status}&category={Category}&p={page}";
}
