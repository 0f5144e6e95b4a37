using Madoguchi.Platform.Mail;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Madoguchi.Tests.Platform.Mail;

/// <summary>Queues mails and builds sender "nodes" that share one app's database.</summary>
internal static class MailTestKit
{
    /// <summary>A sender as a node would run it, driven pass by pass by the test.</summary>
    public static MailSender Sender(this MadoguchiApp app, int port, TimeProvider? clock = null, int maxAttempts = 8, int batchSize = 20) =>
        app.Sender(new MailOptions
        {
            Host = "127.0.0.1",
            Port = port,
            MaxAttempts = maxAttempts,
            BatchSize = batchSize,
            SmtpTimeout = TimeSpan.FromSeconds(10),
            Lease = TimeSpan.FromMinutes(1),
        }, clock);

    public static MailSender Sender(this MadoguchiApp app, MailOptions options, TimeProvider? clock = null) =>
        new(app.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(options),
            clock ?? TimeProvider.System,
            app.Services.GetRequiredService<MailMetrics>(),
            NullLogger<MailSender>.Instance);

    public static Task<Guid> EnqueueAsync(this MadoguchiApp app, string to, string subject, string body) =>
        app.ScopeAsync(async sp =>
        {
            var mail = sp.GetRequiredService<MailOutbox>().Enqueue(to, subject, body);
            await sp.GetRequiredService<Madoguchi.Platform.Data.MadoguchiDb>().SaveChangesAsync();
            return mail.Id;
        });

    public static Task<OutboxMail> MailAsync(this MadoguchiApp app, Guid id) =>
        app.DbAsync(db => db.Set<OutboxMail>().AsNoTracking().SingleAsync(m => m.Id == id));
}
