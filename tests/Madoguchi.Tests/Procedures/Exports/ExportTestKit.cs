using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Http;
using System.Security.Cryptography;
using System.Text;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Exports;

/// <summary>Arrived applications (through the real draft and submission services) and what exports need around them.</summary>
internal static class ExportTestKit
{
    public sealed record Submitted(Guid Id, string Number);

    /// <summary>A new department of the municipality.</summary>
    public static Task<Guid> DepartmentAsync(this MadoguchiApp app, TestData.TenantInfo tenant, string name) =>
        app.DbAsync(async db =>
        {
            var d = new Department { TenantId = tenant.Id, Name = name };
            db.Departments.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });

    /// <summary>Offers the procedure (once) in <paramref name="department"/> and submits one application of it.</summary>
    public static async Task<Submitted> SubmittedAsync(this MadoguchiApp app, TestData.TenantInfo tenant, string key,
        Guid? department = null, Func<string, string>? edit = null)
    {
        var offered = await app.DbAsync(db => db.Set<Procedure>().IgnoreQueryFilters().AnyAsync(p => p.TenantId == tenant.Id && p.Key == key));
        if (!offered)
        {
            await app.OfferAsync(tenant, key, department ?? tenant.DepartmentId);
        }

        var resident = Guid.NewGuid();
        var draft = await app.InTenantAsync(tenant, async sp => (await sp.GetRequiredService<Drafts>().StartAsync(key, resident, CancellationToken.None))!);
        var data = SampleApplications.For(key);
        data = edit?.Invoke(data) ?? data;
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == draft.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, data)));
        var (receipt, refused) = await app.InTenantAsync(tenant, sp => sp.GetRequiredService<Submission>().SubmitAsync(draft.Id, resident, null, CancellationToken.None));
        Assert.Null(refused);
        return new Submitted(draft.Id, receipt!.Number);
    }

    /// <summary>An attached file, stored where the attachment store keeps it; returns its row and bytes.</summary>
    /// <summary>Attaches a small PDF through the real store (encrypted at rest), as an upload would.</summary>
    public static Task<(ApplicationAttachment Row, byte[] Bytes)> AttachAsync(this MadoguchiApp app, TestData.TenantInfo tenant, Guid applicationId, string key, string fileName) =>
        app.InTenantAsync(tenant, async sp =>
        {
            var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n% test " + Guid.NewGuid() + "\n%%EOF\n");
            var db = sp.GetRequiredService<Madoguchi.Platform.Data.MadoguchiDb>();
            var templateKey = await (from a in db.Set<Application>() join p in db.Set<Procedure>() on a.ProcedureId equals p.Id
                                     where a.Id == applicationId select p.TemplateKey).SingleAsync();
            var attachment = TemplateLibrary.Embedded.Find(templateKey!)!.Attachments.Single(a => a.Key == key);
            var upload = new FormFile(new MemoryStream(bytes), 0, bytes.Length, "file", fileName);
            Assert.Null(await sp.GetRequiredService<AttachmentStore>().SaveAsync(applicationId, attachment, upload, CancellationToken.None));
            var row = await db.Set<ApplicationAttachment>().AsNoTracking()
                .Where(a => a.ApplicationId == applicationId && a.AttachmentKey == key && a.FileName == fileName)
                .OrderByDescending(a => a.UploadedAt).FirstAsync();
            return (row, bytes);
        });

    public static Task<(Guid Id, int Version)> ProcedureAsync(this MadoguchiApp app, TestData.TenantInfo tenant, string key) =>
        app.DbAsync(async db =>
        {
            var p = await db.Set<Procedure>().IgnoreQueryFilters().Where(p => p.TenantId == tenant.Id && p.Key == key)
                .Select(p => new { p.Id, p.PublishedVersion }).SingleAsync();
            return (p.Id, p.PublishedVersion);
        });
}

/// <summary>An RFC 4180 reader for checking what the exporter wrote (quoted fields may hold commas, quotes and line breaks).</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                Assert.False(c is '\r' or '\n', "a bare line break outside quotes");
                field.Append(c);
            }
        }

        Assert.Equal(0, field.Length + record.Count); // the last record ends with CRLF
        return records;
    }
}
