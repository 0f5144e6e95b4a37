using System.ComponentModel.DataAnnotations;

namespace Madoguchi.Payments;

/// <summary>Configuration section <c>Payments</c>: the card payment provider (Stripe API) and the local provider for demo mode.</summary>
public sealed class PaymentsOptions
{
    /// <summary>Base URL of the Stripe API (https://api.stripe.com); empty: online card payment is not offered.</summary>
    public string? StripeBaseUrl { get; set; }

    /// <summary>The secret key (sk_live_… / sk_test_…), sent as a Bearer token. Never shown or logged.</summary>
    public string? StripeSecretKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (whsec_…).</summary>
    public string? StripeWebhookSecret { get; set; }

    /// <summary>
    /// Origin of the provider's hosted card page (Checkout) that the pay form's answer redirects to
    /// (allowed in CSP form-action). Empty: https://checkout.stripe.com for api.stripe.com, otherwise
    /// the origin of <see cref="StripeBaseUrl"/> (a Stripe-compatible server serving its own page).
    /// </summary>
    public string? StripeRedirectOrigin { get; set; }

    /// <summary>Seconds a webhook's signed timestamp may differ from now (Stripe's libraries use 300).</summary>
    [Range(1, 3600)]
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>Seconds one call to the provider may take before it is retried with the same idempotency key.</summary>
    [Range(1, 120)]
    public int ProviderAttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>Retries after a timeout, a 5xx or a 429, each with the same idempotency key.</summary>
    [Range(0, 10)]
    public int ProviderRetries { get; set; } = 3;

    /// <summary>Whether this node runs the 事後決済 expiry sweep (any number of nodes may).</summary>
    public bool ExpirySweep { get; set; } = true;

    /// <summary>How often the expiry sweep looks for approved applications unpaid past their deadline.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Demo mode: the local Stripe-compatible server mounted under /dev-stripe of this host. Never in production.</summary>
    public bool DevProviderEnabled { get; set; }

    /// <summary>Demo mode: where the local server sends its webhooks (this host's /payments/webhooks/stripe).</summary>
    public string? DevProviderWebhookUrl { get; set; }
}
