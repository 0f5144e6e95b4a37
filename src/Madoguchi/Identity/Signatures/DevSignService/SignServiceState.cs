using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Identity.Signatures.DevSignService;

/// <summary>
/// What the local signing service holds: the registered client (its id and where its public key
/// is published), the cards it can sign with (certificate with private key, and its CA chain),
/// and the transactions, codes and tokens in flight. Everything lives in memory.
/// </summary>
internal sealed class SignServiceState(string clientId, Func<CancellationToken, Task<JsonWebKeySet?>> clientKeys, IReadOnlyList<SignServiceState.Card> cards)
{
    /// <param name="Key">The value a form posts to pick the card.</param>
    public sealed record Card(string Key, string Label, X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Chain);

    public sealed class Transaction
    {
        public required string Id { get; init; }
        public required byte[] Digest { get; init; }
        public required string DisplayText { get; init; }
        public DateTime CreatedAt { get; init; }
        public bool Authorized { get; set; }
        public byte[]? Signature { get; set; }
        public Card? SignedWith { get; set; }
        public bool ResultFetched { get; set; }
    }

    /// <summary>How the result's JWE is made: faithfully, or broken in one way for the relying party to refuse. A real service has only the first.</summary>
    public enum ResultEnvelope
    {
        Faithful,
        /// <summary>Four dot-separated parts instead of five.</summary>
        Malformed,
        /// <summary>"alg":"RSA1_5" (RSAES-PKCS1-v1_5), which the relying party does not accept.</summary>
        UnsupportedAlgorithm,
        /// <summary>The registered key, but a header naming another kid.</summary>
        WrongKeyId,
        /// <summary>One bit of the authentication tag flipped on the way.</summary>
        TamperedTag,
        /// <summary>Encrypted to a key that is not the relying party's, under the registered kid.</summary>
        OtherKey,
    }

    public sealed record Code(string TransactionId, string RedirectUri, string CodeChallenge, DateTime IssuedAt);

    public sealed record Token(string Kind, string? TransactionId, DateTime ExpiresAt);

    public string ClientId { get; } = clientId;
    public Func<CancellationToken, Task<JsonWebKeySet?>> ClientKeys { get; } = clientKeys;
    public IReadOnlyList<Card> Cards { get; } = cards;
    public ConcurrentDictionary<string, Transaction> Transactions { get; } = new();
    public ConcurrentDictionary<string, Code> Codes { get; } = new();
    public ConcurrentDictionary<string, Token> Tokens { get; } = new();
    public ConcurrentDictionary<string, DateTime> UsedAssertionIds { get; } = new();

    public ResultEnvelope Envelope { get; set; }

    /// <summary>The JWE algorithms the result is encrypted with (RFC 7518 names).</summary>
    public string ResultAlgorithm { get; set; } = SignApp.JweAlgorithms.RsaOaep256;
    public string ResultEncryption { get; set; } = SignApp.JweAlgorithms.A256Gcm;
}
