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

    /// <summary>Which account (secret key) made each object: another account's key cannot see it, and its events go to that account's endpoint.</summary>
    internal readonly Dictionary<string, string> Owner = new(StringComparer.Ordinal);

    /// <summary>The secret key of the API request being handled (set under <see cref="Gate"/>).</summary>
    internal string Caller { get; set; } = secretKey;

    private readonly Dictionary<string, (string WebhookSecret, string? WebhookUrl)> _accounts = new(StringComparer.Ordinal);
    private readonly List<(string Id, string Payload, string Account)> _events = [];
    private readonly List<Task> _deliveries = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private long _sequence;

    public string SecretKey { get; } = secretKey;
    public string WebhookSecret { get; } = webhookSecret;

    /// <summary>Where events are posted (the platform's /payments/webhooks/stripe); null: none are sent.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Another merchant account on this server (a municipality's own): its key, its signing secret, its endpoint.</summary>
    public void AddAccount(string secretKey, string webhookSecret, string? webhookUrl)
    {
        lock (Gate) { _accounts[secretKey] = (webhookSecret, webhookUrl); }
    }

    internal bool Knows(string key) => key == SecretKey || _accounts.ContainsKey(key);

    /// <summary>The events sent for one account (a municipality's own).</summary>
    public IReadOnlyList<(string Id, string Payload)> EventsOf(string secretKey)
    {
        lock (Gate) { return _events.Where(e => e.Account == secretKey).Select(e => (e.Id, e.Payload)).ToList(); }
    }

    private (string Secret, string? Url) Endpoint(string account) =>
        account == SecretKey || !_accounts.TryGetValue(account, out var a) ? (WebhookSecret, WebhookUrl) : (a.WebhookSecret, a.WebhookUrl);

    /// <summary>The next N API requests answer 500 before doing anything.</summary>
    public int FailNextWith500 { get; set; }

    /// <summary>The next N POSTs are carried out and their result kept, but the answer comes only after <see cref="SlowAnswer"/> (a lost answer).</summary>
    public int AnswerNextSlowly { get; set; }

    public TimeSpan SlowAnswer { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every event is delivered twice (a provider retry after a lost 2xx).</summary>
    public bool DeliverTwice { get; set; }

    /// <summary>Events are kept back until <see cref="ReleaseHeldAsync"/>, which sends them newest first (out of order).</summary>
    public bool HoldEvents { get; set; }

    private readonly List<(string Id, string Payload, string Account)> _held = [];

    public int SessionsCreated { get; internal set; }
    public int IntentsCreated { get; private set; }
    public int RefundsCreated { get; private set; }

    public IReadOnlyList<(string Id, string Payload)> EventsSent
    {
        get { lock (Gate) { return _events.Select(e => (e.Id, e.Payload)).ToList(); } }
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
        var account = Owner.GetValueOrDefault((string?)dataObject["id"] ?? "", SecretKey);
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
            _events.Add((id, payload, account));
            if (HoldEvents)
            {
                _held.Add((id, payload, account));
                return;
            }

            _deliveries.Add(DeliverAsync(payload, account, DeliverTwice ? 2 : 1));
        }
    }

    /// <summary>Sends the held events, newest first.</summary>
    public async Task ReleaseHeldAsync()
    {
        List<(string Id, string Payload, string Account)> held;
        lock (Gate)
        {
            held = [.. _held];
            _held.Clear();
            HoldEvents = false;
        }

        held.Reverse();
        foreach (var e in held)
        {
            await DeliverAsync(e.Payload, e.Account, 1);
        }
    }

    /// <summary>Sends an event again, as the provider's retry or a replay from its dashboard would.</summary>
    public Task<HttpResponseMessage> ResendAsync(string eventId)
    {
        (string Id, string Payload, string Account) e;
        lock (Gate) { e = _events.Single(x => x.Id == eventId); }
        var (secret, url) = Endpoint(e.Account);
        return PostAsync(e.Payload, DateTimeOffset.UtcNow, secret, url);
    }

    /// <summary>Waits until every background delivery so far has been answered.</summary>
    public Task DeliveredAsync()
    {
        lock (Gate) { return Task.WhenAll(_deliveries.ToList()); }
    }

    /// <summary>Posts a payload signed at <paramref name="signedAt"/> (a test sends an old timestamp this way).</summary>
    public async Task<HttpResponseMessage> PostAsync(string payload, DateTimeOffset signedAt, string? secret = null, string? url = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url ?? WebhookUrl) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(StripeSignature.Header, StripeSignature.Sign(payload, secret ?? WebhookSecret, signedAt.ToUnixTimeSeconds()));
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        return await _http.SendAsync(request);
    }

    private async Task DeliverAsync(string payload, string account, int times)
    {
        var (secret, url) = Endpoint(account);
        if (url is null)
        {
            return;
        }

        await Task.Yield();
        for (var i = 0; i < times; i++)
        {
            try
            {
                using var _ = await PostAsync(payload, DateTimeOffset.UtcNow, secret, url);
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
