using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Operations;

/// <summary>
/// Commands run instead of the web host, with the same configuration:
/// <c>audit verify [団体コード]</c>, <c>staff create-platform-admin EMAIL [氏名]</c>,
/// <c>keys new-master</c> and <c>keys rotate</c> (docs/operations.md).
/// </summary>
internal static class MaintenanceCommands
{
    public static async Task<int?> RunAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return args switch
        {
            ["audit", "verify", .. var rest] => await VerifyAuditAsync(scope.ServiceProvider, rest.FirstOrDefault()),
            ["staff", "create-platform-admin", var email, .. var rest] => await CreatePlatformAdminAsync(scope.ServiceProvider, email, rest.FirstOrDefault()),
            ["keys", "rotate"] => await Protection.KeyRotation.RotateAsync(scope.ServiceProvider),
            ["keys", "new-master"] => NewMasterKey(),
            _ => null,
        };
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider services, string? code)
    {
        var db = services.GetRequiredService<MadoguchiDb>();
        Guid? chain = null;
        if (code is not null)
        {
            chain = await db.Tenants.Where(t => t.Code == code).Select(t => (Guid?)t.Id).SingleOrDefaultAsync();
            if (chain is null)
            {
                Console.WriteLine($"団体コード {code} の自治体はありません。");
                return 2;
            }
        }

        var result = await services.GetRequiredService<AuditVerifier>().VerifyAsync(chain, CancellationToken.None);
        Console.WriteLine($"監査証跡の検証: {result.EntriesChecked} 件を確認しました。");
        foreach (var p in result.Problems)
        {
            Console.WriteLine($"[{p.Kind}] chain {p.ChainId} #{p.Sequence}: {p.Message}");
        }

        // The heads, for copying to a log outside the database (see docs/operations.md).
        var heads = await db.Set<AuditHead>().AsNoTracking()
            .Where(h => chain == null || h.ChainId == chain).OrderBy(h => h.ChainId).ToListAsync();
        foreach (var head in heads)
        {
            Console.WriteLine($"head {head.ChainId} #{head.Sequence} {head.Hash}");
        }

        Console.WriteLine(result.IsIntact ? "問題は見つかりませんでした (intact)." : $"{result.Problems.Count} 件の問題が見つかりました (tampered).");
        return result.IsIntact ? 0 : 1;
    }

    /// <summary>Prints a new master key line to put first in the key file (then run <c>keys rotate</c>).</summary>
    private static int NewMasterKey()
    {
        Console.WriteLine(Protection.MasterKeys.NewLine());
        return 0;
    }

    /// <summary>The first administrator of a production installation; the password is shown once.</summary>
    private static async Task<int> CreatePlatformAdminAsync(IServiceProvider services, string email, string? name)
    {
        services.GetRequiredService<AuditActor>().ActAsSystem("command");
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var password = GeneratedPassword.New();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? "プラットフォーム管理者", IsPlatformAdmin = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            Console.WriteLine("作成できませんでした: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            return 1;
        }

        Console.WriteLine($"プラットフォーム管理者を作成しました: {email} / {password}");
        Console.WriteLine("初回ログイン時に二要素認証を設定してください。このパスワードは再表示できません。");
        return 0;
    }
}
