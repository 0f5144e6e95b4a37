using System.Text.Json;

namespace Madoguchi.Procedures.Webhooks;

internal static class WebhookJson
{
    /// <summary>camelCase, snake_case event names as Standard Webhooks examples use, UTC instants.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
