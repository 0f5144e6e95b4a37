using System.Globalization;
using System.Text;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Procedures.Webhooks;

/// <summary>
/// Delivers <see cref="WebhookDelivery"/> rows, signed the Standard Webhooks way, with back-off on
/// failure. Any number of nodes may run it against one database: a delivery is claimed by one node
/// with a conditional UPDATE (the pattern of the mail outbox, see MailSender), and only the node
/// holding the claim records the outcome.
/// </summary>
/// <remarks>
/// The claim lease is at least twice the HTTP timeout, so a live node always finishes before its
/// claim can pass to another. If a node dies after the receiver answered but before the row is
/// marked delivered, the lease expires and the delivery is sent again with the same webhook-id;
/// receivers de-duplicate on it, as the standard asks.
/// </remarks>
internal sealed partial class WebhookSender(
    IServiceScopeFactory scopes,
    IHttpClientFactory http,
    IOptions<IntegrationOptions> options,
    TimeProvider time,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(6);
    private const int ErrorLength = 2000;

    private readonly IntegrationOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.WebhooksEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.WebhookPollInterval, time);
        do
        {
            try
            {
                int claimed;
                do
                {
                    claimed = await SendDueAsync(stoppingToken);
                }
                while (claimed >= _options.WebhookBatchSize);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failing pass (database restarting) must not stop the host; the next tick retries.
                LogPassFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: claims and delivers what is due now. Returns how many this node claimed.</summary>
    internal async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAsSystem("webhooks");
        var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
        var secrets = scope.ServiceProvider.GetRequiredService<WebhookSecrets>();

        var now = Now();
        var due = await db.Set<WebhookDelivery>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(_options.WebhookBatchSize)
            .ToListAsync(ct);

        var claimed = 0;
        foreach (var id in due)
        {
            var token = Guid.NewGuid();
            if (!await ClaimAsync(db, id, token, ct))
            {
                continue;
            }

            claimed++;
            var (statusCode, error) = await DeliverAsync(db, secrets, id, ct);
            // Recorded even during shutdown: an accepted delivery left pending would be sent again.
            await RecordAsync(db, id, token, statusCode, error, CancellationToken.None);
        }

        return claimed;
    }

    /// <summary>
    /// One conditional UPDATE takes the row: SQLite serialises writers, PostgreSQL re-checks the
    /// WHERE after the first claimer's row lock (READ COMMITTED), so exactly one node gets 1 row.
    /// </summary>
    private async Task<bool> ClaimAsync(MadoguchiDb db, Guid id, Guid token, CancellationToken ct)
    {
        var now = Now();
        var until = now + _options.WebhookLease;
        return await db.Set<WebhookDelivery>().IgnoreQueryFilters()
            .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Pending && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimToken, token).SetProperty(d => d.ClaimedUntil, until), ct) == 1;
    }

    private async Task<(int? StatusCode, string? Error)> DeliverAsync(MadoguchiDb db, WebhookSecrets secrets, Guid id, CancellationToken ct)
    {
        var delivery = await (
                from d in db.Set<WebhookDelivery>().IgnoreQueryFilters()
                join e in db.Set<WebhookEndpoint>().IgnoreQueryFilters() on d.EndpointId equals e.Id
                where d.Id == id
                select new { d.Payload, e.Url, e.SecretCipher, e.DisabledAt })
            .AsNoTracking().SingleAsync(ct);
        if (delivery.DisabledAt is not null)
        {
            return (null, "endpoint disabled");
        }

        var webhookId = "msg_" + id.ToString("N");
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secrets.Unprotect(delivery.SecretCipher), webhookId, timestamp, delivery.Payload));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.WebhookTimeout);
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? ((int)response.StatusCode, null) : ((int)response.StatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return (null, ex.Message);
        }
    }

    private async Task RecordAsync(MadoguchiDb db, Guid id, Guid token, int? statusCode, string? error, CancellationToken ct)
    {
        var now = Now();
        var mine = db.Set<WebhookDelivery>().IgnoreQueryFilters().Where(d => d.Id == id && d.ClaimToken == token && d.Status == WebhookDeliveryStatus.Pending);
        int updated;
        if (error is null)
        {
            updated = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Delivered).SetProperty(d => d.DeliveredAt, now)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.LastStatusCode, statusCode)
                .SetProperty(d => d.ClaimToken, (Guid?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
        }
        else
        {
            var attempts = await mine.Select(d => d.Attempts).FirstOrDefaultAsync(ct) + 1;
            var failed = attempts >= _options.WebhookMaxAttempts;
            var next = now + Backoff(attempts);
            var message = error.Length > ErrorLength ? error[..ErrorLength] : error;
            var status = failed ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
            updated = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LastStatusCode, statusCode).SetProperty(d => d.LastError, message)
                .SetProperty(d => d.ClaimToken, (Guid?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
            if (updated == 1)
            {
                LogRetry(id, attempts, failed, error);
            }
        }

        if (updated == 0)
        {
            LogLeaseLost(id);
        }
    }

    /// <summary>30 s · 2^(n-1), at most 6 hours, half of it random so that endpoints that failed together do not return together.</summary>
    internal static TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Min(attempts - 1, 16);
        var full = TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << exponent, LongestRetry.Ticks));
        return full / 2 + full / 2 * Random.Shared.NextDouble();
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(LogLevel.Error, "A webhook delivery pass failed; the next one retries.")]
    private partial void LogPassFailed(Exception ex);

    [LoggerMessage(LogLevel.Warning, "Webhook delivery {DeliveryId} attempt {Attempts} failed (given up: {GaveUp}): {Error}")]
    private partial void LogRetry(Guid deliveryId, int attempts, bool gaveUp, string error);

    [LoggerMessage(LogLevel.Warning, "Claim on webhook delivery {DeliveryId} expired before its outcome was recorded.")]
    private partial void LogLeaseLost(Guid deliveryId);
}
