using System.Globalization;
using System.Net.Mime;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Madoguchi.Disaster.Notices;
using Microsoft.Extensions.Options;

namespace Madoguchi.Disaster.Subscriptions.Channels;

/// <summary>
/// Notices as an HTTP POST of JSON, signed the Standard Webhooks way (webhook-id,
/// webhook-timestamp, webhook-signature = "v1," + base64 HMAC-SHA256 over "{id}.{timestamp}.{body}"
/// with the subscriber's secret). A bridge verifies it and forwards to LINE's Messaging API push
/// endpoint or another service; webhook-id is the same for every retry, so the bridge can drop repeats.
/// </summary>
internal sealed class WebhookChannel(IHttpClientFactory http, IOptions<DisasterOptions> options) : INoticeChannel
{
    public const string HttpClientName = "disaster-webhooks";
    public const string SecretPrefix = "whsec_";

    public DeliveryChannel Kind => DeliveryChannel.Webhook;

    public bool Available => true;

    public Task<IChannelSession> OpenAsync(CancellationToken ct) =>
        Task.FromResult<IChannelSession>(new Session(http.CreateClient(HttpClientName), options.Value.ChannelTimeout));

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}")));
    }

    public static string Payload(ChannelMessage m) => JsonSerializer.Serialize(new
    {
        type = "disaster.notice",
        notice = m.NoticeId,
        municipality = new { code = m.MunicipalityCode, name = m.MunicipalityName },
        level = m.Level,
        levelLabel = m.LevelLabel,
        language = m.Language switch { NoticeLanguage.English => "en", NoticeLanguage.EasyJapanese => "ja-x-easy", _ => "ja" },
        fellBackToJapanese = m.FellBackToJapanese,
        areas = m.Areas,
        title = m.Subject,
        text = m.Text,
        issuedAt = DateTime.SpecifyKind(m.IssuedAt, DateTimeKind.Utc),
        unsubscribeUrl = m.UnsubscribeUrl,
    }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private sealed class Session(HttpClient client, TimeSpan timeout) : IChannelSession
    {
        public async Task<ChannelFailure?> SendAsync(ChannelMessage m, CancellationToken ct)
        {
            if (m.WebhookUrl is null || m.WebhookSecret is null || !Uri.TryCreate(m.WebhookUrl, UriKind.Absolute, out var url))
            {
                return new ChannelFailure("No webhook address.", Permanent: true);
            }

            var body = Payload(m);
            var id = $"{m.NoticeId:N}-{m.SubscriberId:N}";
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, MediaTypeNames.Application.Json) };
            request.Headers.Add("webhook-id", id);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", Sign(m.WebhookSecret, id, timestamp, body));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return null;
                }

                // 410 Gone: the receiver says this subscription no longer exists there.
                var code = (int)response.StatusCode;
                return new ChannelFailure($"HTTP {code}", Permanent: code == 410);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                return new ChannelFailure(ex.Message, Permanent: false);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
