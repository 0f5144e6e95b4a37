using Madoguchi.Disaster.Subscriptions;

namespace Madoguchi.Disaster.Subscriptions.Channels;

/// <summary>One notice for one subscriber, already in their language.</summary>
public sealed record ChannelMessage(
    Guid NoticeId,
    Guid SubscriberId,
    string MunicipalityCode,
    string MunicipalityName,
    string Email,
    string? WebhookUrl,
    string? WebhookSecret,
    NoticeLanguage Language,
    bool FellBackToJapanese,
    string Level,
    string LevelLabel,
    string Subject,
    string Text,
    IReadOnlyList<string> Areas,
    DateTime IssuedAt,
    string UnsubscribeUrl);
