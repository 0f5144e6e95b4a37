using Madoguchi.Payments.LocalStripe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Madoguchi.Tests.Payments;

/// <summary>
/// The local Stripe-compatible server on Kestrel (127.0.0.1, a free port): the platform reaches it
/// over a real socket with its real client, and it posts signed webhooks back to the platform.
/// </summary>
public sealed class LocalStripeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    public LocalStripeHost()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        _app = builder.Build();
        State = new LocalStripeState("sk_test_" + Guid.NewGuid().ToString("N"), "whsec_" + Guid.NewGuid().ToString("N"));
        _app.MapLocalStripe("", State);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public LocalStripeState State { get; }

    public Uri BaseAddress { get; }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
