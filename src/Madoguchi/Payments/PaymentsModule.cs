using System.Security.Cryptography;
using Madoguchi.Payments.Ledger;
using Madoguchi.Payments.LocalStripe;
using Madoguchi.Payments.Stripe;
using Madoguchi.Platform.Operations;
using Madoguchi.Platform.Payments;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Madoguchi.Payments;

/// <summary>キャッシュレス決済: fees paid online (Stripe API) or at the counter, exactly once; refunds; reconciliation; receipts.</summary>
public static class PaymentsModule
{
    /// <summary>Demo mode: where the local Stripe-compatible server is mounted on this host.</summary>
    public const string DevPrefix = "/dev-stripe";

    public static void AddPayments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PaymentsOptions>().BindConfiguration("Payments").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // The pay form's POST is answered with a redirect to the provider's hosted card page, which
        // the browser follows only if CSP form-action lists the provider's origin.
        services.AddOptions<SecurityHeadersOptions>().Configure<IOptions<PaymentsOptions>>((headers, payments) =>
        {
            if (HostedPageOrigin.Of(payments.Value) is { } origin)
            {
                headers.FormActionOrigins.Add(origin);
            }
        });
        services.AddHttpClient(StripeClient.HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("Madoguchi-Payments/1"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddResilienceHandler("stripe", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<PaymentsOptions>>().Value;
                // Every method is retried, POST included: each carries an Idempotency-Key, so the
                // provider answers a retry with the first result instead of charging again.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, o.ProviderRetries),
                    ShouldHandle = args => ValueTask.FromResult(o.ProviderRetries > 0 && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = TimeSpan.FromMilliseconds(200),
                    UseJitter = true,
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(o.ProviderAttemptTimeoutSeconds));
            });
        services.AddSingleton<StripeClient>();
        services.AddScoped<Accounts.ProviderAccounts>();
        services.AddScoped<PaymentLedger>();
        services.AddScoped<IFeePayments, FeePayments>();
        services.AddScoped<Refunds.RefundDesk>();
        services.AddScoped<CounterTerminal.CounterPayments>();
        services.AddScoped<Reconciliation.SettlementImporter>();
        services.AddScoped<Reconciliation.Reconciler>();
        services.AddSingleton<PaymentExpirySweep>();
        services.AddHostedService(sp => sp.GetRequiredService<PaymentExpirySweep>());

        if (builder.Configuration.GetValue<bool>("Payments:DevProviderEnabled"))
        {
            // Demo only: keys made fresh for each run; the platform and the local server share them.
            var state = new LocalStripeState("sk_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            services.AddSingleton(state);
            services.PostConfigure<PaymentsOptions>(o =>
            {
                o.StripeSecretKey = state.SecretKey;
                o.StripeWebhookSecret = state.WebhookSecret;
                state.WebhookUrl = o.DevProviderWebhookUrl;
            });
        }
    }

    public static void MapPayments(this WebApplication app)
    {
        app.MapStripeWebhook();
        if (app.Configuration.GetValue<bool>("Payments:DevProviderEnabled"))
        {
            var state = app.Services.GetRequiredService<LocalStripeState>();
            state.WebhookUrl = app.Services.GetRequiredService<IOptions<PaymentsOptions>>().Value.DevProviderWebhookUrl;
            app.MapLocalStripe(DevPrefix, state);
        }
    }
}
