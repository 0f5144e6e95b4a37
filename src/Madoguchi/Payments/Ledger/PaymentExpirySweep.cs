using Madoguchi.Platform;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Payments.Ledger;

/// <summary>
/// 事後決済: an approved application whose fee is not paid by its deadline expires (期限切れ), its
/// history and the audit trail say so and the resident is mailed. Safe on any number of nodes: each
/// expiry is one state change saved against the application's Version, so of two sweeps one makes it
/// and the other's change (history, mail) rolls back.
/// </summary>
internal sealed partial class PaymentExpirySweep(IServiceScopeFactory scopes, IOptions<PaymentsOptions> options, TimeProvider time,
    ILogger<PaymentExpirySweep> logger) : PeriodicPass(time, logger)
{
    private const int BatchSize = 200;

    protected override TimeSpan Interval => options.Value.ExpirySweepInterval;

    protected override bool Enabled => options.Value.ExpirySweep;

    protected override Task<int> RunPassAsync(CancellationToken ct) => SweepAsync(ct);

    /// <summary>One pass over every municipality; returns how many applications this node expired.</summary>
    internal async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        var expired = 0;
        while (true)
        {
            IReadOnlyList<OverdueFee> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = await scope.ServiceProvider.GetRequiredService<IApplicationFees>().OverdueAsync(now, BatchSize, ct);
            }

            var changed = 0;
            foreach (var overdue in due)
            {
                switch (await SettleOneAsync(overdue, now, ct))
                {
                    case true:
                        expired++;
                        changed++;
                        break;
                    case null:
                        changed++;
                        break;
                }
            }

            // A batch in which nothing moved (another node took them all, or they keep failing) ends the pass.
            if (due.Count < BatchSize || changed == 0)
            {
                return expired;
            }
        }
    }

    /// <summary>True: expired here; null: found paid and recorded as paid; false: left (another node, or no longer due).</summary>
    private async Task<bool?> SettleOneAsync(OverdueFee overdue, DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<AuditActor>().ActAsSystem("payment-expiry");
        var db = sp.GetRequiredService<MadoguchiDb>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == overdue.TenantId, ct);
        sp.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Code, tenant.Name, tenant.NameEn);
        var fees = sp.GetRequiredService<IApplicationFees>();

        // Paid in time but the application never heard of it (the node stopped between the two saves):
        // record the payment rather than expire a paid application.
        if (await fees.QuoteAsync(overdue.ApplicationId, ct) is { } quote
            && await sp.GetRequiredService<PaymentLedger>().PaidYenAsync(overdue.ApplicationId, ct) >= quote.TotalYen)
        {
            return await fees.RecordPaidAsync(overdue.ApplicationId, ct) == FeeSettlement.Recorded ? null : false;
        }

        var done = await fees.ExpireUnpaidAsync(overdue.ApplicationId, now, ct);
        if (done)
        {
            LogExpired(Logger, overdue.ApplicationId, tenant.Code);
        }

        return done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ApplicationId} of {Tenant} expired unpaid after its payment deadline.")]
    private static partial void LogExpired(ILogger logger, Guid applicationId, string tenant);

}
