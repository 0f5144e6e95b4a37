using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Protection;

/// <summary>
/// Attachments and sensitive fields are encrypted at rest with the municipality's data key, shown
/// masked, and never reach the audit trail in plaintext; on SQLite and PostgreSQL.
/// </summary>
public sealed class EncryptionAtRestTests(DevIdpApp app) : IClassFixture<DevIdpApp>
{
    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [Fact]
    public async Task A_10_MB_attachment_is_unreadable_on_disk_and_downloads_as_the_original()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, "risai-shoumei");
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, "yamada");
        var first = await resident.StartAsync(tenant.Code, "risai-shoumei");
        var applicationId = first.ApplicationId();
        var template = TemplateLibrary.Embedded.Find("risai-shoumei")!;
        var (pageIndex, attachment) = template.Layout.Pages
            .SelectMany((p, i) => p.Sections.SelectMany(s => s.Fields).Where(f => f.Attachment is not null).Select(f => (i, f.Attachment!)))
            .First();
        var url = $"/{tenant.Code}/applications/{applicationId}/pages/{pageIndex}";
        var page = (await resident.GetFollowingAsync(url)).AsPage();

        // A PDF of exactly the largest size accepted, its body a marker that must not be found on disk.
        var marker = Encoding.ASCII.GetBytes($"PLAINTEXT-{Guid.NewGuid():N}-");
        var original = new byte[AttachmentStore.MaxBytes];
        "%PDF-1.7\n"u8.CopyTo(original);
        for (var at = 16; at + marker.Length <= original.Length; at += marker.Length)
        {
            marker.CopyTo(original, at);
        }

        using var form = new MultipartFormDataContent();
        foreach (var hidden in page.Document.QuerySelectorAll("main form input[type=hidden]"))
        {
            form.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        }

        form.Add(new StringContent("save"), "_go");
        var file = new ByteArrayContent(original);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, $"file:{attachment}", "被害写真.pdf");
        var saved = await resident.PostAsync(url, form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var row = await app.DbAsync(db => db.Set<ApplicationAttachment>().IgnoreQueryFilters().SingleAsync(a => a.ApplicationId == applicationId));
        Assert.Equal(original.Length, row.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(original)), row.Sha256);
        var path = Path.Combine(app.DataDirectory, "attachments", tenant.Id.ToString(), applicationId.ToString(), row.Id.ToString());
        var onDisk = await File.ReadAllBytesAsync(path);
        Assert.False(Contains(onDisk, marker), "The plaintext is on the disk.");
        Assert.False(Contains(onDisk, "%PDF"u8.ToArray()), "The file type is visible on the disk.");
        Assert.InRange(onDisk.Length, original.Length, original.Length + 4096);

        // The check page links the document; the download is the original, byte for byte.
        var check = (await resident.GetFollowingAsync($"/{tenant.Code}/applications/{applicationId}/check")).AsPage();
        var link = check.Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Single(h => h!.Contains("/attachments/", StringComparison.Ordinal))!;
        var download = await resident.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var downloaded = await download.Content.ReadAsByteArrayAsync();
        Assert.True(original.AsSpan().SequenceEqual(downloaded), "The download differs from the upload.");

        // Another resident of the same municipality gets nothing.
        var stranger = app.KestrelBrowser();
        await stranger.SignInAsPersonaAsync(tenant.Code, "sato");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task An_encrypted_file_that_was_changed_cut_short_or_moved_to_another_municipality_does_not_open()
    {
        var tenant = await app.TenantAsync();
        var other = await app.TenantAsync();
        var plain = RandomNumberGenerator.GetBytes(3 * FileCipher.ChunkSize + 123);
        var encrypted = await app.InTenantAsync(tenant, async sp =>
        {
            await using var output = new MemoryStream();
            await using (var writer = await sp.GetRequiredService<FileCipher>().BeginAsync(tenant.Id, output, "test", CancellationToken.None))
            {
                await writer.WriteAsync(plain, CancellationToken.None);
                await writer.CompleteAsync(CancellationToken.None);
            }

            return output.ToArray();
        });

        async Task<byte[]> DecryptAsync(Guid tenantId, byte[] bytes, string context = "test") =>
            await app.ScopeAsync(async sp =>
            {
                await using var output = new MemoryStream();
                await sp.GetRequiredService<FileCipher>().DecryptAsync(tenantId, new MemoryStream(bytes), output, context, CancellationToken.None);
                return output.ToArray();
            });

        Assert.Equal(plain, await DecryptAsync(tenant.Id, encrypted));

        var changed = (byte[])encrypted.Clone();
        changed[^200] ^= 1;
        await Assert.ThrowsAnyAsync<CryptographicException>(() => DecryptAsync(tenant.Id, changed));
        // Cut at a chunk boundary: every remaining chunk is intact, but the last one is missing.
        var cut = encrypted[..(29 + 2 * (FileCipher.ChunkSize + 16))];
        await Assert.ThrowsAnyAsync<CryptographicException>(() => DecryptAsync(tenant.Id, cut));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => DecryptAsync(other.Id, encrypted));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => DecryptAsync(tenant.Id, encrypted, "another record"));

        // The data key is in the database only wrapped, and the master key file is the owner's alone.
        var keys = await app.DbAsync(db => db.Set<TenantDataKey>().IgnoreQueryFilters().Where(k => k.TenantId == tenant.Id).ToListAsync());
        Assert.Equal(60, Assert.Single(keys).WrappedKey.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(app.DataDirectory, "master.key")));
        }
    }

    [Fact]
    public async Task My_number_and_account_number_are_stored_encrypted_shown_masked_and_kept_out_of_the_audit_trail()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, "jidou-teate-nintei");
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, "yamada");
        var first = await resident.StartAsync(tenant.Code, "jidou-teate-nintei");
        var applicationId = first.ApplicationId();
        var number = ResidentFlow.NewMyNumber();

        // Typed on the form page (with spaces, as on the card) and saved for later.
        var saved = await resident.SubmitAsync(first.AsPage(), new Dictionary<string, string>
        {
            ["/claimant/myNumber"] = $"{number[..4]} {number[4..8]} {number[8..]}",
            ["_go"] = "save",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().SingleAsync(a => a.Id == applicationId));
        Assert.DoesNotContain(number, stored.Data);
        var sealedValue = (string)JsonNode.Parse(stored.Data)!["claimant"]!["myNumber"]!;
        Assert.StartsWith(FieldCipher.Prefix, sealedValue);

        // The resident sees their own number again where they edit it.
        var again = (await resident.GetFollowingAsync(first.Url.AbsolutePath)).AsPage();
        Assert.Equal(number, again.Document.QuerySelector("input[name='/claimant/myNumber']")!.GetAttribute("value"));

        // The rest of the application as the sample, sealed the same way.
        var sample = JsonNode.Parse(SampleApplications.For("jidou-teate-nintei"))!.AsObject();
        sample["claimant"]!["myNumber"] = number;
        var accountNumber = (string)sample["account"]!["accountNumber"]!;
        await app.InTenantAsync(tenant, async sp =>
        {
            var template = TemplateLibrary.Embedded.Find("jidou-teate-nintei")!;
            var sealedSample = await sp.GetRequiredService<FieldCipher>().SealAsync(stored, template, sample, CancellationToken.None);
            return await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == applicationId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, sealedSample.ToJsonString())));
        });
        var data = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == applicationId).Select(a => a.Data).SingleAsync());
        Assert.DoesNotContain(number, data);
        Assert.DoesNotContain($"\"{accountNumber}\"", data);
        foreach (var other in new[] { (string)sample["spouse"]!["myNumber"]! })
        {
            Assert.DoesNotContain(other, data);
        }

        // The check page: masked, the last four (account: three) digits only.
        var check = (await resident.GetFollowingAsync($"/{tenant.Code}/applications/{applicationId}/check")).AsPage();
        Assert.Empty(check.Document.QuerySelectorAll(".error-summary"));
        Assert.Contains("********" + number[8..], check.Text);
        Assert.DoesNotContain(number, check.Body);
        Assert.Contains("****" + accountNumber[4..], check.Text);
        Assert.DoesNotContain(accountNumber, check.Body);

        var receiptNumber = await resident.SubmitFromCheckPageAsync(tenant.Code, applicationId);
        Assert.Matches(@"^\d{4}-0000001$", receiptNumber);

        // Staff of the department read it masked too.
        var reviewer = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var staff = app.KestrelBrowser();
        var signedIn = await staff.SubmitAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = reviewer.Email, ["Input.Password"] = reviewer.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var review = await staff.GetPageAsync($"/{tenant.Code}/staff/applications/{applicationId}");
        Assert.Contains("********" + number[8..], review.Text);
        Assert.DoesNotContain(number, review.Body);

        // Every change was audited (drafts, submission), none with the number in it.
        var audit = await app.DbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.ChainId == tenant.Id).Select(e => e.Changes).ToListAsync());
        Assert.Contains(audit, c => c.Contains("Submitted", StringComparison.Ordinal));
        Assert.Contains(audit, c => c.Contains(FieldCipher.Prefix, StringComparison.Ordinal));
        Assert.All(audit, c => Assert.DoesNotContain(number, c));
        Assert.All(audit, c => Assert.DoesNotContain($"\"{accountNumber}\"", c));
    }
}
