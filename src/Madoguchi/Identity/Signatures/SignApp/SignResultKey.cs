using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Madoguchi.Platform;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Identity.Signatures.SignApp;

/// <summary>
/// The RSA key the signing result (a JWE) is encrypted to. Its own key, not the private_key_jwt
/// signing key: one key, one use (RFC 7517 §4.2), and each can be replaced without the other.
/// Its public half is published with "use":"enc" in the relying party's JWKS, which the
/// municipality registers with the service. Configured as <c>Signatures:ResultKeyPath</c> (a PEM
/// private key, or a PFX with <c>Signatures:ResultKeyPassword</c>); by default a key generated
/// into the data directory, as the signing key is.
/// </summary>
internal sealed class SignResultKey
{
    private readonly RSA _rsa;

    public SignResultKey(IOptions<SignatureOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = options.Value.ResultKeyPath;
        var path = configured is { Length: > 0 }
            ? Path.Combine(environment.ContentRootPath, configured)
            : Path.Combine(DataDirectory.Resolve(configuration, environment), "identity", "sign-result-key.pem");
        _rsa = Load(path, options.Value.ResultKeyPassword);
        if (_rsa.KeySize < 2048)
        {
            throw new InvalidOperationException($"The signing result key {path} has {_rsa.KeySize} bits; RSA-OAEP needs at least 2048.");
        }

        KeyId = Base64UrlEncoder.Encode(new RsaSecurityKey(_rsa.ExportParameters(false)).ComputeJwkThumbprint());
    }

    /// <summary>RFC 7638 thumbprint of the public key: the "kid" of the JWK and of the JWE header.</summary>
    public string KeyId { get; }

    public RSA Rsa => _rsa;

    public IReadOnlyDictionary<string, string> PublicJwk()
    {
        var p = _rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "enc",
            ["alg"] = JweAlgorithms.RsaOaep256,
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
    }

    private static RSA Load(string path, string? password)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".pfx" or ".p12")
        {
            // A PFX cannot be generated here: the operator brings it (docs/operations.md).
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException($"{path} holds no RSA private key");
        }

        var rsa = RSA.Create();
        var pem = RelyingPartyKey.LoadOrCreate(path);
        if (password is { Length: > 0 })
        {
            rsa.ImportFromEncryptedPem(pem, password);
        }
        else
        {
            rsa.ImportFromPem(pem);
        }

        return rsa;
    }
}
