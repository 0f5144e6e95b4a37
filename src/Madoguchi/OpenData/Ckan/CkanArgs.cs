using System.Text.Json;

namespace Madoguchi.OpenData.Ckan;

/// <summary>
/// An action's parameters as CKAN clients send them: a query string (GET) or a JSON object (POST).
/// Values come back as text; lists and objects (filters, facet.field) as their JSON.
/// </summary>
public sealed class CkanArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static async Task<(CkanArgs? Args, string? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var args = new CkanArgs();
        foreach (var (key, value) in request.Query)
        {
            args._values[key] = value.ToString();
        }

        if (HttpMethods.IsPost(request.Method) && request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Clients send JSON with Content-Length or chunked; an empty body means no parameters.
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            if (string.IsNullOrWhiteSpace(text))
            {
                return (args, null);
            }

            try
            {
                using var body = JsonDocument.Parse(text);
                if (body.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return (null, "The request body must be a JSON object.");
                }

                foreach (var p in body.RootElement.EnumerateObject())
                {
                    args._values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }
            catch (JsonException)
            {
                return (null, "The request body is not valid JSON.");
            }
        }
        else if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            foreach (var (key, value) in form)
            {
                args._values[key] = value.ToString();
            }

            args.Files = form.Files;
        }

        return (args, null);
    }

    public string? this[string key] => _values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>Files of a multipart POST (resource_create's "upload").</summary>
    public IFormFileCollection? Files { get; private set; }

    /// <summary>Whether the client sent the parameter at all (an empty value included).</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>An integer parameter in [min, max]; default when absent; null (with the caller reporting) when malformed.</summary>
    public int? Int(string key, int fallback, int min, int max) =>
        this[key] is not { } text ? fallback
        : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;
}
