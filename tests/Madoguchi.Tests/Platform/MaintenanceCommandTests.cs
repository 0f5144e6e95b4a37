using System.Net;
using System.Text.RegularExpressions;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Platform;

public sealed partial class MaintenanceCommandTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [GeneratedRegex(@"プラットフォーム管理者を作成しました: (\S+) / (\S+)")]
    private static partial Regex Created();

    [Fact]
    public async Task First_platform_admin_is_created_from_the_command_line_and_must_enrol_TOTP()
    {
        var email = $"first-admin-{Guid.NewGuid():N}@example.jp";
        var (exitCode, output) = await app.RunAsync("staff", "create-platform-admin", email);
        Assert.Equal(0, exitCode);
        var password = Created().Match(output).Groups[2].Value;
        Assert.True(password.Length >= 12, output);

        var client = await app.SignInAsync(new TestData.StaffInfo(Guid.Empty, email, password));
        var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/staff/two-factor", admin.Headers.Location!.OriginalString);

        var again = await app.RunAsync("staff", "create-platform-admin", email);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("既に登録されています", again.Output);
    }

    [Fact]
    public async Task Audit_verify_of_an_unknown_municipality_says_so()
    {
        var (exitCode, output) = await app.RunAsync("audit", "verify", "131016");
        Assert.Equal(2, exitCode);
        Assert.Contains("団体コード 131016 の自治体はありません。", output);
    }
}
