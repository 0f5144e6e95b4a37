using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Payments;

/// <summary>The host on Kestrel with the development identity provider, paying through its own local Stripe server.</summary>
public sealed class PaymentsApp : MadoguchiApp
{
    public PaymentsApp()
    {
        Stripe = new LocalStripeHost();
        OnKestrel()
            .With("Identity:DevProvider:Enabled", "true")
            .With("Payments:StripeBaseUrl", Stripe.BaseAddress.ToString())
            .With("Payments:StripeSecretKey", Stripe.State.SecretKey)
            .With("Payments:StripeWebhookSecret", Stripe.State.WebhookSecret)
            .With("Payments:ProviderAttemptTimeoutSeconds", "1");
    }

    public LocalStripeHost Stripe { get; }

    /// <summary>Starts the host and points the provider's webhooks at it.</summary>
    public void Start() => Stripe.State.WebhookUrl = new Uri(BaseAddress, "/payments/webhooks/stripe").ToString();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}
