using System.ComponentModel.DataAnnotations;

namespace Madoguchi.Procedures;

/// <summary>Settings of the connections to core systems: webhooks and the API (section "Integration").</summary>
public sealed class IntegrationOptions
{
    /// <summary>Whether this node runs the webhook delivery loop (any number of nodes may).</summary>
    public bool WebhooksEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan WebhookPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 1000)]
    public int WebhookBatchSize { get; set; } = 20;

    [Range(1, 100)]
    public int WebhookMaxAttempts { get; set; } = 12;

    /// <summary>How long one node owns a claimed delivery; at least twice <see cref="WebhookTimeout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan WebhookLease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Requests per minute one API client may make.</summary>
    [Range(1, 100000)]
    public int ApiRequestsPerMinute { get; set; } = 600;
}
