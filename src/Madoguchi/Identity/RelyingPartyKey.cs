using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Madoguchi.Platform;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Identity;

/// <summary>
/// The RSA key this installation authenticates with at the provider's token endpoint
/// (private_key_jwt, RFC 7523). Its public half is what a municipality registers with the national
/// app (テスト環境・本番環境設定書), published as a JWKS.
/// </summary>
public sealed class RelyingPartyKey
{
    public const string ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly RsaSecurityKey _key;

    public RelyingPartyKey(IOptions<ResidentIdentityOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        var path = options.Value.ClientKeyPath is { Length: > 0 } configured
            ? Path.Combine(environment.ContentRootPath, configured)
            : Path.Combine(DataDirectory.Resolve(configuration, environment), "identity", "rp-signing-key.pem");
        var rsa = RSA.Create();
        rsa.ImportFromPem(LoadOrCreate(path));
        _key = new RsaSecurityKey(rsa);
        _key.KeyId = Base64UrlEncoder.Encode(_key.ComputeJwkThumbprint());
    }

    public string KeyId => _key.KeyId;

    /// <summary>The PEM at <paramref name="path"/>, or a new RSA-2048 key written there (owner-only) when there is none.</summary>
    internal static string LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        try
        {
            // CreateNew: if another node sharing the data directory wrote the key first, use theirs.
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var writer = new StreamWriter(stream);
            writer.Write(pem);
        }
        catch (IOException) when (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return pem;
    }

    /// <summary>
    /// The public key as a JSON Web Key Set (RFC 7517), with the installation's other public keys
    /// (the signing result's encryption key) when given.
    /// </summary>
    public string PublicJwks(params IReadOnlyDictionary<string, string>[] otherKeys)
    {
        var p = _key.Rsa.ExportParameters(includePrivateParameters: false);
        IReadOnlyDictionary<string, string> jwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = SecurityAlgorithms.RsaSha256,
            ["kid"] = _key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        return JsonSerializer.Serialize(new { keys = new[] { jwk }.Concat(otherKeys) });
    }

    /// <summary>
    /// A signed client_assertion: iss = sub = client_id, aud = the token endpoint URL, a unique jti,
    /// valid five minutes. No kid header: implementers of the national app send none, and its
    /// settings sheet registers one key per client.
    /// </summary>
    public string CreateClientAssertion(string clientId, string tokenEndpoint, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var signingKey = new RsaSecurityKey(_key.Rsa);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, clientId),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
            ]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }
}
