using System.Net.Sockets;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Madoguchi.Platform.Mail;

/// <summary>
/// Sends <see cref="OutboxMail"/> rows over SMTP. Any number of nodes may run it against one
/// database: each mail is claimed by exactly one node at a time.
/// </summary>
/// <remarks>
/// Delivery is at least once, not exactly once: if a node dies (or loses its database) after the
/// SMTP server accepted a mail but before the row is marked Sent, the lease expires and another
/// pass sends it again. Every copy carries the same Message-Id (<c>&lt;{id}@madoguchi&gt;</c>), so
/// receiving systems that de-duplicate on it show the mail once.
/// </remarks>
internal sealed partial class MailSender(
    IServiceScopeFactory scopes,
    IOptions<MailOptions> options,
    TimeProvider time,
    MailMetrics metrics,
    ILogger<MailSender> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);
    private const int ErrorLength = 2000;

    private readonly MailOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.IsEnabled)
        {
            LogDisabled();
            return;
        }

        using var timer = new PeriodicTimer(_options.PollInterval, time);
        do
        {
            try
            {
                // A full batch means more may be due: drain before sleeping.
                int claimed;
                do
                {
                    claimed = await SendDueAsync(stoppingToken);
                }
                while (claimed >= _options.BatchSize);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failing pass (database restarting, say) must not stop the whole host, which is
                // what an exception escaping a BackgroundService does; the next tick tries again.
                LogPassFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: claims and sends the mails due now. Returns how many this node claimed.</summary>
    internal async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (_options.Host is not { Length: > 0 } host)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAsSystem("mail");
        var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();

        var now = Now();
        var due = await db.Set<OutboxMail>().AsNoTracking()
            .Where(m => m.Status == OutboxMailStatus.Pending && m.NextAttemptAt <= now
                && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        using var smtp = new SmtpClient { Timeout = (int)_options.SmtpTimeout.TotalMilliseconds };
        var claimed = 0;
        try
        {
            foreach (var id in due)
            {
                var token = Guid.NewGuid();
                if (!await ClaimAsync(db, id, token, cancellationToken))
                {
                    continue;
                }

                claimed++;
                var failure = await DeliverAsync(db, smtp, host, id, cancellationToken);

                // Recorded even when shutdown is under way: a mail the server accepted and that is
                // not marked Sent would be sent a second time by the next pass.
                await RecordAsync(db, id, token, failure, CancellationToken.None);
                if (failure is { ServerUnreachable: true })
                {
                    break;
                }
            }
        }
        finally
        {
            await DisconnectAsync(smtp);
        }

        return claimed;
    }

    /// <summary>
    /// Takes a mail for this node with one conditional UPDATE. On SQLite writers are serialised, so
    /// the second claimer's WHERE sees the first claim and matches nothing. On PostgreSQL the second
    /// UPDATE waits for the first one's row lock and then re-evaluates its WHERE against the new row
    /// (READ COMMITTED), which no longer matches. Either way exactly one UPDATE reports one row, and
    /// only that node sends. A claim is bookkeeping, not a business change, so it bypasses
    /// SaveChanges and is not audited; the final Sent/Failed state is.
    /// </summary>
    private async Task<bool> ClaimAsync(MadoguchiDb db, Guid id, Guid token, CancellationToken ct)
    {
        var now = Now();
        var until = now + _options.Lease;
        var rows = await db.Set<OutboxMail>()
            .Where(m => m.Id == id && m.Status == OutboxMailStatus.Pending
                && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimToken, token)
                .SetProperty(m => m.ClaimedUntil, until), ct);
        return rows == 1;
    }

    private sealed record DeliveryFailure(string Error, bool Permanent, bool ServerUnreachable);

    private async Task<DeliveryFailure?> DeliverAsync(MadoguchiDb db, SmtpClient smtp, string host, Guid id, CancellationToken ct)
    {
        var mail = await db.Set<OutboxMail>().AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new { m.To, m.Subject, m.TextBody, m.CreatedAt, m.AttachmentName, m.AttachmentType, m.Attachment })
            .SingleAsync(ct);

        if (!MailboxAddress.TryParse(mail.To, out var to))
        {
            return new DeliveryFailure($"Invalid recipient address: {mail.To}", Permanent: true, ServerUnreachable: false);
        }

        var message = new MimeMessage
        {
            MessageId = MessageIdOf(id),
            Date = new DateTimeOffset(DateTime.SpecifyKind(mail.CreatedAt, DateTimeKind.Utc)),
            Subject = mail.Subject,
        };
        message.From.Add(new MailboxAddress(_options.FromName, _options.FromAddress));
        message.To.Add(to);
        var body = new TextPart(TextFormat.Plain);
        body.SetText(System.Text.Encoding.UTF8, mail.TextBody);
        if (mail.Attachment is { } content && mail.AttachmentName is { } name)
        {
            var attachment = new MimePart(ContentType.Parse(mail.AttachmentType ?? "application/octet-stream"))
            {
                Content = new MimeContent(new MemoryStream(content)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = name,
            };
            message.Body = new Multipart("mixed") { body, attachment };
        }
        else
        {
            message.Body = body;
        }

        try
        {
            await ConnectAsync(smtp, host, ct);
        }
        catch (Exception ex) when (IsSmtpError(ex, ct))
        {
            return new DeliveryFailure($"{host}:{_options.Port}: {ex.Message}", Permanent: false, ServerUnreachable: true);
        }

        try
        {
            await smtp.SendAsync(message, ct);
            return null;
        }
        catch (Exception ex) when (IsSmtpError(ex, ct))
        {
            // A refused command leaves the session usable; a broken one does not.
            return new DeliveryFailure(ex.Message, Permanent: false, ServerUnreachable: !smtp.IsConnected);
        }
    }

    /// <summary>The Message-Id every copy of this mail carries, without the angle brackets.</summary>
    internal static string MessageIdOf(Guid outboxId) => $"{outboxId:D}@madoguchi";

    private async Task ConnectAsync(SmtpClient smtp, string host, CancellationToken ct)
    {
        if (smtp.IsConnected)
        {
            return;
        }

        var security = _options.Security switch
        {
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        await smtp.ConnectAsync(host, _options.Port, security, ct);
        if (!string.IsNullOrEmpty(_options.UserName))
        {
            await smtp.AuthenticateAsync(_options.UserName, _options.Password ?? "", ct);
        }
    }

    private static bool IsSmtpError(Exception ex, CancellationToken ct) => ex switch
    {
        OperationCanceledException => !ct.IsCancellationRequested, // MailKit's own timeout
        SocketException or IOException or TimeoutException => true,
        MailKit.ProtocolException or CommandException or ServiceNotConnectedException => true,
        AuthenticationException or SslHandshakeException => true,
        _ => false,
    };

    private async Task DisconnectAsync(SmtpClient smtp)
    {
        if (!smtp.IsConnected)
        {
            return;
        }

        try
        {
            await smtp.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (IsSmtpError(ex, CancellationToken.None))
        {
            // Every mail of the pass is already recorded; a QUIT the server does not answer loses nothing.
            LogDisconnectFailed(ex);
        }
    }

    /// <summary>
    /// Writes the outcome through SaveChanges so that it is audited. It first repeats the claim's
    /// condition as a no-op UPDATE inside the transaction: that locks the row (PostgreSQL) or the
    /// database (SQLite, whose transactions begin IMMEDIATE) until commit, so a node that has taken
    /// over an expired lease cannot interleave with this write.
    /// </summary>
    private async Task RecordAsync(MadoguchiDb db, Guid id, Guid token, DeliveryFailure? failure, CancellationToken ct)
    {
        var now = Now();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stillOurs = await db.Set<OutboxMail>()
            .Where(m => m.Id == id && m.ClaimToken == token && m.Status == OutboxMailStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, token), ct);
        if (stillOurs == 0)
        {
            LogLeaseLost(id, failure is null);
            return;
        }

        var mail = await db.Set<OutboxMail>().SingleAsync(m => m.Id == id, ct);
        mail.Attempts++;
        mail.ClaimToken = null;
        mail.ClaimedUntil = null;
        if (failure is null)
        {
            mail.Status = OutboxMailStatus.Sent;
            mail.SentAt = now;
        }
        else
        {
            mail.LastError = failure.Error.Length > ErrorLength ? failure.Error[..ErrorLength] : failure.Error;
            if (failure.Permanent || mail.Attempts >= _options.MaxAttempts)
            {
                mail.Status = OutboxMailStatus.Failed;
            }
            else
            {
                mail.NextAttemptAt = now + Backoff(mail.Attempts);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();

        switch (mail.Status)
        {
            case OutboxMailStatus.Sent:
                metrics.Sent();
                break;
            case OutboxMailStatus.Failed:
                metrics.Failed();
                LogGaveUp(id, mail.Attempts, mail.LastError);
                break;
            default:
                metrics.Retried();
                LogRetry(id, mail.Attempts, mail.NextAttemptAt, mail.LastError);
                break;
        }
    }

    /// <summary>
    /// 30 s · 2^(n-1), at most an hour, of which the second half is random: nodes that failed
    /// together (a server outage) do not all come back in the same second.
    /// </summary>
    internal static TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Min(attempts - 1, 16);
        var full = TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << exponent, LongestRetry.Ticks));
        return full / 2 + full / 2 * Random.Shared.NextDouble();
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(LogLevel.Information, "Mail sending is off on this node (no Mail:Host, or Mail:Enabled=false); queued mails stay pending.")]
    private partial void LogDisabled();

    [LoggerMessage(LogLevel.Error, "A mail sending pass failed; the next one retries.")]
    private partial void LogPassFailed(Exception ex);

    [LoggerMessage(LogLevel.Debug, "SMTP QUIT failed.")]
    private partial void LogDisconnectFailed(Exception ex);

    [LoggerMessage(LogLevel.Warning, "Claim on mail {MailId} expired before its outcome was recorded (delivered: {Delivered}); another node may send it again.")]
    private partial void LogLeaseLost(Guid mailId, bool delivered);

    [LoggerMessage(LogLevel.Warning, "Mail {MailId} attempt {Attempts} failed, next try at {NextAttemptAt:o}: {Error}")]
    private partial void LogRetry(Guid mailId, int attempts, DateTime nextAttemptAt, string? error);

    [LoggerMessage(LogLevel.Error, "Mail {MailId} given up after {Attempts} attempts: {Error}")]
    private partial void LogGaveUp(Guid mailId, int attempts, string? error);
}
