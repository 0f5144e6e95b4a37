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

    /// <summary>Creates and confirms an intent in one call (confirm=true); 3-D Secure answers requires_action with a redirect URL.</summary>
    public Task<StripeResult<PaymentIntent>> CreateIntentAsync(long amountYen, string description, IReadOnlyDictionary<string, string> metadata,
        string returnUrl, string idempotencyKey, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("amount", amountYen.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("currency", "jpy"),
            new("description", description),
            new("payment_method_types[]", "card"),
            new("payment_method", options.Value.StripePaymentMethod),
            new("confirm", "true"),
            new("return_url", returnUrl),
        };
        form.AddRange(metadata.Select(m => new KeyValuePair<string, string>($"metadata[{m.Key}]", m.Value)));
        return SendAsync(HttpMethod.Post, "/v1/payment_intents", form, idempotencyKey, PaymentIntent.Parse, ct);
    }

    public Task<StripeResult<PaymentIntent>> RetrieveIntentAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"/v1/payment_intents/{Uri.EscapeDataString(id)}", null, null, PaymentIntent.Parse, ct);

    public Task<StripeResult<RefundObject>> RefundAsync(string paymentIntentId, long amountYen, string reasonMetadata, string idempotencyKey, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/v1/refunds",
        [
            new("payment_intent", paymentIntentId),
            new("amount", amountYen.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("reason", "requested_by_customer"),
            new("metadata[reason]", reasonMetadata),
        ], idempotencyKey, RefundObject.Parse, ct);

    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.StripeBaseUrl) && !string.IsNullOrWhiteSpace(options.Value.StripeSecretKey);

    private async Task<StripeResult<T>> SendAsync<T>(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form, string? idempotencyKey,
        Func<JsonElement, T> parse, CancellationToken ct) where T : class
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(method, o.StripeBaseUrl!.TrimEnd('/') + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.StripeSecretKey);
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
