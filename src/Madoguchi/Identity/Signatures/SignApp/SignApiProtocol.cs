namespace Madoguchi.Identity.Signatures.SignApp;

/// <summary>
/// The wire names of the デジタル認証アプリ signing API in one place. Paths, the `sign` scope,
/// `sign_transaction_id`, client credentials, private_key_jwt and a result delivered as a JWE are as
/// published (see docs/signatures.md); the JSON member names of the sign transaction and of the
/// result's payload are not public yet and are this installation's reading, to be checked against
/// the sandbox.
/// </summary>
internal static class SignApiProtocol
{
    public const string RealmPath = "/api/realms/main";
    public const string AuthorizePath = RealmPath + "/protocol/openid-connect/auth";
    public const string TokenPath = RealmPath + "/protocol/openid-connect/token";
    public const string TransactionsPath = "/api/sign-transactions";
    public const string SignScope = "openid sign";
    public const string AcrValues = "aal3 crl";

    // Sign transaction request (POST /api/sign-transactions).
    public const string HashAlgorithm = "hash_algorithm";
    public const string Sha256 = "SHA-256";
    public const string DigestInfo = "digest_info";
    public const string DisplayText = "display_text";

    // Sign transaction response.
    public const string TransactionId = "sign_transaction_id";

    // Sign result (GET /api/sign-transactions/{id}/result): a JWE in compact serialization (RFC 7516)
    // to the relying party's registered "enc" key, RSA-OAEP-256 + A256GCM as implementers describe it;
    // these members are those of its decrypted JSON payload.
    public const string ResultMediaType = "application/jose";
    public const string Signature = "signature";
    public const string Certificate = "certificate";
    public const string CertificateChain = "certificate_chain";
}
