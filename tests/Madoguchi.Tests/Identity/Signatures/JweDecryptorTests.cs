using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Madoguchi.Identity.Signatures.DevSignService;
using Madoguchi.Identity.Signatures.SignApp;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>
/// The compact JWE decryptor (RFC 7516/7518) on its own: the RFC's own RSA-OAEP + A256GCM example,
/// interoperating both ways with an independent implementation (Microsoft.IdentityModel, RSA-OAEP
/// with AES-CBC-HMAC), and each kind of bad envelope told apart. No database.
/// </summary>
public sealed class JweDecryptorTests : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private const string Kid = "result-key-1";
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"signature\":\"c2ln\",\"certificate\":\"Y2VydA==\"}");

    public void Dispose() => _key.Dispose();

    [Theory]
    [InlineData(SecurityAlgorithms.Aes128CbcHmacSha256)]
    [InlineData(SecurityAlgorithms.Aes256CbcHmacSha512)]
    public void A_JWE_written_by_another_implementation_opens(string enc)
    {
        var credentials = new EncryptingCredentials(new RsaSecurityKey(_key.ExportParameters(false)) { KeyId = Kid }, SecurityAlgorithms.RsaOAEP, enc);
        var jwe = new JsonWebTokenHandler().EncryptToken(Encoding.UTF8.GetString(Payload), credentials);

        var opened = JweDecryptor.Decrypt(jwe, _key, Kid);

        Assert.Equal(JweDecryptor.Problem.None, opened.Problem);
        Assert.Equal(Payload, opened.Plaintext);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.Aes128CbcHmacSha256)]
    [InlineData(SecurityAlgorithms.Aes256CbcHmacSha512)]
    public void A_CBC_HMAC_JWE_we_write_is_read_by_another_implementation(string enc)
    {
        var jwe = JweEncryptor.Encrypt(Payload, _key, Kid, JweAlgorithms.RsaOaep, enc);
        var handler = new JsonWebTokenHandler();
        var plaintext = handler.DecryptToken(handler.ReadJsonWebToken(jwe), new TokenValidationParameters
        {
            TokenDecryptionKeys = [new RsaSecurityKey(_key) { KeyId = Kid }],
        });

        Assert.Equal(Encoding.UTF8.GetString(Payload), plaintext);
    }

    /// <summary>
    /// RFC 7516 appendix A.1, "Example JWE using RSAES-OAEP and AES GCM": the RFC's RSA key (A.1.3)
    /// and its complete compact serialization (A.1.7) decrypt to the RFC's plaintext. (Microsoft.IdentityModel
    /// reads AES-GCM only on Windows, so the GCM path is checked against the specification's own example.)
    /// </summary>
    [Fact]
    public void The_RFC_7516_A1_example_RSA_OAEP_with_A256GCM_decrypts_to_its_plaintext()
    {
        static byte[] B(string s) => Base64Url.DecodeFromChars(s);
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = B("oahUIoWw0K0usKNuOR6H4wkf4oBUXHTxRvgb48E-BVvxkeDNjbC4he8rUWcJoZmds2h7M70imEVhRU5djINXtqllXI4DFqcI1DgjT9LewND8MW2Krf3S" +
                "psk_ZkoFnilakGygTwpZ3uesH-PFABNIUYpOiN15dsQRkgr0vEhxN92i2asbOenSZeyaxziK72UwxrrKoExv6kc5twXTq4h-QChLOln0_mtUZwfsRaMS" +
                "tPs6mS6XrgxnxbWhojf663tuEQueGC-FCMfra36C9knDFGzKsNa7LZK2djYgyD3JR_MB_4NUJW_TqOQtwHYbxevoJArm-L5StowjzGy-_bq6Gw"),
            Exponent = B("AQAB"),
            D = B("kLdtIj6GbDks_ApCSTYQtelcNttlKiOyPzMrXHeI-yk1F7-kpDxY4-WY5NWV5KntaEeXS1j82E375xxhWMHXyvjYecPT9fpwR_M9gV8n9Hrh2anTpTD9" +
                "3Dt62ypW3yDsJzBnTnrYu1iwWRgBKrEYY46qAZIrA2xAwnm2X7uGR1hghkqDp0Vqj3kbSCz1XyfCs6_LehBwtxHIyh8Ripy40p24moOAbgxVw3rxT_vl" +
                "t3UVe4WO3JkJOzlpUf-KTVI2Ptgm-dARxTEtE-id-4OJr0h-K-VFs3VSndVTIznSxfyrj8ILL6MG_Uv8YAu7VILSB3lOW085-4qE3DzgrTjgyQ"),
            P = B("1r52Xk46c-LsfB5P442p7atdPUrxQSy4mti_tZI3Mgf2EuFVbUoDBvaRQ-SWxkbkmoEzL7JXroSBjSrK3YIQgYdMgyAEPTPjXv_hI2_1eTSPVZfzL0lf" +
                "fNn03IXqWF5MDFuoUYE0hzb2vhrlN_rKrbfDIwUbTrjjgieRbwC6Cl0"),
            Q = B("wLb35x7hmQWZsWJmB_vle87ihgZ19S8lBEROLIsZG4ayZVe9Hi9gDVCOBmUDdaDYVTSNx_8Fyw1YYa9XGrGnDew00J28cRUoeBB_jKI1oma0Orv1T9aX" +
                "IWxKwd4gvxFImOWr3QRL9KEBRzk2RatUBnmDZJTIAfwTs0g68UZHvtc"),
            DP = B("ZK-YwE7diUh0qR1tR7w8WHtolDx3MZ_OTowiFvgfeQ3SiresXjm9gZ5KLhMXvo-uz-KUJWDxS5pFQ_M0evdo1dKiRTjVw_x4NyqyXPM5nULPkcpU827" +
                "rnpZzAJKpdhWAgqrXGKAECQH0Xt4taznjnd_zVpAmZZq60WPMBMfKcuE"),
            DQ = B("Dq0gfgJ1DdFGXiLvQEZnuKEN0UUmsJBxkjydc3j4ZYdBiMRAy86x0vHCjywcMlYYg4yoC4YZa9hNVcsjqA3FeiL19rk8g6Qn29Tt0cj8qqyFpz9vNDB" +
                "UfCAiJVeESOjJDZPYHdHY8v1b-o-Z2X5tvLx-TCekf7oxyeKDUqKWjis"),
            InverseQ = B("VIMpMYbPf47dT1w_zDUXfPimsSegnMOA1zTaX7aGk_8urY6R8-ZW1FxU7AlWAyLWybqq6t16VFd7hQd0y6flUK4SlOydB61gwanOsXGOAOv82cHq0E3" +
                "eL4HrtZkUuKvnPrMnsUUFlfUdybVzxyjz9JF_XyaY14ardLSjf4L_FNY"),
        });
        const string example = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ." +
            "OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDb" +
            "Sv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je8" +
            "1860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg." +
            "48V1_ALb6US04U3b." +
            "5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A." +
            "XFBoMYUZodetZdvTiFvSkQ";

        var opened = JweDecryptor.Decrypt(example, rsa, "unused: the example names no kid");

        Assert.Equal(JweDecryptor.Problem.None, opened.Problem);
        Assert.Equal("The true sign of intelligence is not knowledge but imagination.", Encoding.UTF8.GetString(opened.Plaintext!));
    }

    [Fact]
    public void Our_default_RSA_OAEP_256_with_A256GCM_round_trips_and_a_header_without_kid_is_accepted()
    {
        Assert.Equal(Payload, JweDecryptor.Decrypt(JweEncryptor.Encrypt(Payload, _key, Kid), _key, Kid).Plaintext);
        Assert.Equal(Payload, JweDecryptor.Decrypt(JweEncryptor.Encrypt(Payload, _key, keyId: null), _key, Kid).Plaintext);
    }

    [Fact]
    public void Each_kind_of_bad_envelope_is_told_apart()
    {
        var good = JweEncryptor.Encrypt(Payload, _key, Kid).Split('.');
        string With(int index, string part) => string.Join('.', good.Select((p, i) => i == index ? part : p));
        string Header(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        JweDecryptor.Problem Open(string jwe) => JweDecryptor.Decrypt(jwe, _key, Kid).Problem;

        Assert.Equal(JweDecryptor.Problem.Malformed, Open("not a jwe"));
        Assert.Equal(JweDecryptor.Problem.Malformed, Open(string.Join('.', good) + ".extra"));
        Assert.Equal(JweDecryptor.Problem.Malformed, Open(With(0, "!!!")));
        Assert.Equal(JweDecryptor.Problem.Malformed, Open(With(0, Header("[1,2]"))));
        Assert.Equal(JweDecryptor.Problem.Malformed, Open(With(2, good[2] + "AA")));
        Assert.Equal(JweDecryptor.Problem.Malformed, Open(With(3, good[3] + "==")));

        Assert.Equal(JweDecryptor.Problem.UnsupportedAlgorithm, Open(With(0, Header("{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\"}"))));
        Assert.Equal(JweDecryptor.Problem.UnsupportedAlgorithm, Open(With(0, Header("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A192GCM\"}"))));
        Assert.Equal(JweDecryptor.Problem.UnsupportedAlgorithm, Open(With(0, Header("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}"))));
        Assert.Equal(JweDecryptor.Problem.UnsupportedAlgorithm, Open(With(0, Header("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"zip\":\"DEF\"}"))));

        Assert.Equal(JweDecryptor.Problem.WrongKeyId, Open(JweEncryptor.Encrypt(Payload, _key, "someone-else")));
        using (var other = RSA.Create(2048))
        {
            Assert.Equal(JweDecryptor.Problem.OtherKey, Open(JweEncryptor.Encrypt(Payload, other, Kid)));
        }

        // The header is authenticated: the same header re-encoded with another member fails the tag.
        Assert.Equal(JweDecryptor.Problem.TagMismatch, Open(With(0, Header("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"" + Kid + "\"}"))));
        var ciphertext = Base64Url.DecodeFromChars(good[3]);
        ciphertext[0] ^= 0x80;
        Assert.Equal(JweDecryptor.Problem.TagMismatch, Open(With(3, Base64Url.EncodeToString(ciphertext))));
        var cbc = JweEncryptor.Encrypt(Payload, _key, Kid, JweAlgorithms.RsaOaep, JweAlgorithms.A128CbcHs256).Split('.');
        var iv = Base64Url.DecodeFromChars(cbc[2]);
        iv[0] ^= 1;
        cbc[2] = Base64Url.EncodeToString(iv);
        Assert.Equal(JweDecryptor.Problem.TagMismatch, Open(string.Join('.', cbc)));
    }
}
