using System.Security.Cryptography;
using Madoguchi.Identity.Signatures.SignApp;
using Madoguchi.Identity.Signatures.Verification;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Signatures;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Identity.Signatures;

/// <summary>
/// Verifies signatures on applications and keeps the evidence. A signature is stored only when it
/// verified; a refusal stores nothing (it is logged with its code). Validity is judged at the time
/// the signature reached the server; revocation against the newest CRL.
/// </summary>
internal sealed class ApplicationSignatureService(
    MadoguchiDb db, TenantContext tenant, SignatureChecks checks, CertificateVerifier certificates, SignApiClient signApi,
    IOptions<SignatureOptions> options, IHttpContextAccessor http, TimeProvider time, ILogger<ApplicationSignatureService> log) : IApplicationSignatures
{
    public async Task<SignatureOutcome> VerifyUploadAsync(Guid applicationId, Guid residentId, byte[] document, byte[] cms, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (verified, failure) = await checks.VerifyCmsAsync(document, cms, now, ct);
        if (failure is not null)
        {
            log.LogInformation("Uploaded signature on {Application} refused: {Code}", applicationId, failure.Code);
            return new SignatureOutcome(null, failure);
        }

        return await StoreAsync(applicationId, residentId, SignatureMethod.Upload, SHA256.HashData(document), cms, verified!, now, ct);
    }

    public async Task<(Uri? AuthorizationUrl, SignatureFailure? Failure)> StartAppSigningAsync(Guid applicationId, Guid residentId, byte[] document, CancellationToken ct)
    {
        if (!signApi.Offered)
        {
            return (null, SignatureFailures.NotOffered);
        }

        var digest = SHA256.HashData(document);
        var transactionId = await signApi.StartTransactionAsync(DigestInfo.ForSha256(digest), "申請内容への電子署名", ct);
        if (transactionId is null)
        {
            return (null, SignatureFailures.ServiceUnavailable);
        }

        var transaction = new SignTransaction
        {
            TenantId = tenant.TenantId!.Value,
            ApplicationId = applicationId,
            ResidentId = residentId,
            ServiceTransactionId = transactionId,
            DocumentSha256 = Convert.ToHexStringLower(digest),
            State = SignApiClient.Base64Url(RandomNumberGenerator.GetBytes(32)),
            Nonce = SignApiClient.Base64Url(RandomNumberGenerator.GetBytes(32)),
            CodeVerifier = SignApiClient.Base64Url(RandomNumberGenerator.GetBytes(48)),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(transaction);
        await db.SaveChangesAsync(ct);
        return (signApi.AuthorizationUrl(transactionId, RedirectUri(), transaction.State, transaction.Nonce, transaction.CodeVerifier), null);
    }

    /// <summary>The callback of the authorization request: used once, by the resident who started it, within its time.</summary>
    public async Task<(Guid? ApplicationId, SignatureOutcome Outcome)> CompleteAppSigningAsync(string? state, string? code, string? error, Guid residentId, CancellationToken ct)
    {
        var transaction = state is { Length: > 0 and <= 64 }
            ? await db.Set<SignTransaction>().SingleOrDefaultAsync(t => t.State == state, ct)
            : null;
        var now = time.GetUtcNow().UtcDateTime;
        if (transaction is null || transaction.ResidentId != residentId)
        {
            return (null, new SignatureOutcome(null, SignatureFailures.UnknownTransaction));
        }

        if (transaction.CompletedAt is not null)
        {
            log.LogWarning("Sign transaction {Transaction} came back a second time", transaction.ServiceTransactionId);
            return (transaction.ApplicationId, new SignatureOutcome(null, SignatureFailures.Replayed));
        }

        // Spent before anything else happens, so a replayed callback racing this one finds it used.
        transaction.CompletedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (transaction.ApplicationId, new SignatureOutcome(null, SignatureFailures.Replayed));
        }

        if (now - transaction.CreatedAt > TimeSpan.FromMinutes(options.Value.TransactionMinutes))
        {
            return (transaction.ApplicationId, new SignatureOutcome(null, SignatureFailures.UnknownTransaction));
        }

        if (error is not null || code is null)
        {
            return (transaction.ApplicationId, new SignatureOutcome(null, SignatureFailures.Cancelled));
        }

        var (result, fetchFailure) = await signApi.FetchResultAsync(transaction.ServiceTransactionId, code, RedirectUri(), transaction.CodeVerifier, ct);
        if (result is null)
        {
            return (transaction.ApplicationId, new SignatureOutcome(null, fetchFailure ?? SignatureFailures.ServiceUnavailable));
        }

        var digest = Convert.FromHexString(transaction.DocumentSha256);
        var (verified, failure) = await checks.VerifyRawAsync(digest, result.Signature, result.Certificate, result.Chain, now, ct);
        if (failure is not null)
        {
            log.LogInformation("App signature on {Application} refused: {Code}", transaction.ApplicationId, failure.Code);
            return (transaction.ApplicationId, new SignatureOutcome(null, failure));
        }

        return (transaction.ApplicationId, await StoreAsync(transaction.ApplicationId, residentId, SignatureMethod.App, digest, result.Signature, verified!, now, ct));
    }

    public async Task<SignatureView?> CurrentAsync(Guid applicationId, CancellationToken ct)
    {
        var record = await db.Set<SignatureRecord>().AsNoTracking().Where(s => s.ApplicationId == applicationId)
            .OrderByDescending(s => s.SignedAt).FirstOrDefaultAsync(ct);
        return record is null ? null : View(record);
    }

    public async Task<SignatureOutcome> ReverifyAsync(Guid applicationId, byte[] document, CancellationToken ct)
    {
        var record = await db.Set<SignatureRecord>().Where(s => s.ApplicationId == applicationId)
            .OrderByDescending(s => s.SignedAt).FirstOrDefaultAsync(ct);
        if (record is null)
        {
            return new SignatureOutcome(null, SignatureFailures.NothingToReverify);
        }

        SignatureFailure? failure;
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(record.DocumentSha256), SHA256.HashData(document)))
        {
            failure = SignatureFailures.Mismatch;
        }
        else if (record.Method == SignatureMethod.Upload)
        {
            failure = (await checks.VerifyCmsAsync(document, record.Signature, record.SignedAt, ct)).Failure;
        }
        else if (record.Certificate is { } certificate)
        {
            var chain = record.IssuerCertificate is { } issuer ? new[] { issuer } : [];
            failure = (await checks.VerifyRawAsync(SHA256.HashData(document), record.Signature, certificate, chain, record.SignedAt, ct)).Failure;
        }
        else
        {
            // The certificate was not kept: what can still change is its revocation, found by issuer and serial.
            failure = await certificates.RevocationBySerialAsync(record.IssuerName, Convert.FromHexString(record.SerialNumber), ct);
        }

        record.VerifiedAt = time.GetUtcNow().UtcDateTime;
        record.LastFailureCode = failure?.Code;
        await db.SaveChangesAsync(ct);
        return new SignatureOutcome(View(record), failure);
    }

    private async Task<SignatureOutcome> StoreAsync(Guid applicationId, Guid residentId, SignatureMethod method, byte[] digest, byte[] signature,
        CertificateVerifier.Verified verified, DateTime now, CancellationToken ct)
    {
        var signer = verified.Signer;
        var record = new SignatureRecord
        {
            TenantId = tenant.TenantId!.Value,
            ApplicationId = applicationId,
            ResidentId = residentId,
            Method = method,
            DocumentSha256 = Convert.ToHexStringLower(digest),
            Signature = signature,
            Certificate = options.Value.KeepCertificate ? signer.Certificate.RawData : null,
            IssuerCertificate = options.Value.KeepCertificate ? verified.Issuer.Certificate.RawData : null,
            CertificateSha256 = signer.Fingerprint,
            Issuer = signer.Certificate.Issuer,
            IssuerName = signer.Certificate.IssuerName.RawData,
            SerialNumber = Convert.ToHexString(signer.SerialNumber),
            CertificateNotAfter = signer.NotAfter,
            SignerName = verified.Identity.Name,
            SignerAddress = verified.Identity.Address,
            SignerBirthDate = verified.Identity.BirthDate,
            SignerGender = verified.Identity.Gender,
            SignedAt = now,
            VerifiedAt = now,
        };
        db.Add(record);
        await db.SaveChangesAsync(ct);
        return new SignatureOutcome(View(record), null);
    }

    private string RedirectUri()
    {
        var request = http.HttpContext!.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}/{tenant.Code}/signatures/callback";
    }

    private static SignatureView View(SignatureRecord r) => new(
        r.Id, r.Method == SignatureMethod.App ? "app" : "upload", r.DocumentSha256, r.SignedAt, r.VerifiedAt, r.Issuer, r.SerialNumber,
        r.CertificateSha256, r.CertificateNotAfter, new CertificateIdentity(r.SignerName, r.SignerAddress, r.SignerBirthDate, r.SignerGender),
        r.Certificate is not null, r.LastFailureCode is { } code ? SignatureFailures.ByCode(code) : null);
}
