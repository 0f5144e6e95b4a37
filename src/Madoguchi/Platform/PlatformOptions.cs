using System.ComponentModel.DataAnnotations;

namespace Madoguchi.Platform;

/// <summary>Settings of the platform module (section "Platform").</summary>
public sealed class PlatformOptions
{
    /// <summary>Seeds the five demo municipalities and first logins on start.</summary>
    public bool Demo { get; set; }

    /// <summary>Where the SQLite database, keys and first-login file live (relative to the content root).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// The file with the master keys that wrap the municipalities' data keys (docs/operations.md);
    /// by default master.key under the data directory, created on first start.
    /// </summary>
    public string? MasterKeyFile { get; set; }

    /// <summary>Public base URL used in mails (invitation links); defaults to the request's.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    [Range(1, 1000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For/-Proto are believed (loopback always is), so
    /// per-address limits see the resident's address and links use the public scheme.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}

internal static class DataDirectory
{
    public static string Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var dir = Path.Combine(environment.ContentRootPath, configuration["Platform:DataDirectory"] ?? "data");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
