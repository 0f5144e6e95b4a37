using System.Net;
using System.Net.Sockets;
using Madoguchi.Payments.Ledger;
using Madoguchi.Payments.LocalStripe;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Payments;

/// <summary>
/// The host configured as <c>./run</c> configures it: the local Stripe-compatible server mounted under
/// /dev-stripe of the same host (fresh keys per run), webhooks posted back to the host itself. The
/// port is fixed before the host starts because the configuration names it, as ./run's does.
/// </summary>
public sealed class DemoPaymentsApp : MadoguchiApp
{
    public DemoPaymentsApp()
    {
        var port = FreePort();
        UseKestrel(port);
        var site = $"http://127.0.0.1:{port}";
        With("Identity:DevProvider:Enabled", "true")
            .With("Payments:DevProviderEnabled", "true")
            .With("Payments:StripeBaseUrl", site + "/dev-stripe")
            .With("Payments:DevProviderWebhookUrl", site + "/payments/webhooks/stripe");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Demo mode: the hosted card page and the 3-D Secure page are reachable under the host's own CSP, and a fee is paid end to end.</summary>
public sealed class DemoProviderTests(DemoPaymentsApp app) : IClassFixture<DemoPaymentsApp>
{
    [Fact]
    public async Task In_demo_mode_the_resident_types_a_card_on_the_dev_stripe_page_and_the_fee_is_paid()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, PaymentFlow.Key);
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 2);

        var checkout = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        Assert.Equal("/dev-stripe/checkout/", checkout.AbsolutePath[..^checkout.Segments[^1].Length]);
        using (var page = await resident.GetAsync(checkout))
        {
            // The page is served under the host's own CSP: its style sheet is a file, never inline.
            var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("style-src 'self'", csp);
            var html = await page.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
            Assert.Contains("/dev-stripe/assets/provider.css", html);
        }

        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync(new Uri(checkout, "/dev-stripe/assets/provider.css"))).StatusCode);
        var back = await PaymentFlow.AuthenticateAsync(resident, checkout);
        var done = (await resident.FollowAsync(await resident.GetAsync(back))).AsPage();
        Assert.Contains("お支払いが完了しました", done.Text);

        await app.Services.GetRequiredService<LocalStripeState>().DeliveredAsync();
        Assert.Equal(1, await app.DbAsync(db => db.Set<ProviderEvent>().IgnoreQueryFilters().CountAsync(e => e.TenantId == tenant.Id && e.Type == "checkout.session.completed")));
        var payment = await app.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.ApplicationId == id));
        Assert.Equal((PaymentStatus.Succeeded, 600L), (payment.Status, payment.AmountYen));
        Assert.Equal(ApplicationStatus.Submitted, await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }
}
