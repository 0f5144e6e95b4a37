using System.Diagnostics.Metrics;
using Madoguchi.Platform.Operations;

namespace Madoguchi.Platform.Mail;

/// <summary>Counters of the mail sender on the platform meter, exported on /metrics.</summary>
internal sealed class MailMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _retried;

    public MailMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(OperationsSetup.MeterName);
        _sent = meter.CreateCounter<long>("madoguchi.mail.sent", "{mail}", "Mails accepted by the SMTP server.");
        _failed = meter.CreateCounter<long>("madoguchi.mail.failed", "{mail}", "Mails given up after their last attempt.");
        _retried = meter.CreateCounter<long>("madoguchi.mail.retried", "{mail}", "Failed attempts that will be tried again.");
    }

    public void Sent() => _sent.Add(1);

    public void Failed() => _failed.Add(1);

    public void Retried() => _retried.Add(1);
}
