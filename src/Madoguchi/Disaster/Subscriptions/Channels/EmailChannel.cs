using System.Net.Sockets;
using Madoguchi.Disaster.Notices;
using Madoguchi.Platform.Mail;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Madoguchi.Disaster.Subscriptions.Channels;

/// <summary>
/// Notices by e-mail, over the installation's SMTP server (section "Mail"). Notices do not go
/// through the general mail outbox: they have their own outbox with one row per recipient, which
/// is what makes "nobody twice, nobody missed" checkable per notice. Each mail carries
/// List-Unsubscribe (RFC 2369/8058) and the unsubscribe link in its text.
/// </summary>
internal sealed class EmailChannel(IOptions<MailOptions> mail, IOptions<DisasterOptions> options) : INoticeChannel
{
    public DeliveryChannel Kind => DeliveryChannel.Email;

    public bool Available => !string.IsNullOrWhiteSpace(mail.Value.Host);

    public Task<IChannelSession> OpenAsync(CancellationToken ct) =>
        Task.FromResult<IChannelSession>(new Session(mail.Value, options.Value.ChannelTimeout));

    private sealed class Session(MailOptions mail, TimeSpan timeout) : IChannelSession
    {
        private readonly SmtpClient _smtp = new() { Timeout = (int)timeout.TotalMilliseconds };

        public async Task<ChannelFailure?> SendAsync(ChannelMessage m, CancellationToken ct)
        {
            if (!MailboxAddress.TryParse(m.Email, out var to))
            {
                return new ChannelFailure($"Invalid recipient address: {m.Email}", Permanent: true);
            }

            var message = new MimeMessage
            {
                // The same id for every copy: a resent copy after a crash is shown once by receivers that de-duplicate.
                MessageId = $"{m.NoticeId:D}.{m.SubscriberId:D}@madoguchi",
                Date = new DateTimeOffset(DateTime.SpecifyKind(m.IssuedAt, DateTimeKind.Utc)),
                Subject = m.Subject,
            };
            message.From.Add(new MailboxAddress($"{m.MunicipalityName} {mail.FromName}", mail.FromAddress));
            message.To.Add(to);
            message.Headers.Add("List-Unsubscribe", $"<{m.UnsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            var body = new TextPart(TextFormat.Plain);
            body.SetText(System.Text.Encoding.UTF8, m.Text);
            message.Body = body;

            try
            {
                if (!_smtp.IsConnected)
                {
                    var security = mail.Security switch
                    {
                        MailSecurity.StartTls => SecureSocketOptions.StartTls,
                        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                        _ => SecureSocketOptions.None,
                    };
                    await _smtp.ConnectAsync(mail.Host ?? "", mail.Port, security, ct);
                    if (!string.IsNullOrEmpty(mail.UserName))
                    {
                        await _smtp.AuthenticateAsync(mail.UserName, mail.Password ?? "", ct);
                    }
                }

                await _smtp.SendAsync(message, ct);
                return null;
            }
            catch (Exception ex) when (IsSmtpError(ex, ct))
            {
                return new ChannelFailure($"{mail.Host}:{mail.Port}: {ex.Message}", Permanent: false);
            }
        }

        private static bool IsSmtpError(Exception ex, CancellationToken ct) => ex switch
        {
            OperationCanceledException => !ct.IsCancellationRequested,
            SocketException or IOException or TimeoutException => true,
            MailKit.ProtocolException or CommandException or ServiceNotConnectedException => true,
            AuthenticationException or SslHandshakeException => true,
            _ => false,
        };

        public async ValueTask DisposeAsync()
        {
            if (_smtp.IsConnected)
            {
                try
                {
                    await _smtp.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception ex) when (IsSmtpError(ex, CancellationToken.None))
                {
                    // Every message of the batch is already recorded; a QUIT nobody answers loses nothing.
                }
            }

            _smtp.Dispose();
        }
    }
}
