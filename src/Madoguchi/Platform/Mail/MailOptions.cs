using System.ComponentModel.DataAnnotations;

namespace Madoguchi.Platform.Mail;

public enum MailSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>Settings of outgoing mail (section "Mail").</summary>
public sealed class MailOptions : IValidatableObject
{
    /// <summary>
    /// Whether this node runs the sending loop. Defaults to on when a host is set, so a node without
    /// an SMTP server (./run) keeps mails pending instead of failing them.
    /// </summary>
    public bool? Enabled { get; set; }

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public MailSecurity Security { get; set; } = MailSecurity.None;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "no-reply@madoguchi.invalid";

    [Required]
    public string FromName { get; set; } = "窓口 Madoguchi";

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a claimed mail belongs to one node; longer than one SMTP conversation can take.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of one SMTP operation (connect, send); must stay well below <see cref="Lease"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsEnabled => Enabled ?? !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled == true && string.IsNullOrWhiteSpace(Host))
        {
            yield return new ValidationResult("Mail:Enabled is true but Mail:Host is not set.", [nameof(Host)]);
        }

        if (SmtpTimeout * 2 > Lease)
        {
            // A live node must never outlast its own lease, or a second node could send the same mail.
            yield return new ValidationResult("Mail:Lease must be at least twice Mail:SmtpTimeout.", [nameof(Lease)]);
        }

        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Mail:Password is required when Mail:UserName is set.", [nameof(Password)]);
        }
    }
}
