using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Madoguchi.Identity.Signatures;
using Madoguchi.Identity.Signatures.DevSignService;
using Madoguchi.Identity.Signatures.SignApp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>
/// The result key as an operator installs it (docs/operations.md): a PFX with its password, an
/// encrypted PEM, a plain PEM; the published JWK is that key's public half with its RFC 7638
/// thumbprint as kid, and what is encrypted to that JWK opens. A wrong password or a short key stops. No database.
/// </summary>
public sealed class SignResultKeyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("madoguchi-result-key-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SignResultKey Load(string fileName, string? password = null) => new(
        Options.Create(new SignatureOptions { ResultKeyPath = fileName, ResultKeyPassword = password }),
        new ConfigurationBuilder().Build(),
        new HostingEnvironment { ContentRootPath = _directory });

    public enum Form
    {
        Pfx,
        EncryptedPem,
        Pem,
    }

    [Theory]
    [InlineData(Form.Pfx)]
    [InlineData(Form.EncryptedPem)]
    [InlineData(Form.Pem)]
    public void An_installed_key_is_published_as_its_JWK_and_opens_what_is_encrypted_to_that_JWK(Form form)
    {
        using var rsa = RSA.Create(3072);
        const string password = "operator-secret";
        var fileName = form switch
        {
            Form.Pfx => "result.pfx",
            _ => "result.pem",
        };
        var path = Path.Combine(_directory, fileName);
        switch (form)
        {
            case Form.Pfx:
                var request = new CertificateRequest("CN=Madoguchi sign result key", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using (var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2)))
                {
                    File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
                }

                break;
            case Form.EncryptedPem:
                File.WriteAllText(path, rsa.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
                break;
            default:
                File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
                break;
        }

        var key = Load(fileName, form == Form.Pem ? null : password);
        var jwk = key.PublicJwk();
        var expected = rsa.ExportParameters(false);
        Assert.Equal(Base64UrlEncoder.Encode(expected.Modulus), jwk["n"]);
        Assert.Equal(Base64UrlEncoder.Encode(new RsaSecurityKey(expected).ComputeJwkThumbprint()), jwk["kid"]);
        Assert.Equal(("enc", "RSA-OAEP-256"), (jwk["use"], jwk["alg"]));

        // What the service would do with the registered JWK, and our side opening it.
        using var published = RSA.Create(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(jwk["n"]), Exponent = Base64UrlEncoder.DecodeBytes(jwk["e"]) });
        var jwe = JweEncryptor.Encrypt("{\"signature\":\"AA==\"}"u8.ToArray(), published, jwk["kid"]);
        Assert.Equal(JweDecryptor.Problem.None, JweDecryptor.Decrypt(jwe, key.Rsa, key.KeyId).Problem);
    }

    [Fact]
    public void A_missing_PEM_is_generated_once_and_the_same_key_is_read_again()
    {
        var first = Load("generated/result.pem");
        Assert.True(File.Exists(Path.Combine(_directory, "generated", "result.pem")));
        Assert.Equal(first.KeyId, Load("generated/result.pem").KeyId);
    }

    [Fact]
    public void A_wrong_password_or_a_short_key_stops_instead_of_running_with_no_key()
    {
        using var rsa = RSA.Create(2048);
        File.WriteAllText(Path.Combine(_directory, "locked.pem"), rsa.ExportEncryptedPkcs8PrivateKeyPem("right", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)));
        Assert.ThrowsAny<CryptographicException>(() => Load("locked.pem", "wrong"));

        using var small = RSA.Create(1024);
        File.WriteAllText(Path.Combine(_directory, "small.pem"), small.ExportPkcs8PrivateKeyPem());
        Assert.Throws<InvalidOperationException>(() => Load("small.pem"));
    }
}
