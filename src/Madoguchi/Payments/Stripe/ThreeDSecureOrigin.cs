namespace Madoguchi.Payments.Stripe;

/// <summary>Where the provider's 3-D Secure redirect (<c>next_action.redirect_to_url.url</c>) takes the resident.</summary>
public static class ThreeDSecureOrigin
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

        // Stripe serves the API on api.stripe.com and its authentication redirects on hooks.stripe.com;
        // a Stripe-compatible server (the local one) serves both itself.
        return string.Equals(api.Host, "api.stripe.com", StringComparison.OrdinalIgnoreCase) ? "https://hooks.stripe.com" : OriginOf(api.ToString());
    }

    private static string? OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
