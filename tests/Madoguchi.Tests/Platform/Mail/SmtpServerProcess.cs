using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Madoguchi.Tests.Infrastructure;
using MimeKit;

namespace Madoguchi.Tests.Platform.Mail;

/// <summary>
/// A real SMTP server in its own process: Debian's aiosmtpd storing every message it accepts in a
/// Maildir. Debian's python (/usr/bin/python3) is used on purpose; the one first on PATH may be
/// another installation without the package.
/// </summary>
public sealed class SmtpServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _root;

    private SmtpServerProcess(int port, string root, Process process)
    {
        Port = port;
        _root = root;
        _process = process;
    }

    public int Port { get; }

    /// <summary>A loopback port nobody listens on right now (the OS hands out a fresh one).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<SmtpServerProcess> StartAsync(int? port = null)
    {
        var chosen = port ?? FreePort();
        // Python's Maildir creates cur/new/tmp only for a directory that does not exist yet.
        var root = Directory.CreateTempSubdirectory("madoguchi-smtp-").FullName;
        var maildir = Path.Combine(root, "maildir");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{chosen}", "-c", "aiosmtpd.handlers.Mailbox", maildir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start.");
        var server = new SmtpServerProcess(chosen, root, process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                Assert.Fail($"aiosmtpd exited with {process.ExitCode} (is python3-aiosmtpd installed?): {server.Output}");
            }

            return await Accepts(chosen);
        }, $"aiosmtpd listening on 127.0.0.1:{chosen}");
        return server;
    }

    private static async Task<bool> Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Every message received so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        // Maildir writes into tmp/ and renames into new/, so a file in new/ is always complete.
        var folder = Path.Combine(_root, "maildir", "new");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(f => MimeMessage.Load(f)).ToList()
            : [];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
