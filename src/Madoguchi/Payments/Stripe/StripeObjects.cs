using System.Text.Json;

namespace Madoguchi.Payments.Stripe;

/// <summary>
/// The fields of a Stripe PaymentIntent the platform reads. JPY is a zero-decimal currency: amount
/// is whole yen. <see cref="RedirectUrl"/> is next_action.redirect_to_url.url (3-D Secure).
/// </summary>
public sealed record PaymentIntent(string Id, long Amount, string Currency, string Status, IReadOnlyDictionary<string, string> Metadata, string? RedirectUrl, string? LastError)
{
    public static PaymentIntent Parse(JsonElement o)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (o.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in m.EnumerateObject())
            {
                metadata[p.Name] = p.Value.GetString() ?? "";
            }
        }

        string? redirect = null;
        if (o.TryGetProperty("next_action", out var next) && next.ValueKind == JsonValueKind.Object
            && next.TryGetProperty("redirect_to_url", out var r) && r.TryGetProperty("url", out var url))
        {
            redirect = url.GetString();
        }

        string? lastError = null;
        if (o.TryGetProperty("last_payment_error", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var msg))
        {
            lastError = msg.GetString();
        }

        return new PaymentIntent(o.GetProperty("id").GetString()!, o.GetProperty("amount").GetInt64(), o.GetProperty("currency").GetString()!,
            o.GetProperty("status").GetString()!, metadata, redirect, lastError);
    }
}

/// <summary>A Stripe Refund: id, amount (yen), status (pending, succeeded, failed, canceled).</summary>
public sealed record RefundObject(string Id, long Amount, string Status, string PaymentIntent)
{
    public static RefundObject Parse(JsonElement o) =>
        new(o.GetProperty("id").GetString()!, o.GetProperty("amount").GetInt64(), o.GetProperty("status").GetString()!,
            o.TryGetProperty("payment_intent", out var pi) ? pi.GetString() ?? "" : "");
}

/// <summary>Stripe's error JSON (<c>{"error": {"type", "code", "message", "param"}}</c>) with the HTTP status.</summary>
public sealed record StripeError(int HttpStatus, string Type, string? Code, string Message)
{
    public static StripeError Parse(int status, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var e = json.RootElement.GetProperty("error");
            return new StripeError(status, e.TryGetProperty("type", out var t) ? t.GetString() ?? "api_error" : "api_error",
                e.TryGetProperty("code", out var c) ? c.GetString() : null,
                e.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new StripeError(status, "api_error", null, "The provider's answer could not be read.");
        }
    }

    /// <summary>No answer at all (every retry timed out or the network failed).</summary>
    public static StripeError Unreachable(string message) => new(0, "api_connection_error", null, message);
}

/// <summary>Either the object or the error; an expected outcome, never an exception.</summary>
public sealed record StripeResult<T>(T? Value, StripeError? Error) where T : class
{
    public bool Ok => Value is not null;
}

/// <summary>
/// The fields of a Stripe Checkout Session the platform reads. <see cref="Status"/>: open, complete,
/// expired; <see cref="PaymentStatus"/>: paid, unpaid, no_payment_required. <see cref="PaymentIntent"/>
/// is the intent's id once the resident confirmed a card (null before).
/// </summary>
public sealed record CheckoutSession(string Id, string? Url, string Status, string PaymentStatus, string? PaymentIntent, long AmountTotal, string Currency,
    IReadOnlyDictionary<string, string> Metadata)
{
    public bool Paid => Status == "complete" && PaymentStatus == "paid";

    public static CheckoutSession Parse(JsonElement o)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (o.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in m.EnumerateObject())
            {
                metadata[p.Name] = p.Value.GetString() ?? "";
            }
        }

        // payment_intent is an id, or the whole object when expanded.
        string? intent = null;
        if (o.TryGetProperty("payment_intent", out var pi))
        {
            intent = pi.ValueKind switch
            {
                JsonValueKind.String => pi.GetString(),
                JsonValueKind.Object => pi.GetProperty("id").GetString(),
                _ => null,
            };
        }

        return new CheckoutSession(o.GetProperty("id").GetString()!,
            o.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null,
            o.GetProperty("status").GetString()!, o.GetProperty("payment_status").GetString()!, intent,
            o.TryGetProperty("amount_total", out var total) && total.ValueKind == JsonValueKind.Number ? total.GetInt64() : 0,
            o.TryGetProperty("currency", out var c) ? c.GetString() ?? "" : "", metadata);
    }
}

/// <summary>What a Checkout Session for one fee is made of.</summary>
/// <param name="SuccessUrl">Ours; may contain {CHECKOUT_SESSION_ID}, which the provider replaces with the session's id.</param>
public sealed record CheckoutRequest(long AmountYen, string ItemName, string Description, string SuccessUrl, string CancelUrl, string ClientReferenceId,
    DateTimeOffset ExpiresAt, IReadOnlyDictionary<string, string> Metadata);
