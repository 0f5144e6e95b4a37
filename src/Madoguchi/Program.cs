using Madoguchi.Counter;
using Madoguchi.Counter.Assisted;
using Madoguchi.Disaster;
using Madoguchi.Identity;
using Madoguchi.OpenData;
using Madoguchi.Payments;
using Madoguchi.Platform;
using Madoguchi.Procedures;
using Madoguchi.Reports;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.AddIdentityModule();
builder.AddProcedures();
builder.AddReports();
builder.AddCounter();
builder.AddAssistedCounter();
builder.AddDisaster();
builder.AddOpenData();
builder.AddPayments();

var app = builder.Build();

app.UsePlatform();
app.MapPlatform();
app.MapIdentityModule();
app.MapProcedures();
app.MapReports();
app.MapCounter();
app.MapAssistedCounter();
app.MapDisaster();
app.MapOpenData();
app.MapPayments();

await app.PrepareDatabaseAsync();
if (await app.RunCommandAsync(args) is { } exitCode)
{
    return exitCode;
}

await app.RunAsync();
return 0;

/// <summary>Entry point; public so that WebApplicationFactory can host it in tests.</summary>
public partial class Program;
