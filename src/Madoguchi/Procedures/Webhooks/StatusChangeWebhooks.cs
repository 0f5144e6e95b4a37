using System.Text.Json;
using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Webhooks;

/// <summary>
/// Writes a <see cref="WebhookDelivery"/> for every endpoint that should hear of a status change, in
/// the SaveChanges that makes the change, so the event exists exactly when the change committed.
/// It looks at the tracked <see cref="Application"/> rows, not at any one service, so every status
/// change made through SaveChanges is covered: submission today, the review workflow's decisions
/// tomorrow. (A bulk ExecuteUpdate of Status would bypass it, as it bypasses the audit trail.)
/// </summary>
internal sealed class StatusChangeWebhooks(TimeProvider time) : ISaveChangesHook
{
    public const string EventType = "application.status_changed";

    public sealed record Payload(string Type, DateTime Timestamp, PayloadData Data);

    /// <summary>No personal data: receivers fetch the application through the API.</summary>
    public sealed record PayloadData(Guid ApplicationId, string? ReceiptNumber, string ProcedureKey, int ProcedureVersion, string? OldStatus, string NewStatus);

    public async Task BeforeSaveAsync(MadoguchiDb db, CancellationToken cancellationToken)
    {
        var changes = db.ChangeTracker.Entries<Application>()
            .Where(e => e.State == EntityState.Added
                ? e.Entity.Status != ApplicationStatus.Draft
                : e.State == EntityState.Modified && e.Property(a => a.Status).OriginalValue != e.Entity.Status)
            .Select(e => (Application: e.Entity, Old: e.State == EntityState.Added ? (ApplicationStatus?)null : e.Property(a => a.Status).OriginalValue))
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var tenants = changes.Select(c => c.Application.TenantId).Distinct().ToList();
        var endpoints = await db.Set<WebhookEndpoint>().IgnoreQueryFilters().AsNoTracking()
            .Where(e => tenants.Contains(e.TenantId) && e.DisabledAt == null)
            .Select(e => new { e.Id, e.TenantId, e.DepartmentId })
            .ToListAsync(cancellationToken);
        if (endpoints.Count == 0)
        {
            return;
        }

        var procedureIds = changes.Select(c => c.Application.ProcedureId).Distinct().ToList();
        var procedures = await db.Set<Procedure>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => procedureIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new { p.Key, p.DepartmentId }, cancellationToken);
        // A SaveChanges retried after a failure must not queue the same event twice.
        var queued = db.ChangeTracker.Entries<WebhookDelivery>().Where(e => e.State == EntityState.Added)
            .Select(e => (e.Entity.EndpointId, e.Entity.ApplicationId, e.Entity.Payload)).ToList();

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (application, old) in changes)
        {
            var procedure = procedures[application.ProcedureId];
            var payload = JsonSerializer.Serialize(new Payload(EventType, now, new PayloadData(application.Id, application.ReceiptNumber,
                procedure.Key, application.ProcedureVersion, old?.ToString(), application.Status.ToString())), WebhookJson.Options);
            foreach (var endpoint in endpoints.Where(e => e.TenantId == application.TenantId && (e.DepartmentId is null || e.DepartmentId == procedure.DepartmentId)))
            {
                if (queued.Any(q => q.EndpointId == endpoint.Id && q.ApplicationId == application.Id && SameChange(q.Payload, payload)))
                {
                    continue;
                }

                db.Add(new WebhookDelivery
                {
                    TenantId = application.TenantId, EndpointId = endpoint.Id, ApplicationId = application.Id,
                    EventType = EventType, Payload = payload, CreatedAt = now, NextAttemptAt = now,
                });
            }
        }
    }

    private static bool SameChange(string a, string b)
    {
        var x = JsonSerializer.Deserialize<Payload>(a, WebhookJson.Options)!.Data;
        var y = JsonSerializer.Deserialize<Payload>(b, WebhookJson.Options)!.Data;
        return x == y;
    }
}
