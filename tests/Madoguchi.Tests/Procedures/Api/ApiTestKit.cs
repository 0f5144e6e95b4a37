using System.Net.Http.Headers;
using Madoguchi.Procedures.Api;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Procedures.Api;

internal static class ApiTestKit
{
    /// <summary>An API client of the municipality (optionally of one department) and an HTTP client carrying its key.</summary>
    public static async Task<(Guid Id, string Key, HttpClient Http)> ApiClientAsync(this MadoguchiApp app, TestData.TenantInfo tenant, Guid? department = null, bool mayDecide = false)
    {
        var key = ApiClient.NewKey();
        var client = new ApiClient { TenantId = tenant.Id, Name = "基幹システム", DepartmentId = department, MayDecide = mayDecide, TokenHash = ApiClient.Hash(key) };
        await app.DbAsync(async db =>
        {
            db.Add(client);
            await db.SaveChangesAsync();
        });
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (client.Id, key, http);
    }
}
