using System.Diagnostics;
using Madoguchi.Platform.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Infrastructure;

/// <summary>Runs the real Madoguchi.dll as a maintenance command against a test host's database.</summary>
public static class CommandLine
{
    public static async Task<(int ExitCode, string Output)> RunAsync(this MadoguchiApp app, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Madoguchi"] = app.Services.GetRequiredService<StorageInfo>().ConnectionString;
        start.Environment["Platform__DataDirectory"] = app.DataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await errors);
    }
}
