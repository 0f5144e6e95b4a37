using Madoguchi.Platform.Signatures;

namespace Madoguchi.Identity.Signatures;

/// <summary>Every way a signature is refused, each with its own message (Japanese is the localization key).</summary>
internal static class SignatureFailures
{
    public static readonly SignatureFailure CmsUnreadable = new("cms-unreadable", "署名ファイルを読み取れません。この申請内容に対する分離形式（detached）のCMS/PKCS#7署名ファイルを選んでください。");
    public static readonly SignatureFailure NoCertificate = new("no-certificate", "署名ファイルに署名者の署名用電子証明書が含まれていません。");
    public static readonly SignatureFailure Mismatch = new("signature-mismatch", "署名がこの申請内容と一致しません。別の内容に対する署名か、署名の後に内容が変わっています。");
    public static readonly SignatureFailure Algorithm = new("algorithm", "署名方式がRSA（PKCS#1 v1.5）とSHA-256ではありません。");
    public static readonly SignatureFailure CertificateUnreadable = new("certificate-unreadable", "署名用電子証明書を読み取れません。");
    public static readonly SignatureFailure Untrusted = new("untrusted", "署名用電子証明書の発行者が、信頼する認証局（公的個人認証サービス）ではありません。");
    public static readonly SignatureFailure ChainLoop = new("chain-loop", "証明書の連鎖が循環していて、信頼する認証局にたどり着けません。");
    public static readonly SignatureFailure Tampered = new("tampered", "署名用電子証明書が改ざんされています（発行者の署名が一致しません）。");
    public static readonly SignatureFailure Expired = new("expired", "署名用電子証明書の有効期限が切れています。");
    public static readonly SignatureFailure NotYetValid = new("not-yet-valid", "署名用電子証明書の有効期間がまだ始まっていません。");
    public static readonly SignatureFailure KeyUsage = new("key-usage", "この証明書は電子署名に使えません（鍵用途が署名用ではありません）。");
    public static readonly SignatureFailure CaInvalid = new("ca-invalid", "認証局の証明書が有効ではありません（有効期間外、または認証局として使えない証明書です）。");
    public static readonly SignatureFailure Revoked = new("revoked", "署名用電子証明書は失効しています。");
    public static readonly SignatureFailure CrlUnavailable = new("crl-unavailable", "失効情報（CRL）を取得できないため、署名を有効と確認できません。時間をおいてもう一度お試しください。");
    public static readonly SignatureFailure OcspUnavailable = new("ocsp-unavailable", "失効情報（OCSP）を確認できないため、署名を有効と確認できません。時間をおいてもう一度お試しください。");
    public static readonly SignatureFailure OcspRevoked = new("ocsp-revoked", "署名用電子証明書は失効しています（OCSPレスポンダーの回答）。");
    public static readonly SignatureFailure OcspUnknown = new("ocsp-unknown", "OCSPレスポンダーがこの署名用電子証明書を知らないと回答したため、署名を有効と確認できません。");
    public static readonly SignatureFailure OcspBadSignature = new("ocsp-bad-signature", "OCSPレスポンダーの回答の署名を確認できないため、署名を有効と確認できません。");
    public static readonly SignatureFailure OcspNonceMismatch = new("ocsp-nonce-mismatch", "OCSPレスポンダーの回答がこの問い合わせへの回答ではない（ナンスが一致しない）ため、署名を有効と確認できません。");
    public static readonly SignatureFailure OcspStale = new("ocsp-stale", "OCSPレスポンダーの回答が古く、現在の失効状態を確認できないため、署名を有効と確認できません。");
    public static readonly SignatureFailure OcspBadResponse = new("ocsp-bad-response", "OCSPレスポンダーの回答を読み取れないため、署名を有効と確認できません。");
    public static readonly SignatureFailure NoRevocationSource = new("no-revocation-source", "失効を確認する情報（CRL・OCSP）が設定されていないため、署名を有効と確認できません。");
    public static readonly SignatureFailure Replayed = new("replayed", "この署名手続きは既に使われています。もう一度署名する場合は、最初からやり直してください。");
    public static readonly SignatureFailure UnknownTransaction = new("unknown-transaction", "署名手続きを確認できません（期限切れか、別の画面で始めたものです）。もう一度やり直してください。");
    public static readonly SignatureFailure Cancelled = new("cancelled", "デジタル認証アプリでの署名が中止されました。");
    public static readonly SignatureFailure ServiceUnavailable = new("service-unavailable", "デジタル認証アプリの署名サービスに接続できません。時間をおいてもう一度お試しください。");
    public static readonly SignatureFailure JweMalformed = new("jwe-malformed", "デジタル認証アプリから受け取った署名結果（JWE）の形式が正しくないため、署名を受け取れません。もう一度署名してください。");
    public static readonly SignatureFailure JweAlgorithm = new("jwe-algorithm", "署名結果（JWE）の暗号方式がこの市区町村の受け付ける方式（RSA-OAEP-256とA256GCMなど）ではないため、署名を受け取れません。");
    public static readonly SignatureFailure JweKeyId = new("jwe-key-id", "署名結果（JWE）が、この市区町村の登録した復号鍵とは別の鍵ID（kid）宛てに暗号化されているため、署名を受け取れません。");
    public static readonly SignatureFailure JweOtherKey = new("jwe-other-key", "署名結果（JWE）がこの市区町村の鍵とは別の鍵宛てに暗号化されていて復号できないため、署名を受け取れません。");
    public static readonly SignatureFailure JweTampered = new("jwe-tampered", "署名結果（JWE）の認証タグが一致しません（途中で改ざんされたおそれがあります）。署名を受け取れません。");
    public static readonly SignatureFailure ResultUnreadable = new("sign-result-unreadable", "署名結果に署名値または署名用電子証明書が含まれていないため、署名を受け取れません。");
    public static readonly SignatureFailure NotOffered = new("not-offered", "この市区町村では、デジタル認証アプリでの署名を準備中です。");
    public static readonly SignatureFailure NothingToReverify = new("nothing-to-reverify", "再検証する署名がありません。");

    private static readonly Dictionary<string, SignatureFailure> All = typeof(SignatureFailures)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (SignatureFailure)f.GetValue(null)!)
        .ToDictionary(f => f.Code);

    public static SignatureFailure ByCode(string code) => All.GetValueOrDefault(code) ?? new SignatureFailure(code, code);
}
