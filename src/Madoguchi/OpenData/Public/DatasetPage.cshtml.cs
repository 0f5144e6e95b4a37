using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Dcat;
using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>A published dataset: its sanitised description, licence, coverage, contact and its files as published.</summary>
public sealed class DatasetPageModel(MadoguchiDb db) : PageModel
{
    public sealed record FileRow(Guid Id, string Name, ResourceFormat Format, string? LinkUrl, long Size, int? Rows, int VersionNumber, DateTime? UpdatedAt, long Downloads);

    public Dataset Dataset { get; private set; } = null!;
    public string DescriptionHtml { get; private set; } = "";
    public string Department { get; private set; } = "";
    public StandardDataset? Standard { get; private set; }
    public IReadOnlyList<FileRow> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string name, [FromServices] DcatCatalogue dcat, CancellationToken ct)
    {
        // The same address answers DCAT-AP to a client that asks for Turtle or JSON-LD.
        if (DcatApi.Negotiate(Request) is { } format)
        {
            return new ResultActionResult(await DcatApi.DatasetAsync(HttpContext, dcat, name, format, ct));
        }

        var dataset = await db.Set<Dataset>().AsNoTracking().Include(d => d.Tags).SingleOrDefaultAsync(d => d.Name == name && d.PublishedAt != null, ct);
        if (dataset is null)
        {
            return NotFound();
        }

        Dataset = dataset;
        DescriptionHtml = MarkdownHtml.Render(dataset.Description);
        Department = await db.Departments.Where(d => d.Id == dataset.DepartmentId).Select(d => d.Name).SingleAsync(ct);
        Standard = StandardDatasets.Find(dataset.StandardCode);
        Files = await db.Set<DatasetResource>().Where(r => r.DatasetId == dataset.Id && (r.Format == ResourceFormat.Link || r.PublishedUploadId != null))
            .OrderBy(r => r.SortOrder)
            .Select(r => new { r, u = db.Set<ResourceUpload>().FirstOrDefault(u => u.Id == r.PublishedUploadId) })
            .Select(x => new FileRow(x.r.Id, x.r.Name, x.r.Format, x.r.LinkUrl, x.u == null ? 0 : x.u.Size, x.u == null ? null : x.u.RowCount,
                x.u == null ? 0 : x.u.Number, x.u == null ? null : x.u.CompletedAt, x.r.Downloads))
            .ToListAsync(ct);
        return Page();
    }
}
