using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Madoguchi.Identity.Signatures.Verification;

/// <summary>
/// CRLs by source (file or URL), fetched once and kept until the refresh interval or the CRL's own
/// nextUpdate passes. A source that cannot be read leaves the CRL it had while that one is still
/// current; a stale or missing one makes the check fail closed (the caller says so).
/// </summary>
internal sealed class CrlCache(IHttpClientFactory http, IOptions<SignatureOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<CrlCache> log)
{
    public const string HttpClientName = "signatures-revocation";

    private sealed record Entry(RevocationList List, DateTime FetchedAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fetching = new(StringComparer.Ordinal);

    /// <summary>How many times a source was actually read (tests and the benchmark check the cache with it).</summary>
    public int Fetches;

    /// <summary>A current CRL from the source, or null when none can be had.</summary>
    public async Task<RevocationList?> GetAsync(string source, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_entries.TryGetValue(source, out var entry) && IsFresh(entry, now))
        {
            return entry.List;
        }

        var gate = _fetching.GetOrAdd(source, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (_entries.TryGetValue(source, out entry) && IsFresh(entry, now))
            {
                return entry.List;
            }

            var fetched = await FetchAsync(source, ct);
            if (fetched is not null)
            {
                _entries[source] = new Entry(fetched, now);
                return IsCurrent(fetched, now) ? fetched : null;
            }

            // Unreachable now: the CRL already held still answers while it is current.
            return entry is not null && IsCurrent(entry.List, now) ? entry.List : null;
        }
        finally
        {
            gate.Release();
        }
    }

    private bool IsFresh(Entry entry, DateTime now) =>
        IsCurrent(entry.List, now) && now - entry.FetchedAt < TimeSpan.FromMinutes(options.Value.CrlRefreshMinutes);

    private static bool IsCurrent(RevocationList list, DateTime now) =>
        list.ThisUpdate <= now.AddMinutes(5) && (list.NextUpdate is null || list.NextUpdate >= now);

    private async Task<RevocationList?> FetchAsync(string source, CancellationToken ct)
    {
        Interlocked.Increment(ref Fetches);
        try
        {
            byte[] bytes;
            if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                using var client = http.CreateClient(HttpClientName);
                client.Timeout = TimeSpan.FromSeconds(options.Value.FetchTimeoutSeconds);
                bytes = await client.GetByteArrayAsync(uri, ct);
            }
            else
            {
                var path = uri is { IsFile: true } ? uri.LocalPath : Path.Combine(environment.ContentRootPath, source);
                bytes = await File.ReadAllBytesAsync(path, ct);
            }

            var list = RevocationList.Parse(bytes);
            if (list is null)
            {
                log.LogWarning("CRL source {Source} does not hold a CRL", source);
            }

            return list;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or UnauthorizedAccessException)
        {
            log.LogWarning("CRL source {Source} cannot be read: {Reason}", source, e.Message);
            return null;
        }
    }
}
