using System.Net;
using System.Text.Json;
using System.Security.Cryptography;
using Madoguchi.Identity.Signatures;
using Madoguchi.Identity.Signatures.DevSignService;
using Madoguchi.Identity.Signatures.Verification;
using Microsoft.Extensions.DependencyInjection;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Review;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>
/// A resident signs a 転出届 (signature required) by upload and through the デジタル認証アプリ
/// against the local signing service; staff see the verification on the case and re-verify it.
/// Over HTTP, on SQLite and PostgreSQL.
/// </summary>
public sealed class SignatureFlowTests(SignatureApp app) : IClassFixture<SignatureApp>
{
    private Task<int> StoredSignaturesAsync(Guid application) =>
        app.DbAsync(db => db.Set<SignatureRecord>().IgnoreQueryFilters().CountAsync(s => s.ApplicationId == application));

    [Fact]
    public async Task Required_signature_blocks_submission_until_an_uploaded_CMS_verifies_then_staff_see_it_valid_and_reverify()
    {
        var draft = await MovingOut.StartAsync(app);

        // Without a signature the check page lists it as missing and refuses to submit.
        var check = await draft.Resident.GetPageAsync(draft.CheckPage);
        Assert.True(check.Document.QuerySelector(".error-summary") is not null, check.Text);
        Assert.Contains("電子署名が必要です", check.Document.QuerySelector(".error-summary")!.TextContent);
        // No submit button is shown; a post made anyway (token of the user's session) is refused the same way.
        var token = (await draft.Resident.GetPageAsync(draft.SignPage)).Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var refused = await draft.Resident.PostAsync(draft.CheckPage, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Null((await app.StoredAsync(draft.Id)).ReceiptNumber);

        // The downloaded document is canonical JSON of this application; a detached CMS over it verifies.
        var document = await draft.DocumentAsync();
        Assert.StartsWith("{\"application\":\"" + draft.Id, System.Text.Encoding.UTF8.GetString(document));
        var uploaded = await draft.UploadAsync(app.Pki.SignCms(app.Pki.Good, document));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var signed = await draft.Resident.GetPageAsync(draft.SignPage);
        Assert.Contains("署名検証: 有効", signed.Text);
        Assert.Contains("山田　太郎", signed.Text);

        // Now it submits.
        var checkAgain = await draft.Resident.GetPageAsync(draft.CheckPage);
        Assert.Empty(checkAgain.Document.QuerySelectorAll(".error-summary"));
        var submitted = await draft.Resident.SubmitAsync(checkAgain, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.NotNull((await app.StoredAsync(draft.Id)).ReceiptNumber);

        // Staff of the department see the verification with the signer's basic fields, matched against the form.
        var reviewer = await app.StaffAsync(draft.Tenant, (StaffRoleKind.Reviewer, draft.Tenant.DepartmentId));
        var staff = await app.SignInAsync(reviewer, client: app.KestrelBrowser());
        var casePage = await staff.GetPageAsync($"/{draft.Tenant.Code}/staff/applications/{draft.Id}");
        var section = casePage.Document.QuerySelector("section.signature")!;
        Assert.Contains("署名検証: 有効", section.TextContent);
        Assert.Contains("山田　太郎", section.TextContent);
        Assert.Contains("宮城県塩竈市旭町1番1号", section.TextContent);
        var rows = section.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("氏名") && r.Contains("一致"));
        Assert.Contains(rows, r => r.Contains("生年月日") && r.Contains("一致"));
        Assert.Contains(app.Pki.Good.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256).ToLowerInvariant(), section.TextContent);

        // Re-verification: recorded on the evidence and in the audit trail.
        var stored = await app.DbAsync(db => db.Set<SignatureRecord>().IgnoreQueryFilters().SingleAsync(s => s.ApplicationId == draft.Id));
        var reverified = await staff.SubmitAsync(casePage, new Dictionary<string, string>(), "#reverify-form");
        Assert.Equal(HttpStatusCode.Redirect, reverified.StatusCode);
        var after = await app.DbAsync(db => db.Set<SignatureRecord>().IgnoreQueryFilters().SingleAsync(s => s.ApplicationId == draft.Id));
        Assert.True(after.VerifiedAt >= stored.VerifiedAt);
        Assert.Null(after.LastFailureCode);
        Assert.NotNull(after.Certificate);
        var audits = await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(SignatureRecord) && e.EntityId == stored.Id.ToString()));
        Assert.Equal(2, audits);
    }

    [Fact]
    public async Task Signing_through_the_app_against_the_local_service_is_valid_and_its_callback_cannot_be_replayed()
    {
        var draft = await MovingOut.StartAsync(app);
        var back = await draft.SignWithAppAsync("good");
        var page = back.AsPage();
        Assert.EndsWith("/sign", back.Url.AbsolutePath);
        Assert.Contains("署名検証: 有効", page.Text);
        Assert.Equal(1, await StoredSignaturesAsync(draft.Id));
        var record = await app.DbAsync(db => db.Set<SignatureRecord>().IgnoreQueryFilters().SingleAsync(s => s.ApplicationId == draft.Id));
        Assert.Equal(SignatureMethod.App, record.Method);
        Assert.Equal("山田　太郎", record.SignerName);
        Assert.Equal(new DateOnly(1980, 4, 1), record.SignerBirthDate);

        // The same callback again (a reload, or a stolen URL): refused, nothing more stored.
        var callback = back.Response.RequestMessage!.RequestUri!;
        var transaction = await app.DbAsync(db => db.Set<SignTransaction>().IgnoreQueryFilters().SingleAsync(t => t.ApplicationId == draft.Id));
        var replay = await draft.Resident.GetFollowingAsync($"/{draft.Tenant.Code}/signatures/callback?state={Uri.EscapeDataString(transaction.State)}&code=replayed");
        Assert.Contains("既に使われています", replay.Body);
        Assert.Equal(1, await StoredSignaturesAsync(draft.Id));
        Assert.NotNull(callback);
    }

    [Fact]
    public async Task The_audit_trail_records_the_verification_with_serial_and_fingerprint_but_the_signer_only_masked()
    {
        var draft = await MovingOut.StartAsync(app);
        Assert.Equal(HttpStatusCode.Redirect, (await draft.UploadAsync(app.Pki.SignCms(app.Pki.Good, await draft.DocumentAsync()))).StatusCode);
        var record = await app.DbAsync(db => db.Set<SignatureRecord>().IgnoreQueryFilters().SingleAsync(s => s.ApplicationId == draft.Id));
        var audit = await app.DbAsync(db => db.AuditEntries.SingleAsync(e => e.EntityType == nameof(SignatureRecord) && e.EntityId == record.Id.ToString()));
        var changes = System.Text.Json.JsonDocument.Parse(audit.Changes).RootElement;

        // What happened and with which certificate: in clear.
        Assert.Equal(record.SerialNumber, changes.GetProperty("SerialNumber").GetString());
        Assert.Equal(record.CertificateSha256, changes.GetProperty("CertificateSha256").GetString());
        Assert.Equal(record.DocumentSha256, changes.GetProperty("DocumentSha256").GetString());
        Assert.Equal(JsonValueKind.Null, changes.GetProperty("LastFailureCode").ValueKind);
        // Who signed: masked; the certificate and the CMS (which carry the same fields) not copied.
        Assert.Equal("山＊＊＊＊", changes.GetProperty("SignerName").GetString());
        Assert.Equal("宮城県＊＊＊＊＊＊＊＊＊", changes.GetProperty("SignerAddress").GetString());
        Assert.Equal("***", changes.GetProperty("SignerBirthDate").GetString());
        Assert.Equal("***", changes.GetProperty("SignerGender").GetString());
        Assert.Equal("***", changes.GetProperty("Certificate").GetString());
        Assert.Equal("***", changes.GetProperty("Signature").GetString());
        var recorded = string.Join("\n", changes.EnumerateObject().Select(p => p.Value.ToString()));
        Assert.DoesNotContain("太郎", recorded);
        Assert.DoesNotContain("塩竈", recorded);
        Assert.DoesNotContain("1980", recorded);

        // The evidence itself keeps them for the case page.
        Assert.Equal("山田　太郎", record.SignerName);
        Assert.Equal("宮城県塩竈市旭町1番1号", record.SignerAddress);
    }

    [Theory]
    [InlineData("revoked", "失効しています")]
    [InlineData("expired", "有効期限が切れています")]
    [InlineData("wrong-issuer", "信頼する認証局")]
    public async Task A_bad_card_through_the_app_is_refused_and_nothing_is_stored(string card, string message)
    {
        var draft = await MovingOut.StartAsync(app);
        var back = await draft.SignWithAppAsync(card);
        Assert.Contains(message, back.AsPage().Document.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(0, await StoredSignaturesAsync(draft.Id));
    }

    [Fact]
    public async Task Cancelling_in_the_app_is_said_and_stores_nothing()
    {
        var draft = await MovingOut.StartAsync(app);
        var back = await draft.SignWithAppAsync("good", decision: "cancel");
        Assert.Contains("中止されました", back.AsPage().Text);
        Assert.Equal(0, await StoredSignaturesAsync(draft.Id));
    }

    public enum Bad
    {
        Expired,
        NotYetValid,
        Revoked,
        WrongIssuer,
        WrongKeyUsage,
        Tampered,
        ChainLoop,
        UnreachableCrl,
        OtherBytes,
        Truncated,
        Garbage,
    }

    [Theory]
    [InlineData(Bad.Expired, "有効期限が切れています")]
    [InlineData(Bad.NotYetValid, "有効期間がまだ始まっていません")]
    [InlineData(Bad.Revoked, "失効しています")]
    [InlineData(Bad.WrongIssuer, "信頼する認証局（公的個人認証サービス）ではありません")]
    [InlineData(Bad.WrongKeyUsage, "鍵用途が署名用ではありません")]
    [InlineData(Bad.Tampered, "改ざんされています")]
    [InlineData(Bad.ChainLoop, "循環していて")]
    [InlineData(Bad.UnreachableCrl, "失効情報（CRL）を取得できない")]
    [InlineData(Bad.OtherBytes, "申請内容と一致しません")]
    [InlineData(Bad.Truncated, "署名ファイルを読み取れません")]
    [InlineData(Bad.Garbage, "署名ファイルを読み取れません")]
    public async Task Each_bad_upload_is_refused_with_its_own_message_and_nothing_is_stored(Bad bad, string message)
    {
        var draft = await MovingOut.StartAsync(app);
        var document = await draft.DocumentAsync();
        var pki = app.Pki;
        var cms = bad switch
        {
            Bad.Expired => pki.SignCms(pki.Expired, document),
            Bad.NotYetValid => pki.SignCms(pki.NotYetValid, document),
            Bad.Revoked => pki.SignCms(pki.Revoked, document),
            Bad.WrongIssuer => pki.SignCms(pki.WrongIssuer, document),
            Bad.WrongKeyUsage => pki.SignCms(pki.WrongKeyUsage, document),
            Bad.Tampered => pki.SignCms(pki.Tampered, document),
            Bad.ChainLoop => pki.SignCms(pki.InLoop, document),
            Bad.UnreachableCrl => pki.SignCms(pki.UnreachableCrl, document),
            Bad.OtherBytes => pki.SignCms(pki.Good, [.. document, (byte)' ']),
            Bad.Truncated => pki.SignCms(pki.Good, document)[..200],
            _ => System.Text.Encoding.ASCII.GetBytes("this is not a signature"),
        };

        var response = await draft.UploadAsync(cms);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".error-summary")!.TextContent;
        Assert.True(summary.Contains(message, StringComparison.Ordinal), summary);
        Assert.Contains(message, page.QuerySelector("#signatureFile-error")!.TextContent);
        Assert.Equal(0, await StoredSignaturesAsync(draft.Id));
    }

    [Fact]
    public async Task A_CRL_named_by_URL_in_the_certificate_is_fetched_once_and_then_answered_from_the_cache()
    {
        var now = DateTimeOffset.UtcNow;
        var url = new Uri(app.SignService.BaseAddress, "/crl/intermediate.crl").ToString();
        var good = JpkiCertificateFactory.CreateResident(app.Pki.Intermediate, TestPki.Yamada, RSA.Create(2048), now.AddDays(-1), now.AddYears(1), crlUrl: url);
        var revoked = JpkiCertificateFactory.CreateResident(app.Pki.Intermediate, TestPki.Yamada, RSA.Create(2048), now.AddDays(-1), now.AddYears(1),
            crlUrl: url, serial: app.Pki.Revoked.SerialNumberBytes.ToArray());
        var verifier = app.Services.GetRequiredService<CertificateVerifier>();
        var before = app.SignService.CrlFetches;
        for (var i = 0; i < 3; i++)
        {
            Assert.Null((await verifier.VerifyAsync(verifier.Read(good.RawData)!, [app.Pki.Intermediate.RawData], DateTime.UtcNow, default)).Failure);
        }

        Assert.Equal("revoked", (await verifier.VerifyAsync(verifier.Read(revoked.RawData)!, [app.Pki.Intermediate.RawData], DateTime.UtcNow, default)).Failure?.Code);
        Assert.Equal(before + 1, app.SignService.CrlFetches);
    }

    [Fact]
    public async Task A_signature_made_before_the_data_changed_no_longer_counts()
    {
        var draft = await MovingOut.StartAsync(app);
        Assert.Equal(HttpStatusCode.Redirect, (await draft.UploadAsync(app.Pki.SignCms(app.Pki.Good, await draft.DocumentAsync()))).StatusCode);
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == draft.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, MovingOut.Sample.Replace("2027-03-20", "2027-03-21"))));
        var check = await draft.Resident.GetPageAsync(draft.CheckPage);
        Assert.Contains("もう一度署名してください", check.Text);
        Assert.Contains("電子署名が必要です", check.Document.QuerySelector(".error-summary")!.TextContent);
    }
}
