using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Madoguchi.Payments.Stripe;

namespace Madoguchi.Payments.LocalStripe;

/// <summary>
/// What the local Stripe-compatible server keeps: Checkout Sessions, intents, refunds, idempotent results, the events
/// it sent, and the faults a test asked for. One instance per server; thread-safe through one lock,
/// as a test server needs no more.
/// </summary>
public sealed class LocalStripeState(string secretKey, string webhookSecret)
{
    internal readonly object Gate = new();
    internal readonly Dictionary<string, JsonObject> Sessions = new(StringComparer.Ordinal);

    /// <summary>Per session, payment_intent_data (metadata, description) for the intent its page makes.</summary>
    internal readonly Dictionary<string, JsonObject> SessionIntentData = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, JsonObject> Intents = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, JsonObject> Refunds = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, (string Fingerprint, int Status, string Body)> Idempotent = new(StringComparer.Ordinal);
    internal readonly List<SettlementLine> Settlement = [];
    private readonly List<(string Id, string Payload)> _events = [];
    private readonly List<Task> _deliveries = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private long _sequence;

    public string SecretKey { get; } = secretKey;
    public string WebhookSecret { get; } = webhookSecret;

    /// <summary>Where events are posted (the platform's /payments/webhooks/stripe); null: none are sent.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The next N API requests answer 500 before doing anything.</summary>
    public int FailNextWith500 { get; set; }

    /// <summary>The next N POSTs are carried out and their result kept, but the answer comes only after <see cref="SlowAnswer"/> (a lost answer).</summary>
    public int AnswerNextSlowly { get; set; }

    public TimeSpan SlowAnswer { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every event is delivered twice (a provider retry after a lost 2xx).</summary>
    public bool DeliverTwice { get; set; }

    /// <summary>Events are kept back until <see cref="ReleaseHeldAsync"/>, which sends them newest first (out of order).</summary>
    public bool HoldEvents { get; set; }

    private readonly List<(string Id, string Payload)> _held = [];

    public int SessionsCreated { get; internal set; }
    public int IntentsCreated { get; private set; }
    public int RefundsCreated { get; private set; }

    public IReadOnlyList<(string Id, string Payload)> EventsSent
    {
        get { lock (Gate) { return _events.ToList(); } }
    }

    public JsonObject? Session(string id)
    {
        lock (Gate) { return Sessions.TryGetValue(id, out var s) ? (JsonObject)s.DeepClone() : null; }
    }

    public JsonObject? Intent(string id)
    {
        lock (Gate) { return Intents.TryGetValue(id, out var i) ? (JsonObject)i.DeepClone() : null; }
    }

    internal string NextId(string prefix) => $"{prefix}_{Interlocked.Increment(ref _sequence):D6}{Guid.NewGuid():N}"[..(prefix.Length + 25)];

    internal void Created(bool refund)
    {
        if (refund) { RefundsCreated++; } else { IntentsCreated++; }
    }

    /// <summary>Makes the event for an object's change and delivers it (in the background, as Stripe does).</summary>
    internal void Emit(string type, JsonObject dataObject)
    {
        var id = NextId("evt");
        var payload = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = "2024-06-20",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
        }.ToJsonString();
        lock (Gate)
        {
            _events.Add((id, payload));
            if (HoldEvents)
            {
                _held.Add((id, payload));
                return;
            }

            _deliveries.Add(DeliverAsync(payload, DeliverTwice ? 2 : 1));
        }
    }

    /// <summary>Sends the held events, newest first.</summary>
    public async Task ReleaseHeldAsync()
    {
        List<(string Id, string Payload)> held;
        lock (Gate)
        {
            held = [.. _held];
            _held.Clear();
            HoldEvents = false;
        }

        held.Reverse();
        foreach (var e in held)
        {
            await DeliverAsync(e.Payload, 1);
        }
    }

    /// <summary>Sends an event again, as the provider's retry or a replay from its dashboard would.</summary>
    public Task<HttpResponseMessage> ResendAsync(string eventId)
    {
        string payload;
        lock (Gate) { payload = _events.Single(e => e.Id == eventId).Payload; }
        return PostAsync(payload, DateTimeOffset.UtcNow);
    }

    /// <summary>Waits until every background delivery so far has been answered.</summary>
    public Task DeliveredAsync()
    {
        lock (Gate) { return Task.WhenAll(_deliveries.ToList()); }
    }

    /// <summary>Posts a payload signed at <paramref name="signedAt"/> (a test sends an old timestamp this way).</summary>
    public async Task<HttpResponseMessage> PostAsync(string payload, DateTimeOffset signedAt, string? secret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(StripeSignature.Header, StripeSignature.Sign(payload, secret ?? WebhookSecret, signedAt.ToUnixTimeSeconds()));
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        return await _http.SendAsync(request);
    }

    private async Task DeliverAsync(string payload, int times)
    {
        if (WebhookUrl is null)
        {
            return;
        }

        await Task.Yield();
        for (var i = 0; i < times; i++)
        {
            try
            {
                using var _ = await PostAsync(payload, DateTimeOffset.UtcNow);
            }
            catch (HttpRequestException)
            {
                // Stripe retries for days; this server keeps the event in EventsSent for ResendAsync.
            }
        }
    }

    /// <summary>One line of the settlement (balance) report: a charge or a refund as it reached the balance.</summary>
    internal sealed record SettlementLine(string BalanceTransactionId, DateTime CreatedUtc, string Category, long Gross, long Fee, string PaymentIntentId, string ApplicationId);

    /// <summary>A line the provider settled that the platform never saw (a test plants a mismatch this way).</summary>
    public void PlantSettlementLine(string paymentIntentId, long gross, string applicationId)
    {
        lock (Gate) { Settlement.Add(new SettlementLine(NextId("txn"), DateTime.UtcNow, "charge", gross, (long)Math.Round(gross * 0.036m), paymentIntentId, applicationId)); }
    }
}
