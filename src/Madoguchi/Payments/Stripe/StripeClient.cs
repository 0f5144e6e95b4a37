using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Madoguchi.Payments.Stripe;

/// <summary>
/// The Stripe API as published: form-encoded POSTs with a Bearer secret key, an Idempotency-Key on
/// every POST, JSON answers and Stripe's error shape. The named HttpClient retries a timeout, a 5xx
/// or a 429 (PaymentsModule); a retry resends the same request with the same key, which Stripe
/// answers with the first result, so a lost answer never becomes a second charge.
/// </summary>
public sealed class StripeClient(IHttpClientFactory clients, IOptions<PaymentsOptions> options)
{
    public const string HttpClientName = "stripe";

    /// <summary>
    /// A Checkout Session: the provider's hosted page where the resident types the card (and passes
    /// 3-D Secure), so no card number ever reaches this platform. One line item at the quoted total,
    /// so the charge is exactly what FeeCalculator said. The same key on every call about one payment:
    /// a retry or a second click gets the session already made.
    /// </summary>
    public Task<StripeResult<CheckoutSession>> CreateCheckoutSessionAsync(string secretKey, CheckoutRequest checkout, string idempotencyKey, CancellationToken ct)
    {
        var yen = checkout.AmountYen.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var form = new List<KeyValuePair<string, string>>
        {
            new("mode", "payment"),
            new("line_items[0][price_data][currency]", "jpy"),
            new("line_items[0][price_data][unit_amount]", yen),
            new("line_items[0][price_data][product_data][name]", checkout.ItemName),
            new("line_items[0][quantity]", "1"),
            new("payment_method_types[0]", "card"),
            new("success_url", checkout.SuccessUrl),
            new("cancel_url", checkout.CancelUrl),
            new("client_reference_id", checkout.ClientReferenceId),
            new("locale", "ja"),
            new("expires_at", checkout.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("payment_intent_data[description]", checkout.Description),
        };
        // The session's metadata for checkout.session.* events, the intent's for payment_intent.* events
        // (and for the settlement report, which carries the intent's metadata).
        form.AddRange(checkout.Metadata.Select(m => new KeyValuePair<string, string>($"metadata[{m.Key}]", m.Value)));
        form.AddRange(checkout.Metadata.Select(m => new KeyValuePair<string, string>($"payment_intent_data[metadata][{m.Key}]", m.Value)));
        return SendAsync(secretKey, HttpMethod.Post, "/v1/checkout/sessions", form, idempotencyKey, CheckoutSession.Parse, ct);
    }

    /// <summary>What the provider says about a session now (on the resident's return, never trusting the query string).</summary>
    public Task<StripeResult<CheckoutSession>> RetrieveCheckoutSessionAsync(string secretKey, string id, CancellationToken ct) =>
        SendAsync(secretKey, HttpMethod.Get, $"/v1/checkout/sessions/{Uri.EscapeDataString(id)}", null, null, CheckoutSession.Parse, ct);

    /// <summary>Closes an open session so that it can no longer be paid (a newer attempt replaces it).</summary>
    public Task<StripeResult<CheckoutSession>> ExpireCheckoutSessionAsync(string secretKey, string id, string idempotencyKey, CancellationToken ct) =>
        SendAsync(secretKey, HttpMethod.Post, $"/v1/checkout/sessions/{Uri.EscapeDataString(id)}/expire", [], idempotencyKey, CheckoutSession.Parse, ct);

    public Task<StripeResult<PaymentIntent>> RetrieveIntentAsync(string secretKey, string id, CancellationToken ct) =>
        SendAsync(secretKey, HttpMethod.Get, $"/v1/payment_intents/{Uri.EscapeDataString(id)}", null, null, PaymentIntent.Parse, ct);

    public Task<StripeResult<RefundObject>> RefundAsync(string secretKey, string paymentIntentId, long amountYen, string reasonMetadata, string idempotencyKey, CancellationToken ct) =>
        SendAsync(secretKey, HttpMethod.Post, "/v1/refunds",
        [
            new("payment_intent", paymentIntentId),
            new("amount", amountYen.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("reason", "requested_by_customer"),
            new("metadata[reason]", reasonMetadata),
        ], idempotencyKey, RefundObject.Parse, ct);

    /// <param name="secretKey">The account's key (ProviderAccounts): the municipality's own or the installation's.</param>
    private async Task<StripeResult<T>> SendAsync<T>(string secretKey, HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form, string? idempotencyKey,
        Func<JsonElement, T> parse, CancellationToken ct) where T : class
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(method, o.StripeBaseUrl!.TrimEnd('/') + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secretKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                return new StripeResult<T>(null, StripeError.Parse((int)response.StatusCode, body));
            }

            using var json = JsonDocument.Parse(body);
            return new StripeResult<T>(parse(json.RootElement), null);
        }
        // Polly's TimeoutRejectedException is named, not typed: two Polly assemblies (7 via OpenIddict, 8)
        // both define it, and the resilience handler throws the one of Polly.Core after the last try.
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException
            || ex.GetType().FullName == "Polly.Timeout.TimeoutRejectedException"
            || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new StripeResult<T>(null, StripeError.Unreachable(ex.GetType().Name));
        }
    }
}
