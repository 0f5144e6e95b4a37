using Madoguchi.Platform.Protection;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Protection;

/// <summary>Data keys rotate and the master key is replaced without losing what older keys encrypted (docs/operations.md).</summary>
public sealed class KeyRotationTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private Task<string> SealAsync(MadoguchiApp host, TestData.TenantInfo tenant, string plain) =>
        host.InTenantAsync(tenant, sp => sp.GetRequiredService<FieldCipher>().SealAsync(tenant.Id, plain, "rotation-test", CancellationToken.None));

    private static Task<string> OpenAsync(MadoguchiApp host, TestData.TenantInfo tenant, string token) =>
        host.InTenantAsync(tenant, sp => sp.GetRequiredService<FieldCipher>().OpenAsync(tenant.Id, token, "rotation-test", CancellationToken.None));

    private static Guid KeyIdOf(string token) => Guid.ParseExact(token[FieldCipher.Prefix.Length..].Split(':')[0], "N");

    [Fact]
    public async Task Rotating_data_keys_and_replacing_the_master_key_keeps_old_values_readable()
    {
        var tenant = await app.TenantAsync();
        var before = await SealAsync(app, tenant, "123456789018");

        // A new master key goes first in the file; rotate wraps every data key under it and adds a generation.
        var (newMasterExit, newMasterOutput) = await app.RunAsync("keys", "new-master");
        Assert.Equal(0, newMasterExit);
        var newLine = newMasterOutput.Split('\n').Single(l => l.StartsWith("mk-", StringComparison.Ordinal)).Trim();
        var keyFile = Path.Combine(app.DataDirectory, "master.key");
        var oldLines = await File.ReadAllTextAsync(keyFile);
        await File.WriteAllTextAsync(keyFile, newLine + "\n" + oldLines);
        var (rotateExit, rotateOutput) = await app.RunAsync("keys", "rotate");
        Assert.True(rotateExit == 0, rotateOutput);

        var newId = newLine.Split(' ')[0];
        var keys = await app.DbAsync(db => db.Set<TenantDataKey>().IgnoreQueryFilters().Where(k => k.TenantId == tenant.Id).OrderBy(k => k.Generation).ToListAsync());
        Assert.Equal([1, 2], keys.Select(k => k.Generation));
        Assert.All(keys, k => Assert.Equal(newId, k.MasterKeyId));

        // The old master key is removed from the file: a node started now has only the new one.
        await File.WriteAllTextAsync(keyFile, newLine + "\n");
        using var node = new MadoguchiApp().With("ConnectionStrings:Madoguchi", app.ConnectionString).With("Platform:DataDirectory", app.DataDirectory);
        Assert.Equal("123456789018", await OpenAsync(node, tenant, before));
        var after = await SealAsync(node, tenant, "987654321093");
        Assert.Equal(keys[1].Id, KeyIdOf(after));
        Assert.NotEqual(KeyIdOf(before), KeyIdOf(after));
        Assert.Equal("987654321093", await OpenAsync(node, tenant, after));
    }

    [Fact]
    public async Task A_configured_master_key_file_that_is_missing_stops_the_start()
    {
        using var node = new MadoguchiApp().With("Platform:MasterKeyFile", Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.key"));
        var error = Assert.ThrowsAny<Exception>(() => node.Services);
        Assert.Contains("does not exist", error.ToString());
    }
}
