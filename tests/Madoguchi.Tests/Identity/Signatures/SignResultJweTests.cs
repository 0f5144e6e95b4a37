using System.Text.Json;
using Madoguchi.Identity.Signatures;
using Madoguchi.Identity.Signatures.DevSignService;
using Madoguchi.Identity.Signatures.SignApp;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>
/// The signing result arrives as a JWE encrypted to the key the relying party publishes in its
/// JWKS ("use":"enc"); the local service reads that key over HTTP as the national service reads
/// the registration. A result that is malformed, uses an algorithm we do not accept, names another
/// kid, fails its tag or is encrypted to another key is refused with its own message and nothing
/// is stored. Over HTTP, on SQLite and PostgreSQL.
/// </summary>
public sealed class SignResultJweTests(SignatureApp app) : IClassFixture<SignatureApp>
{
    private Task<int> StoredSignaturesAsync(Guid application) =>
        app.DbAsync(db => db.Set<SignatureRecord>().IgnoreQueryFilters().CountAsync(s => s.ApplicationId == application));

    [Fact]
    public async Task The_JWKS_publishes_the_result_encryption_key_next_to_the_client_assertion_key()
    {
        using var http = new HttpClient();
        var jwks = JsonDocument.Parse(await http.GetStringAsync(new Uri(app.BaseAddress, "/.well-known/madoguchi-rp-jwks.json"))).RootElement;
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        var encryption = Assert.Single(keys, k => k.GetProperty("use").GetString() == "enc");
        var signing = Assert.Single(keys, k => k.GetProperty("use").GetString() == "sig");
        var resultKey = app.Services.GetRequiredService<SignResultKey>();
        Assert.Equal(resultKey.KeyId, encryption.GetProperty("kid").GetString());
        Assert.Equal("RSA-OAEP-256", encryption.GetProperty("alg").GetString());
        Assert.NotEqual(signing.GetProperty("n").GetString(), encryption.GetProperty("n").GetString());
        Assert.False(encryption.TryGetProperty("d", out _));
    }

    [Theory]
    [InlineData(JweAlgorithms.RsaOaep256, JweAlgorithms.A256Gcm)]
    [InlineData(JweAlgorithms.RsaOaep256, JweAlgorithms.A128Gcm)]
    [InlineData(JweAlgorithms.RsaOaep, JweAlgorithms.A128CbcHs256)]
    [InlineData(JweAlgorithms.RsaOaep256, JweAlgorithms.A256CbcHs512)]
    public async Task A_result_encrypted_with_an_accepted_algorithm_pair_gives_a_valid_signature(string alg, string enc)
    {
        var state = app.SignService.State;
        state.ResultAlgorithm = alg;
        state.ResultEncryption = enc;
        try
        {
            var draft = await MovingOut.StartAsync(app);
            var back = await draft.SignWithAppAsync("good");
            Assert.Contains("署名検証: 有効", back.AsPage().Text);
            Assert.Equal(1, await StoredSignaturesAsync(draft.Id));
        }
        finally
        {
            state.ResultAlgorithm = JweAlgorithms.RsaOaep256;
            state.ResultEncryption = JweAlgorithms.A256Gcm;
        }
    }

    [Theory]
    [InlineData(nameof(SignServiceState.ResultEnvelope.Malformed), "jwe-malformed", "形式が正しくない")]
    [InlineData(nameof(SignServiceState.ResultEnvelope.UnsupportedAlgorithm), "jwe-algorithm", "暗号方式がこの市区町村の受け付ける方式")]
    [InlineData(nameof(SignServiceState.ResultEnvelope.WrongKeyId), "jwe-key-id", "別の鍵ID（kid）宛て")]
    [InlineData(nameof(SignServiceState.ResultEnvelope.TamperedTag), "jwe-tampered", "認証タグが一致しません")]
    [InlineData(nameof(SignServiceState.ResultEnvelope.OtherKey), "jwe-other-key", "別の鍵宛てに暗号化されていて復号できない")]
    public async Task A_bad_result_envelope_is_refused_with_its_own_message_and_nothing_is_stored(string envelope, string code, string message)
    {
        app.SignService.State.Envelope = Enum.Parse<SignServiceState.ResultEnvelope>(envelope);
        try
        {
            var draft = await MovingOut.StartAsync(app);
            var back = await draft.SignWithAppAsync("good");
            var summary = back.AsPage().Document.QuerySelector(".error-summary")!.TextContent;
            Assert.True(summary.Contains(message, StringComparison.Ordinal), summary);
            Assert.Contains(message, SignatureFailures.ByCode(code).Message);
            Assert.Equal(0, await StoredSignaturesAsync(draft.Id));
        }
        finally
        {
            app.SignService.State.Envelope = SignServiceState.ResultEnvelope.Faithful;
        }
    }
}
