namespace Madoguchi.Procedures.Webhooks;

/// <summary>
/// Where events may be sent: https only, so that payloads and signatures are not readable on the
/// way. Plain http is allowed to the machine itself (127.0.0.1, localhost) in Development and
/// tests, where a receiver runs beside the host.
/// </summary>
public static class WebhookUrl
{
    public static bool IsAllowed(string? url, IHostEnvironment environment)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo) || uri.Fragment.Length > 0)
        {
            return false;
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }

        return uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            && (uri.Host is "127.0.0.1" or "localhost")
            && (environment.IsDevelopment() || environment.IsEnvironment("Testing"));
    }
}
