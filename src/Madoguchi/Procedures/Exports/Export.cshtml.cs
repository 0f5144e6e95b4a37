using System.Globalization;
using System.Security.Claims;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Review;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Exports;

/// <summary>
/// CSV of one procedure version's applications for the staff who may see them, so that nobody
/// retypes an application into a core system. The file streams as it is read; each export is
/// recorded in <see cref="ExportLog"/> and listed here with what Shift_JIS could not hold.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class ApplicationExportModel(MadoguchiDb db, ApplicationCsvExporter exporter, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record VersionOption(string Value, string Title);

    public sealed record RecentExport(DateTime StartedAt, string Title, string Criteria, int Rows, bool Completed, int Replaced, string? ReplacedAt);

    public sealed class InputModel
    {
        /// <summary>"{procedureId}:{version}".</summary>
        public string? Version { get; set; }
        public ApplicationStatus? Status { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public CsvEncodingKind Encoding { get; set; }
        public bool IncludeMyNumber { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<VersionOption> Versions { get; private set; } = [];
    public IReadOnlyList<RecentExport> Recent { get; private set; } = [];

    public static readonly ApplicationStatus[] Statuses = Enum.GetValues<ApplicationStatus>().Where(s => s != ApplicationStatus.Draft).ToArray();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Input.Version is null || !Versions.Any(v => v.Value == Input.Version))
        {
            ModelState.AddModelError("Input.Version", l["出力する手続を選んでください。"]);
        }

        if (Input.From is { } from && Input.To is { } to && from > to)
        {
            ModelState.AddModelError("Input.To", l["終了日は開始日以降の日付を入力してください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var parts = Input.Version!.Split(':');
        var procedureId = Guid.Parse(parts[0]);
        var version = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var key = await db.Set<Procedure>().Where(p => p.Id == procedureId).Select(p => p.Key).SingleAsync(ct);
        var request = new CsvExportRequest(procedureId, version, Input.Status, Input.From, Input.To, Input.Encoding, Input.IncludeMyNumber);

        // Recorded before the first byte leaves: an export cut off half-way is still on record.
        var log = new ExportLog
        {
            Actor = "staff:" + User.FindFirstValue(ClaimTypes.NameIdentifier), Kind = ExportKind.Csv,
            ProcedureId = procedureId, ProcedureVersion = version, Criteria = Criteria(request),
        };
        db.Add(log);
        await db.SaveChangesAsync(ct);

        var encoding = CsvEncoding.For(Input.Encoding);
        var fileName = $"{tenant.Code}_{key}_v{version}_{DateTime.UtcNow.AddHours(9):yyyyMMddHHmm}{encoding.FileExtensionSuffix}.csv";
        Response.ContentType = encoding.ContentType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
        Response.Headers.CacheControl = "no-store";
        var result = await exporter.WriteAsync(request, Response.Body, ct);

        log.Rows = result.Rows;
        log.ReplacedCharacters = result.ReplacedCharacters;
        log.ReplacedAt = result.ReplacedAt.Count == 0 ? null : string.Join("、", result.ReplacedAt);
        log.CompletedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(CancellationToken.None);
        return new EmptyResult();
    }

    private static string Criteria(CsvExportRequest r) => string.Join(" ", new[]
    {
        r.Status is { } s ? $"status={s}" : null,
        r.ReceivedFrom is { } f ? $"from={f:yyyy-MM-dd}" : null,
        r.ReceivedTo is { } t ? $"to={t:yyyy-MM-dd}" : null,
        $"encoding={r.Encoding}",
        r.IncludeMyNumber ? "myNumber=included" : "myNumber=masked",
    }.Where(x => x is not null));

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = StaffScope.Of(User);
        var all = scope.All;
        var departments = scope.Departments.ToList();
        var versions = await (
                from v in db.Set<ProcedureVersion>()
                join p in db.Set<Procedure>() on v.ProcedureId equals p.Id
                where all || departments.Contains(p.DepartmentId)
                orderby p.Title, v.Number descending
                select new { p.Id, p.Title, v.Number })
            .ToListAsync(ct);
        Versions = versions.Select(v => new VersionOption($"{v.Id}:{v.Number}", $"{v.Title}（第{v.Number}版）")).ToList();

        var visible = versions.Select(v => v.Id).Distinct().ToList();
        var titles = versions.GroupBy(v => v.Id).ToDictionary(g => g.Key, g => g.First().Title);
        var recent = await db.Set<ExportLog>().AsNoTracking()
            .Where(e => e.Kind == ExportKind.Csv && e.ProcedureId != null && visible.Contains(e.ProcedureId.Value))
            .OrderByDescending(e => e.StartedAt).Take(10)
            .ToListAsync(ct);
        Recent = recent.Select(e => new RecentExport(e.StartedAt, $"{titles[e.ProcedureId!.Value]}（第{e.ProcedureVersion}版）", e.Criteria, e.Rows,
            e.CompletedAt is not null, e.ReplacedCharacters, e.ReplacedAt)).ToList();
    }
}
