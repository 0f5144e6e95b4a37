using Madoguchi.Disaster.Notices;

namespace Madoguchi.Disaster.Subscriptions.Channels;

/// <summary>
/// A way notices reach residents. Two implementations: e-mail over SMTP and a signed webhook (the
/// bridge to LINE's Messaging API or another messaging service). A session serves one batch so a
/// channel can keep its connection open across messages.
/// </summary>
public interface INoticeChannel
{
    DeliveryChannel Kind { get; }

    /// <summary>False when this node cannot deliver on the channel (no SMTP server configured): its rows stay queued.</summary>
    bool Available { get; }

    Task<IChannelSession> OpenAsync(CancellationToken ct);
}

public interface IChannelSession : IAsyncDisposable
{
    /// <summary>Null when delivered; else what went wrong, and whether trying again cannot help.</summary>
    Task<ChannelFailure?> SendAsync(ChannelMessage message, CancellationToken ct);
}

public sealed record ChannelFailure(string Error, bool Permanent);
