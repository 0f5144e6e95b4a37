namespace Madoguchi.Disaster.Subscriptions.Channels;

/// <summary>
/// Where notices may be posted: https only (the payload names the subscriber's areas); plain http
/// only to the machine itself in Development and tests, where a receiver runs beside the host.
/// </summary>
public static class WebhookAddress
{
    public static bool IsAllowed(string? url, IHostEnvironment environment)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo) || uri.Fragment.Length > 0)
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && (environment.IsDevelopment() || environment.IsEnvironment("Testing")));
    }
}
