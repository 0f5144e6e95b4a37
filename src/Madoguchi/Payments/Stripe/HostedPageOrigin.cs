namespace Madoguchi.Payments.Stripe;

/// <summary>Where the pay form's answer sends the resident: the provider's hosted card page (Checkout Session <c>url</c>).</summary>
public static class HostedPageOrigin
{
    /// <summary>The origin to allow as a form's destination, or null when online payment is not configured.</summary>
    public static string? Of(PaymentsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.StripeRedirectOrigin))
        {
            return OriginOf(options.StripeRedirectOrigin);
        }

        if (string.IsNullOrWhiteSpace(options.StripeBaseUrl) || !Uri.TryCreate(options.StripeBaseUrl, UriKind.Absolute, out var api))
        {
            return null;
        }

        // Stripe serves the API on api.stripe.com and Checkout's hosted pages on checkout.stripe.com
        // (3-D Secure is reached from there, not from our form); a Stripe-compatible server (the local
        // one) serves its hosted page itself.
        return string.Equals(api.Host, "api.stripe.com", StringComparison.OrdinalIgnoreCase) ? "https://checkout.stripe.com" : OriginOf(api.ToString());
    }

    private static string? OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
